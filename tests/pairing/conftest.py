"""Fixtures for the pairing area: a school of Wuhua with its counselor and staff, one of
Yuxi, League staff at each level, a university, and a wish through the services.

People: the shared personas (``league_province``, ``league_kunming``, ``edu_kunming``,
``edu_wuhua``, ``official_kunming``), ``league_wuhua`` (League staff of 530102),
``league_yuxi`` (League staff of 530400), ``counselor`` and ``school_staff`` of ``school``
(Wuhua), ``other_counselor`` of ``other_school`` (also Wuhua).

The school, its counselor and staff, ``league_wuhua`` and the university are made by plain
functions (``make_school`` and the like), which tests outside this folder call too.
"""

from decimal import Decimal

import pytest

from apps.accounts.choices import Role
from apps.pairing import services
from apps.pairing.choices import InstitutionKind, WishCategory
from tests.factories import SchoolFactory, UserFactory, division, school_user


def make_school():
    """The school of ``counselor`` and ``school_staff``: 五华区红旗小学 (Wuhua)."""
    return SchoolFactory(name="五华区红旗小学", county=division("530102"))


def make_counselor(school):
    return school_user(school, Role.COUNSELOR, "pair_counselor")


def make_school_staff(school):
    return school_user(school, Role.EDUCATION, "pair_school")


def make_league_wuhua():
    return UserFactory(username="pair_league_wuhua", role=Role.LEAGUE, division=division("530102"))


def make_university(actor):
    """云南大学, a university of Kunming that takes wishes, created by ``actor``."""
    return services.institution_create(
        actor=actor,
        name="云南大学",
        kind=InstitutionKind.UNIVERSITY,
        league_committee="云南大学团委",
        prefecture=division("530100"),
        contact_office="校团委志愿者工作部",
        contact_phone="0871-65031234",
    )


@pytest.fixture
def school(divisions):
    return make_school()


@pytest.fixture
def other_school(divisions):
    return SchoolFactory(name="五华区春苗小学", county=division("530102"))


@pytest.fixture
def brigade(school):
    return school.brigades.get()


@pytest.fixture
def counselor(school):
    return make_counselor(school)


@pytest.fixture
def school_staff(school):
    return make_school_staff(school)


@pytest.fixture
def other_counselor(other_school):
    return school_user(other_school, Role.COUNSELOR, "pair_other")


@pytest.fixture
def league_wuhua(divisions):
    return make_league_wuhua()


@pytest.fixture
def league_yuxi(divisions):
    return UserFactory(username="pair_league_yuxi", role=Role.LEAGUE, division=division("530400"))


@pytest.fixture
def university(league_province):
    return make_university(league_province)


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
