"""Fixtures for the pairing area: a school of Wuhua with its counselor and staff, one of
Yuxi, League staff at each level, a university, and a wish through the services.

People: the shared personas (``league_province``, ``league_kunming``, ``edu_kunming``,
``edu_wuhua``, ``official_kunming``), ``league_wuhua`` (League staff of 530102),
``league_yuxi`` (League staff of 530400), ``counselor`` and ``school_staff`` of ``school``
(Wuhua), ``other_counselor`` of ``other_school`` (also Wuhua).
"""

from decimal import Decimal

import pytest

from apps.accounts.choices import Role
from apps.pairing import services
from apps.pairing.choices import InstitutionKind, WishCategory
from tests.factories import SchoolFactory, UserFactory, division


@pytest.fixture
def school(divisions):
    return SchoolFactory(name="五华区红旗小学", county=division("530102"))


@pytest.fixture
def other_school(divisions):
    return SchoolFactory(name="五华区春苗小学", county=division("530102"))


@pytest.fixture
def brigade(school):
    return school.brigades.get()


@pytest.fixture
def counselor(school):
    return UserFactory(username="pair_counselor", role=Role.COUNSELOR, division=None, school=school)


@pytest.fixture
def school_staff(school):
    return UserFactory(username="pair_school", role=Role.EDUCATION, division=None, school=school)


@pytest.fixture
def other_counselor(other_school):
    return UserFactory(
        username="pair_other", role=Role.COUNSELOR, division=None, school=other_school
    )


@pytest.fixture
def league_wuhua(divisions):
    return UserFactory(username="pair_league_wuhua", role=Role.LEAGUE, division=division("530102"))


@pytest.fixture
def league_yuxi(divisions):
    return UserFactory(username="pair_league_yuxi", role=Role.LEAGUE, division=division("530400"))


@pytest.fixture
def university(league_province):
    return services.institution_create(
        actor=league_province,
        name="云南大学",
        kind=InstitutionKind.UNIVERSITY,
        league_committee="云南大学团委",
        prefecture=division("530100"),
        contact_office="校团委志愿者工作部",
        contact_phone="0871-65031234",
    )


def post(counselor, brigade, **terms):
    values = {
        "card_label": "某校三年级队员",
        "text": "想要一套水彩笔和一本图画本",
        "category": WishCategory.ARTS,
        "estimated_value": Decimal("45.00"),
        **terms,
    }
    return services.wish_post(actor=counselor, brigade=brigade, **values)


@pytest.fixture
def wish(counselor, brigade):
    return post(counselor, brigade)
