import datetime
import io
import random

import pytest
from django.core.management.base import CommandError

from apps.accounts.choices import Role
from apps.core import clock
from apps.core.evidence import sniff_evidence_type as sniff_content_type
from apps.titles import demo
from apps.titles.choices import ApplicationStatus, ReviewLevel, Track
from apps.titles.models import EvidenceFile, ReviewStep, TitleApplication
from apps.titles.selectors import reviewer_level, title_queue_count
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.titles import ApplicantFactory

# One county in every division the demo plan names.
COUNTIES = [
    "530102",
    "530103",
    "530111",
    "530112",
    "530302",
    "530402",
    "530502",
    "530602",
    "530802",
    "532301",
    "532501",
]


@pytest.fixture
def registry(divisions, edu_wuhua, edu_kunming, edu_yuxi, edu_province):
    """What the earlier seeders leave: an administrator and counselors without accounts."""
    UserFactory(username="admin", role=Role.PROVINCIAL_ADMIN, division=division("530000"))
    for code in COUNTIES:
        school = SchoolFactory(county=division(code))
        for _ in range(2):
            ApplicantFactory(school=school, user=None)


def _seed():
    demo.seed(rng=random.Random(2018), stdout=io.StringIO())


def test_the_demo_reproduces_the_2017_young_pioneer_titles(registry):
    _seed()

    won = TitleApplication.objects.filter(
        year=2017, track=Track.YP_ACTIVITIES, status=ApplicationStatus.APPROVED
    )
    prefectures = sorted(a.applicant.county_id[:4] + "00" for a in won)
    assert prefectures == ["530100", "530100", "530300", "530400"]
    for application in won:
        levels = list(
            application.steps.filter(round=application.submission_count)
            .order_by("acted_at", "id")
            .values_list("level", "decision")
        )
        assert levels == [
            ("school", "approve"),
            ("county", "approve"),
            ("prefecture", "approve"),
            ("province", "approve"),
        ]
        assert application.applicant.teacher_title == application.target_title
        assert application.decided_at.year == 2017
    assert ReviewStep.objects.filter(decision="return", application__year=2017).exists()


def test_the_demo_leaves_the_2018_round_waiting_at_every_level(
    registry, edu_wuhua, edu_kunming, edu_yuxi, edu_province
):
    _seed()

    current = TitleApplication.objects.filter(year=2018)
    levels = set(current.values_list("current_level", flat=True))
    assert {"school", "county", "prefecture", "province"} <= levels
    assert current.filter(status=ApplicationStatus.RETURNED).exists()
    assert current.filter(status=ApplicationStatus.DRAFT).exists()
    assert current.filter(track=Track.SUBJECT).exists()
    for reviewer in (edu_wuhua, edu_kunming, edu_yuxi, edu_province):
        assert title_queue_count(actor=reviewer) >= 1, reviewer.username
    # every application has true PDF evidence
    for application in TitleApplication.objects.all():
        evidence = application.evidence.first()
        with evidence.file.open("rb") as handle:
            assert sniff_content_type(handle.read(32)) == "application/pdf"


def test_the_demo_counselor_account_gets_a_returned_application(registry, school_counselor):
    _seed()

    application = TitleApplication.objects.get(applicant=school_counselor)
    assert application.status == ApplicationStatus.RETURNED
    assert application.steps.get().level == ReviewLevel.SCHOOL


@pytest.fixture
def school_counselor(registry):
    school = SchoolFactory(county=division("530102"))
    user = UserFactory(username="counselor", role=Role.COUNSELOR, division=None, school=school)
    return ApplicantFactory(school=school, user=user, teacher_title="second")


def test_the_demo_refuses_to_run_without_counselors(divisions, province_admin):
    with pytest.raises(CommandError):
        _seed()
    assert not TitleApplication.objects.exists()


def test_every_step_of_the_past_rounds_carries_its_own_years_dates(registry):
    _seed()

    for year in (2017, 2018):
        applications = TitleApplication.objects.filter(year=year)
        assert {a.created_at.year for a in applications} == {year}
        steps = ReviewStep.objects.filter(application__year=year)
        assert {step.acted_at.year for step in steps} == {year}
        evidence = EvidenceFile.objects.filter(application__year=year)
        assert {e.uploaded_at.year for e in evidence} == {year}


def test_the_current_round_has_something_recent_for_each_demo_reviewer(
    registry, edu_wuhua, edu_kunming, edu_yuxi, edu_province
):
    _seed()

    now = clock.now()
    current = TitleApplication.objects.filter(year=clock.today().year)
    waiting = current.filter(status=ApplicationStatus.SUBMITTED)
    assert set(waiting.values_list("current_level", flat=True)) == {
        "school",
        "county",
        "prefecture",
        "province",
    }
    for application in waiting:
        assert now - datetime.timedelta(days=21) < application.waiting_since <= now
    for reviewer in (edu_wuhua, edu_kunming, edu_yuxi, edu_province):
        level = reviewer_level(reviewer)
        mine = waiting.filter(pk__in=TitleApplication.objects.for_actor(reviewer).awaiting(level))
        assert mine.exists(), reviewer.username


def test_the_application_waiting_at_a_school_waits_for_the_readme_school_reviewer(registry):
    school = SchoolFactory(county=division("530102"))
    for _ in range(2):
        ApplicantFactory(school=school, user=None)
    UserFactory(username="counselor", role=Role.COUNSELOR, school=school, division=None)
    edu_school = UserFactory(
        username="edu_school", role=Role.EDUCATION, school=school, division=None
    )

    _seed()

    (waiting,) = TitleApplication.objects.filter(
        year=clock.today().year,
        status=ApplicationStatus.SUBMITTED,
        current_level=ReviewLevel.SCHOOL,
    )
    assert waiting.applicant.school == school
    assert reviewer_level(edu_school) == ReviewLevel.SCHOOL
    queue = TitleApplication.objects.for_actor(edu_school).awaiting(ReviewLevel.SCHOOL)
    assert list(queue) == [waiting]
