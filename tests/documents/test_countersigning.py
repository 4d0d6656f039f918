"""Countersigning (会签): rounds, turns, one opinion per body, send-back and resubmission,
bodies without staff, and issue only once every body has signed."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from apps.accounts.choices import Role
from apps.core import clock
from apps.core.versioning import StaleEditError
from apps.documents import services
from apps.documents.choices import Decision, DocumentStatus, SigningOrder
from apps.documents.models import CountersignStep, Document, SignedPage
from tests.documents.conftest import TEXT, issue, make_draft, pdf, sign
from tests.factories import UserFactory, division


def test_submitting_starts_round_one_with_a_turn_for_every_body_at_once(countersigning):
    steps = CountersignStep.objects.filter(document=countersigning)

    assert countersigning.status == DocumentStatus.COUNTERSIGNING
    assert countersigning.round == 1
    assert sorted(s.body.short_name for s in steps) == ["团省委", "省教育厅"]
    assert all(s.is_pending for s in steps)
    version = countersigning.versions.get()
    assert (version.round, version.text) == (1, TEXT)
    assert [item["name"] for item in version.attachments] == ["附件.pdf"]


def test_a_set_order_opens_the_next_turn_only_when_the_one_before_signs(
    office, bodies, league, education
):
    document = make_draft(office, bodies, order=SigningOrder.SEQUENTIAL)
    services.document_submit(actor=office, document=document, seen_version=document.version)

    assert [s.body_id for s in document.steps.all()] == [bodies["league"].pk]
    with pytest.raises(ValidationError) as caught:
        sign(document, education, bodies["education"])
    assert caught.value.code == "not_its_turn"

    sign(document, league, bodies["league"])

    assert document.steps.filter(body=bodies["education"], decision="").exists()
    sign(document, education, bodies["education"])
    document.refresh_from_db()
    assert services.unsigned_bodies(document) == []


def test_only_the_bodys_staff_at_the_documents_division_countersign_for_it(
    countersigning, bodies, league_kunming, edu_province
):
    with pytest.raises(PermissionDenied):
        sign(countersigning, league_kunming, bodies["league"])
    with pytest.raises(PermissionDenied):
        sign(countersigning, edu_province, bodies["league"])
    assert not countersigning.steps.exclude(decision="").exists()


def test_a_body_gives_one_opinion_per_round(countersigning, league, bodies):
    sign(countersigning, league, bodies["league"])

    with pytest.raises(ValidationError) as caught:
        sign(countersigning, league, bodies["league"])

    assert caught.value.code == "already_decided"
    assert countersigning.steps.filter(body=bodies["league"]).count() == 1


def test_a_send_back_needs_comments_and_returns_the_document_to_drafting(
    countersigning, education, bodies
):
    with pytest.raises(ValidationError) as caught:
        sign(countersigning, education, bodies["education"], Decision.SEND_BACK, "  ")
    assert "comment" in caught.value.error_dict

    sign(countersigning, education, bodies["education"], Decision.SEND_BACK, "第二条请修改。")

    countersigning.refresh_from_db()
    assert countersigning.status == DocumentStatus.DRAFTING
    assert countersigning.was_sent_back
    step = countersigning.steps.get(body=bodies["education"])
    assert (step.decision, step.comment, step.acted_by) == (
        Decision.SEND_BACK,
        "第二条请修改。",
        education,
    )


def test_an_opinion_given_on_an_earlier_round_is_refused(
    countersigning, office, league, education, bodies
):
    seen_round = countersigning.round
    sign(countersigning, education, bodies["education"], Decision.SEND_BACK, "请修改。")
    countersigning.refresh_from_db()
    services.document_submit(
        actor=office, document=countersigning, seen_version=countersigning.version
    )

    with pytest.raises(StaleEditError):
        services.document_countersign(
            actor=league,
            document=countersigning,
            body=bodies["league"],
            decision=Decision.SIGN,
            seen_round=seen_round,
        )


def test_the_next_round_asks_every_body_again_and_keeps_the_earlier_steps(
    countersigning, office, league, education, bodies
):
    sign(countersigning, league, bodies["league"])
    sign(countersigning, education, bodies["education"], Decision.SEND_BACK, "请修改。")
    countersigning.refresh_from_db()
    services.document_update(
        actor=office,
        document=countersigning,
        seen_version=countersigning.version,
        title=countersigning.title,
        kind=countersigning.kind,
        text=TEXT + "\n第四条 新增条款。",
        signing_order=countersigning.signing_order,
    )
    countersigning.refresh_from_db()

    services.document_submit(
        actor=office, document=countersigning, seen_version=countersigning.version
    )

    countersigning.refresh_from_db()
    assert countersigning.round == 2
    assert countersigning.steps.filter(round=2, decision="").count() == 2
    assert countersigning.steps.filter(round=1).exclude(decision="").count() == 2
    assert {b.short_name for b in services.unsigned_bodies(countersigning)} == {
        "团省委",
        "省教育厅",
    }


def test_it_is_issued_only_when_every_body_has_signed(
    countersigning, office, league, education, bodies
):
    sign(countersigning, league, bodies["league"])
    with pytest.raises(ValidationError) as caught:
        issue(countersigning, office)
    assert caught.value.code == "not_signed"

    sign(countersigning, education, bodies["education"])
    issued = issue(countersigning, office)

    assert issued.status == DocumentStatus.ISSUED
    assert issued.issued_on == clock.today()
    assert issued.number == f"云少工委发〔{clock.today().year}〕12号"


def test_only_the_drafting_office_issues(countersigning, league, education, bodies):
    sign(countersigning, league, bodies["league"])
    sign(countersigning, education, bodies["education"])

    with pytest.raises(PermissionDenied):
        issue(countersigning, league)


def test_a_body_without_staff_is_signed_for_by_the_drafting_office_with_its_signed_page(
    office, bodies, league
):
    document = make_draft(office, bodies, co_issuers=("hr",))
    services.document_submit(actor=office, document=document, seen_version=document.version)

    with pytest.raises(PermissionDenied):
        sign(document, league, bodies["hr"])
    with pytest.raises(ValidationError) as caught:
        sign(document, office, bodies["hr"])
    assert "signed_page" in caught.value.error_dict

    step = sign(document, office, bodies["hr"], signed_page=pdf("人社厅会签页.pdf"))

    assert step.on_behalf
    page = SignedPage.objects.get(step=step)
    assert (page.original_name, page.content_type) == ("人社厅会签页.pdf", "application/pdf")
    assert issue(document, office).is_issued


def test_a_signed_page_must_be_a_pdf(office, bodies):
    document = make_draft(office, bodies, co_issuers=("hr",))
    services.document_submit(actor=office, document=document, seen_version=document.version)
    text = SimpleUploadedFile("会签页.pdf", b"not a pdf at all", content_type="application/pdf")

    with pytest.raises(ValidationError) as caught:
        sign(document, office, bodies["hr"], signed_page=text)

    assert "signed_page" in caught.value.error_dict
    assert not SignedPage.objects.exists()


def test_a_document_without_co_issuers_is_issued_straight_from_drafting(office, bodies):
    document = make_draft(office, bodies, co_issuers=())

    with pytest.raises(ValidationError) as caught:
        services.document_submit(actor=office, document=document, seen_version=document.version)
    assert caught.value.code == "no_co_issuers"

    issued = issue(document, office)

    assert issued.is_issued
    assert issued.versions.get().round == 1


def test_submitting_refuses_a_requested_by_date_that_has_passed(office, bodies, time_machine):
    document = make_draft(office, bodies)
    time_machine.move_to(clock.now() + datetime.timedelta(days=30))

    with pytest.raises(ValidationError) as caught:
        services.document_submit(actor=office, document=document, seen_version=document.version)

    assert caught.value.code == "due_passed"
    assert Document.objects.get(pk=document.pk).is_drafting


def test_the_number_is_checked_for_form_year_and_uniqueness(
    issued, office, bodies, league, education
):
    second = make_draft(office, bodies, title="云南省少先队教育纲要")
    services.document_submit(actor=office, document=second, seen_version=second.version)
    sign(second, league, bodies["league"])
    sign(second, education, bodies["education"])
    year = clock.today().year

    for number, needle in [
        (f"云少工委发[{year}]13号", "〔〕"),
        (f"云少工委发〔{year - 1}〕13号", str(year - 1)),
        (issued.number, issued.title),
    ]:
        with pytest.raises(ValidationError) as caught:
            issue(second, office, number=number)
        assert needle in " ".join(caught.value.message_dict["number"])

    assert issue(second, office, number=f"云少工委发〔{year}〕13号").is_issued


def test_a_joint_document_is_dated_no_earlier_than_its_last_signature(
    countersigning, office, league, education, bodies
):
    sign(countersigning, league, bodies["league"])
    sign(countersigning, education, bodies["education"])
    countersigning.refresh_from_db()

    with pytest.raises(ValidationError) as caught:
        services.document_issue(
            actor=office,
            document=countersigning,
            number=f"云少工委发〔{clock.today().year}〕1号",
            dated_on=clock.today() - datetime.timedelta(days=1),
            seen_version=countersigning.version,
        )

    assert "dated_on" in caught.value.error_dict


def test_the_draft_cannot_change_while_the_bodies_are_signing_it(countersigning, office):
    with pytest.raises(ValidationError) as caught:
        services.document_update(
            actor=office,
            document=countersigning,
            seen_version=countersigning.version,
            title="改过的标题",
            kind=countersigning.kind,
            text="改过的正文",
            signing_order=countersigning.signing_order,
        )

    assert caught.value.code == "not_drafting"
    assert Document.objects.get(pk=countersigning.pk).title != "改过的标题"


def test_a_co_issuer_must_be_of_the_documents_division(draft, office, bodies):
    with pytest.raises(ValidationError) as caught:
        services.coissuer_add(
            actor=office,
            document=draft,
            body=bodies["kunming_league"],
            due_on=clock.today(),
        )

    assert "body" in caught.value.error_dict


def test_only_staff_of_the_lead_body_draft_for_it(bodies, edu_province, league_kunming):
    for actor in (edu_province, league_kunming):
        with pytest.raises(ValidationError) as caught:
            services.document_create(
                actor=actor, title="草稿", kind="notice", lead_body=bodies["league"], text="正文"
            )
        assert "lead_body" in caught.value.error_dict

    staff = UserFactory(username="league_staff_2", role=Role.LEAGUE, division=division("530000"))
    document = services.document_create(
        actor=staff, title="草稿", kind="notice", lead_body=bodies["league"], text="正文"
    )
    assert document.division_id == "530000"


def test_acting_for_a_body_also_needs_the_roles_right_to_countersign(office, bodies):
    # A body misconfigured to be signed for by read-only officials: their role has no right.
    body = bodies["hr"]
    body.kind, body.signer_role = "committee_office", Role.OFFICIAL
    body.save()
    official = UserFactory(username="official_p", role=Role.OFFICIAL, division=division("530000"))
    document = make_draft(office, bodies, co_issuers=("hr",))
    services.document_submit(actor=office, document=document, seen_version=document.version)

    with pytest.raises(PermissionDenied):
        sign(document, official, body)
