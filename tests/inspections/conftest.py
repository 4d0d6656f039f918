"""Fixtures for joint inspections: a running 2018 campaign led by the provincial League,
with the ``inspector`` persona on its team and reports on Kunming and Yuxi."""

import pytest

from apps.accounts.choices import Role
from tests.factories import UserFactory, division
from tests.factories.inspections import running_campaign


@pytest.fixture
def lead(league_province):
    return league_province


@pytest.fixture
def campaign_reports(lead, inspector):
    return running_campaign(
        lead=lead, inspectors=[inspector], targets=[division("530100"), division("530400")]
    )


@pytest.fixture
def campaign(campaign_reports):
    return campaign_reports[0]


@pytest.fixture
def kunming_report(campaign_reports):
    return campaign_reports[1][0]


@pytest.fixture
def yuxi_report(campaign_reports):
    return campaign_reports[1][1]


@pytest.fixture
def other_inspector(divisions):
    """An inspector with the same provincial scope who is on no team."""
    return UserFactory(username="inspector_other", role=Role.INSPECTOR, division=division("530000"))


@pytest.fixture
def kunming_inspector(divisions):
    """An inspector of Kunming: one a Kunming campaign's manager may put on its team."""
    return UserFactory(
        username="inspector_kunming", role=Role.INSPECTOR, division=division("530100")
    )
