import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.accounts.choices import Role
from apps.core import clock
from apps.core.versioning import StaleEditError
from apps.counselors.choices import TeacherTitle
from apps.titles import services
from apps.titles.choices import ApplicationStatus, Decision, ReviewLevel, Track
from apps.titles.models import ReviewStep, TitleApplication
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.titles import THIS_YEAR, ApplicantFactory, upload
from tests.titles.conftest import create, decide, update

CHAIN = [ReviewLevel.SCHOOL, ReviewLevel.COUNTY, ReviewLevel.PREFECTURE, ReviewLevel.PROVINCE]


def _error_codes(error: ValidationError) -> set[str]:
    if hasattr(error, "error_dict"):
        return {e.code for errors in error.error_dict.values() for e in errors}
    return {e.code for e in error.error_list}


def test_it_approves_an_application_through_all_four_levels(
    submitted, review, applicant, reviewers
):
    # given a submitted application at school level
    assert (submitted.status, submitted.current_level) == ("submitted", "school")

    # when every level approves in turn
    for level, next_level in zip(CHAIN, [*CHAIN[1:], ""], strict=True):
        review(submitted, level)
        submitted.refresh_from_db()
        if next_level:
            assert (submitted.status, submitted.current_level) == ("submitted", next_level)

    # then it is approved, every step is kept, and the counselor holds the title won
    assert submitted.status == ApplicationStatus.APPROVED
    assert submitted.current_level == ""
    assert submitted.decided_at is not None
    steps = list(submitted.steps.order_by("id").values_list("level", "decision", "round"))
    assert steps == [(level.value, "approve", 1) for level in CHAIN]
    applicant.refresh_from_db()
    assert applicant.teacher_title == TeacherTitle.FIRST
    assert applicant.updated_by == reviewers[ReviewLevel.PROVINCE]


def test_it_returns_with_a_reason_and_review_restarts_at_school_on_resubmission(
    submitted, review, applicant
):
    # given the school approved and the county returns it
    review(submitted, ReviewLevel.SCHOOL)
    review(submitted, ReviewLevel.COUNTY, Decision.RETURN, "请补充近三年少先队活动课教案。")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.RETURNED
    assert submitted.current_level == ""

    # when the applicant edits it and resubmits
    update(
        applicant.user, submitted, track=Track.YP_ACTIVITIES, statement="补充了少先队活动课教案。"
    )
    services.evidence_add(actor=applicant.user, application=submitted, upload=upload("教案.pdf"))
    services.title_application_resubmit(actor=applicant.user, application=submitted)

    # then it waits at school level again, as the second submission
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level) == ("submitted", "school")
    assert submitted.submission_count == 2
    assert submitted.statement == "补充了少先队活动课教案。"
    # and the second round runs the whole chain
    for level in CHAIN:
        review(submitted, level)
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.APPROVED
    rounds = list(submitted.steps.order_by("id").values_list("round", "level", "decision"))
    assert rounds[:2] == [(1, "school", "approve"), (1, "county", "return")]
    assert [r[0] for r in rounds[2:]] == [2, 2, 2, 2]
    assert submitted.steps.get(decision="return").comment == "请补充近三年少先队活动课教案。"


def test_it_makes_rejection_final(submitted, review, applicant, reviewers):
    review(submitted, ReviewLevel.SCHOOL, Decision.REJECT, "不符合申报条件。")
    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.REJECTED
    assert submitted.decided_at is not None

    with pytest.raises(ValidationError):
        services.title_application_resubmit(actor=applicant.user, application=submitted)
    with pytest.raises(ValidationError):
        update(applicant.user, submitted)
    with pytest.raises(ValidationError):
        services.evidence_add(actor=applicant.user, application=submitted, upload=upload())
    for level in CHAIN:
        with pytest.raises(ValidationError):
            review(submitted, level)

    submitted.refresh_from_db()
    assert submitted.status == ApplicationStatus.REJECTED
    assert ReviewStep.objects.filter(application=submitted).count() == 1
    applicant.refresh_from_db()
    assert applicant.teacher_title == TeacherTitle.SECOND


@pytest.mark.parametrize("decision", [Decision.RETURN, Decision.REJECT])
@pytest.mark.parametrize("comment", ["", "   "])
def test_it_requires_a_reason_to_return_or_reject(submitted, review, decision, comment):
    with pytest.raises(ValidationError) as raised:
        review(submitted, ReviewLevel.SCHOOL, decision, comment)

    assert "comment" in raised.value.error_dict
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level) == ("submitted", "school")
    assert not ReviewStep.objects.exists()


def test_it_refuses_a_reviewer_outside_the_applicants_scope(submitted, edu_yuxi, divisions):
    # A Yuxi reviewer, and a reviewer at another Wuhua school: both out of scope.
    other_school = UserFactory(
        role=Role.EDUCATION, division=None, school=SchoolFactory(county=division("530102"))
    )
    for outsider in (edu_yuxi, other_school):
        with pytest.raises(PermissionDenied):
            decide(outsider, submitted)

    submitted.refresh_from_db()
    assert submitted.current_level == ReviewLevel.SCHOOL
    assert not ReviewStep.objects.exists()


@pytest.mark.parametrize(
    "level", [ReviewLevel.COUNTY, ReviewLevel.PREFECTURE, ReviewLevel.PROVINCE]
)
def test_it_refuses_a_reviewer_at_the_wrong_level(submitted, reviewers, level):
    with pytest.raises(ValidationError) as raised:
        decide(reviewers[level], submitted)

    assert _error_codes(raised.value) == {"wrong_level"}
    submitted.refresh_from_db()
    assert submitted.current_level == ReviewLevel.SCHOOL
    assert not ReviewStep.objects.exists()


@pytest.mark.parametrize("role", [Role.LEAGUE, Role.OFFICIAL, Role.INSPECTOR, Role.COUNSELOR])
def test_it_lets_only_education_staff_review(submitted, school, role):
    outsider = UserFactory(role=role, division=None, school=school)

    with pytest.raises(PermissionDenied):
        decide(outsider, submitted)
    assert not ReviewStep.objects.exists()


def test_the_second_of_two_decisions_on_the_same_version_fails_and_changes_nothing(
    submitted, edu_school, school
):
    # given two reviewers at the same school, both looking at version v
    colleague = UserFactory(role=Role.EDUCATION, division=None, school=school)
    seen = submitted.version

    # when both decide on what they saw
    decide(edu_school, submitted, seen_version=seen)
    with pytest.raises(StaleEditError) as raised:
        decide(
            colleague, submitted, decision=Decision.REJECT, comment="材料不全", seen_version=seen
        )

    # then the first decision stands alone
    assert raised.value.code == "stale"
    submitted.refresh_from_db()
    assert (submitted.status, submitted.current_level) == ("submitted", "county")
    assert list(ReviewStep.objects.values_list("reviewer", "decision")) == [
        (edu_school.pk, "approve")
    ]


def test_it_lets_only_the_applicant_edit_and_only_while_draft_or_returned(draft, applicant, school):
    other = ApplicantFactory(school=school)
    with pytest.raises(PermissionDenied):
        update(other.user, draft, statement="改写")
    with pytest.raises(PermissionDenied):
        services.title_application_submit(actor=other.user, application=draft)

    services.title_application_submit(actor=applicant.user, application=draft)
    with pytest.raises(ValidationError) as raised:
        update(applicant.user, draft, statement="改写")
    assert _error_codes(raised.value) == {"not_editable"}
    draft.refresh_from_db()
    assert draft.track == Track.YP_ACTIVITIES


def test_it_allows_one_open_application_a_year(draft, applicant):
    with pytest.raises(ValidationError):
        create(applicant.user, statement="第二份申请")
    assert TitleApplication.objects.filter(applicant=applicant).count() == 1

    # another year is fine
    create(applicant.user, year=THIS_YEAR + 1)
    assert TitleApplication.objects.filter(applicant=applicant).count() == 2


def test_a_closed_application_frees_its_year(submitted, review, applicant):
    review(submitted, ReviewLevel.SCHOOL, Decision.REJECT, "不符合条件")

    again = create(applicant.user)
    assert again.status == ApplicationStatus.DRAFT


def test_it_refuses_a_target_title_that_is_no_promotion(applicant):
    with pytest.raises(ValidationError) as raised:
        create(applicant.user, target_title="second")  # already held
    assert "target_title" in raised.value.error_dict
    assert not TitleApplication.objects.exists()


def test_it_refuses_to_submit_without_evidence(applicant):
    application = create(applicant.user)
    with pytest.raises(ValidationError) as raised:
        services.title_application_submit(actor=applicant.user, application=application)

    assert _error_codes(raised.value) == {"no_evidence"}
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT


def test_it_refuses_an_application_from_a_user_without_a_counselor_record(edu_wuhua):
    with pytest.raises(PermissionDenied):
        create(edu_wuhua)


def test_a_county_chief_counselors_application_starts_at_county_level(divisions, edu_wuhua):
    chief = ApplicantFactory(county_chief=True, county=division("530102"))
    application = create(chief.user, track=Track.YP_ACTIVITIES, target_title="senior")
    services.evidence_add(actor=chief.user, application=application, upload=upload())

    services.title_application_submit(actor=chief.user, application=application)

    application.refresh_from_db()
    assert application.current_level == ReviewLevel.COUNTY
    decide(edu_wuhua, application)
    application.refresh_from_db()
    assert application.current_level == ReviewLevel.PREFECTURE


def test_every_change_raises_the_version(draft, applicant, review):
    versions = [draft.version]
    update(applicant.user, draft, statement="y")
    draft.refresh_from_db()
    versions.append(draft.version)
    services.title_application_submit(actor=applicant.user, application=draft)
    draft.refresh_from_db()
    versions.append(draft.version)
    review(draft, ReviewLevel.SCHOOL)
    draft.refresh_from_db()
    versions.append(draft.version)

    assert versions == sorted(set(versions))


# The applicant's edit carries its version --------------------------------------------------


def test_an_applicants_edit_over_a_newer_change_is_refused(draft, applicant):
    # given the edit page was loaded, then a file was added in another tab
    seen = draft.version
    services.evidence_add(actor=applicant.user, application=draft, upload=upload("第二份.pdf"))

    # when the page as loaded is saved
    with pytest.raises(StaleEditError):
        update(applicant.user, draft, statement="改写", seen_version=seen)

    # then nothing of it is written
    draft.refresh_from_db()
    assert (draft.track, draft.version) == (Track.YP_ACTIVITIES, seen + 1)


# Rounds and the clock ----------------------------------------------------------------------


@pytest.mark.parametrize("year", [THIS_YEAR - 1, THIS_YEAR + 2])
def test_only_this_years_and_next_years_rounds_are_open(applicant, year):
    with pytest.raises(ValidationError) as raised:
        create(applicant.user, year=year)

    assert set(raised.value.error_dict) == {"year"}
    assert not TitleApplication.objects.exists()


def test_a_past_round_is_written_with_the_clock_set_to_its_own_days(applicant, reviewers):
    # given the portal's clock set to the 2017 round
    with clock.travel(datetime.date(2017, 3, 6)):
        application = create(applicant.user, track=Track.YP_ACTIVITIES, year=2017)
        services.evidence_add(actor=applicant.user, application=application, upload=upload())
        application = services.title_application_submit(
            actor=applicant.user, application=application
        )
    with clock.travel(datetime.date(2017, 3, 20)):
        step = decide(reviewers[ReviewLevel.SCHOOL], application)

    # then every date is the round's own
    application.refresh_from_db()
    assert application.created_at.date() == datetime.date(2017, 3, 6)
    assert application.submitted_at.date() == datetime.date(2017, 3, 6)
    assert application.evidence.get().uploaded_at.date() == datetime.date(2017, 3, 6)
    assert step.acted_at.date() == datetime.date(2017, 3, 20)
    assert application.waiting_since.date() == datetime.date(2017, 3, 20)
