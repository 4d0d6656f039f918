"""Fixtures for title applications: an applicant at a Wuhua school and a reviewer at each
level of the chain (the school, Wuhua county, Kunming prefecture, the province)."""

import pytest

from apps.accounts.choices import Role
from apps.titles import services
from apps.titles.choices import Decision, ReviewLevel, Track
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.titles import THIS_YEAR, ApplicantFactory, upload

# What an application says unless a test says otherwise.
APPLICATION = {"track": Track.SUBJECT, "target_title": "first", "year": THIS_YEAR, "statement": "x"}


def create(actor, **fields):
    """``actor`` creates a title application through the service, with ``fields`` over
    ``APPLICATION``."""
    return services.title_application_create(actor=actor, **{**APPLICATION, **fields})


def update(actor, application, **fields):
    """``actor`` saves ``application`` through the service, with ``fields`` over
    ``APPLICATION``."""
    return services.title_application_update(
        actor=actor, application=application, **{**APPLICATION, **fields}
    )


def decide(actor, application, decision=Decision.APPROVE, comment="", seen_version=None):
    """``actor`` decides on ``application`` through the service, as seen at ``seen_version``:
    by default the version the object holds, without reloading it."""
    return services.title_application_review(
        actor=actor,
        application=application,
        decision=decision,
        comment=comment,
        seen_version=application.version if seen_version is None else seen_version,
    )


@pytest.fixture
def school(divisions):
    return SchoolFactory(name="昆明市五华区红旗小学", county=division("530102"))


@pytest.fixture
def applicant(school):
    return ApplicantFactory(name="李晓梅", school=school)


@pytest.fixture
def edu_school(school):
    return UserFactory(username="edu_school", role=Role.EDUCATION, division=None, school=school)


@pytest.fixture
def reviewers(edu_school, edu_wuhua, edu_kunming, edu_province):
    return {
        ReviewLevel.SCHOOL: edu_school,
        ReviewLevel.COUNTY: edu_wuhua,
        ReviewLevel.PREFECTURE: edu_kunming,
        ReviewLevel.PROVINCE: edu_province,
    }


@pytest.fixture
def draft(applicant):
    """A draft with one evidence file, ready to submit."""
    application = create(
        applicant.user,
        track=Track.YP_ACTIVITIES,
        statement="担任大队辅导员八年，组织红领巾广播站和鼓号队。",
    )
    services.evidence_add(actor=applicant.user, application=application, upload=upload())
    application.refresh_from_db()
    return application


@pytest.fixture
def submitted(draft, applicant):
    """The draft, submitted: waiting at school level."""
    return services.title_application_submit(actor=applicant.user, application=draft)


@pytest.fixture
def review(reviewers):
    """``review(application, level, decision="approve", comment="")``: the reviewer of that
    level decides on the application as it stands now."""

    def _review(application, level, decision="approve", comment=""):
        application.refresh_from_db()
        return decide(reviewers[level], application, decision, comment)

    return _review
