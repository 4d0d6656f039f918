"""The joint-meeting services: each re-checks the actor's right and scope, refuses bad terms
next to the field, records the actor, and reports a decision done once."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.choices import Role
from apps.core import clock
from apps.documents.demo import pdf_bytes
from apps.meetings import services
from apps.meetings.choices import DecisionStatus, OwnerSide
from apps.meetings.models import Decision, Meeting, Minutes
from tests.concurrency import at_once
from tests.factories import UserFactory, division
from tests.meetings.conftest import HELD_ON, decide

D = datetime.date


def test_staff_of_the_convening_division_record_a_meeting(meeting, league_province, bodies):
    assert set(meeting.bodies.all()) == set(bodies)
    assert meeting.history.get().history_user == league_province


@pytest.mark.parametrize("who", ["league_kunming", "official_kunming", "inspector"])
def test_others_cannot_record_a_provincial_meeting(request, divisions, who):
    actor = request.getfixturevalue(who)

    with pytest.raises(PermissionDenied):
        services.meeting_create(
            actor=actor, division=division("530000"), title="x", held_on=HELD_ON
        )
    assert not Meeting.objects.exists()


def test_a_meeting_is_recorded_once_held(league_province, divisions):
    with pytest.raises(ValidationError) as refused:
        services.meeting_create(
            actor=league_province,
            division=division("530000"),
            title="x",
            held_on=clock.today() + datetime.timedelta(days=1),
        )

    assert "held_on" in refused.value.error_dict


def test_minutes_are_pdf_docx_or_ofd_by_their_bytes(
    meeting, league_province, django_capture_on_commit_callbacks
):
    png_named_pdf = SimpleUploadedFile(
        "纪要.pdf", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"0" * 40
    )
    with pytest.raises(ValidationError) as refused:
        services.minutes_upload(actor=league_province, meeting=meeting, upload=png_named_pdf)
    assert "minutes" in refused.value.error_dict

    services.minutes_upload(
        actor=league_province,
        meeting=meeting,
        upload=SimpleUploadedFile("纪要.pdf", pdf_bytes("one")),
    )
    first = Minutes.objects.get().file
    with django_capture_on_commit_callbacks(execute=True):
        services.minutes_upload(
            actor=league_province,
            meeting=meeting,
            upload=SimpleUploadedFile("纪要2.pdf", pdf_bytes("two")),
        )
    assert not first.storage.exists(first.name)
    minutes = Minutes.objects.get()
    assert (minutes.original_name, minutes.content_type) == ("纪要2.pdf", "application/pdf")
    assert minutes.file.read().startswith(b"%PDF-")


def test_a_decision_is_owned_by_one_side_of_a_division_below_the_meeting(
    kunming_decision, edu_kunming
):
    assert kunming_decision.owner_label == "昆明市" + str(OwnerSide.EDUCATION.label)
    assert kunming_decision.responsible == edu_kunming


def test_the_responsible_person_works_for_the_owner_body(meeting, league_province, edu_kunming):
    # A League decision cannot be given to education staff, nor to staff of another division.
    with pytest.raises(ValidationError) as wrong_side:
        decide(meeting, league_province, edu_kunming, side=OwnerSide.LEAGUE)
    assert "responsible" in wrong_side.value.error_dict

    with pytest.raises(ValidationError) as wrong_division:
        decide(meeting, league_province, edu_kunming, code="530400")
    assert "responsible" in wrong_division.value.error_dict


def test_a_prefecture_meeting_cannot_task_another_prefecture(league_kunming, edu_yuxi):
    kunming_meeting = services.meeting_create(
        actor=league_kunming, division=division("530100"), title="昆明市联席会议", held_on=HELD_ON
    )

    with pytest.raises(ValidationError) as refused:
        decide(kunming_meeting, league_kunming, edu_yuxi, code="530400")

    assert "owner_division" in refused.value.error_dict


def test_a_decision_cannot_be_due_before_its_meeting(meeting, league_province, edu_kunming):
    with pytest.raises(ValidationError) as refused:
        decide(meeting, league_province, edu_kunming, due_on=D(2018, 1, 1))

    assert "due_on" in refused.value.error_dict


def test_the_owner_body_reports_a_decision_done(kunming_decision, divisions):
    colleague = UserFactory(role=Role.EDUCATION, division=division("530100"))

    done = services.decision_complete(
        actor=colleague, decision=kunming_decision, outcome="已配齐", done_on=D(2019, 5, 1)
    )

    assert (done.status, done.done_on, done.version) == (DecisionStatus.DONE, D(2019, 5, 1), 2)
    with pytest.raises(ValidationError):
        services.decision_complete(actor=colleague, decision=done, outcome="again")


@pytest.mark.parametrize("who", ["league_kunming", "edu_yuxi", "edu_wuhua"])
def test_others_cannot_report_it_done(request, kunming_decision, who):
    # The other side, another prefecture, a county below.
    with pytest.raises(PermissionDenied):
        services.decision_complete(
            actor=request.getfixturevalue(who), decision=kunming_decision, outcome="x"
        )


def test_done_needs_what_was_done_and_a_date_after_the_meeting(kunming_decision, edu_kunming):
    with pytest.raises(ValidationError) as no_outcome:
        services.decision_complete(actor=edu_kunming, decision=kunming_decision, outcome=" ")
    assert "outcome" in no_outcome.value.error_dict

    with pytest.raises(ValidationError) as too_early:
        services.decision_complete(
            actor=edu_kunming, decision=kunming_decision, outcome="x", done_on=D(2018, 1, 1)
        )
    assert "done_on" in too_early.value.error_dict


def test_a_stale_change_is_refused(kunming_decision, league_province, edu_kunming):
    services.decision_complete(actor=edu_kunming, decision=kunming_decision, outcome="已配齐")

    with pytest.raises(ValidationError) as refused:
        services.decision_update(
            actor=league_province,
            decision=kunming_decision,
            text="x",
            owner_division=kunming_decision.owner_division,
            owner_side=kunming_decision.owner_side,
            responsible=edu_kunming,
            due_on=kunming_decision.due_on,
            seen_version=1,
        )

    assert refused.value.code == "stale"


@pytest.mark.django_db(transaction=True)
def test_of_two_reporting_a_decision_done_at_once_one_wins(divisions):
    league = UserFactory(role=Role.LEAGUE, division=division("530000"))
    education = UserFactory(role=Role.EDUCATION, division=division("530100"))
    colleague = UserFactory(role=Role.EDUCATION, division=division("530100"))
    meeting = services.meeting_create(
        actor=league, division=division("530000"), title="联席会议", held_on=HELD_ON
    )
    decision = decide(meeting, league, education)

    def complete(actor):
        return lambda: services.decision_complete(actor=actor, decision=decision, outcome="已完成")

    outcomes = at_once([complete(education), complete(colleague)])

    refused = [outcome.error for outcome in outcomes if outcome.error is not None]
    assert len(refused) == 1 and isinstance(refused[0], ValidationError), outcomes
    assert refused[0].messages[0]
    assert Decision.objects.get().history.count() == 2
