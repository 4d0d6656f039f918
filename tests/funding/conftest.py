"""Fixtures for special funds: schools of each kind in Kunming and Yuxi, the staff who act on
them, and a provincial program paying migrant workers' children schools, opened and ready.

Schools: ``migrant_wuhua`` and ``ordinary_wuhua`` (Wuhua, 530102), ``migrant_panlong``
(Panlong, 530103), ``migrant_yuxi`` (Hongta, 530402). People: the shared personas
(``league_province``, ``edu_province``, ``league_kunming``, ``edu_kunming``, ``edu_wuhua``,
``edu_yuxi``, ``official_kunming``) and ``school_staff`` (education staff of
``migrant_wuhua``) and ``school_counselor`` (a counselor of that school).
"""

from decimal import Decimal

import pytest

from apps.accounts.choices import Role
from apps.funding import services
from apps.funding.choices import FundingBody, ProgramStatus, Target
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, WorkCommittee
from tests.factories import SchoolFactory, division, school_user


def migrant_school(name: str, county: str):
    """A migrant workers' children school named ``name`` in the county of code ``county``."""
    return SchoolFactory(name=name, county=division(county), is_migrant_children_school=True)


@pytest.fixture
def migrant_wuhua(divisions):
    return migrant_school("五华区春苗学校", "530102")


@pytest.fixture
def ordinary_wuhua(divisions):
    return SchoolFactory(name="五华区红旗小学", county=division("530102"))


@pytest.fixture
def migrant_panlong(divisions):
    return migrant_school("盘龙区希望小学", "530103")


@pytest.fixture
def migrant_yuxi(divisions):
    return migrant_school("红塔区向阳小学", "530402")


@pytest.fixture
def school_staff(migrant_wuhua):
    return school_user(migrant_wuhua, Role.EDUCATION, "staff_chunmiao")


@pytest.fixture
def school_counselor(migrant_wuhua):
    return school_user(migrant_wuhua, Role.COUNSELOR, "counselor_chunmiao")


@pytest.fixture
def county_committee(divisions):
    return WorkCommittee.objects.create(division=division("530102"), name="五华区少工委")


def make_program(actor, *, open_it=True, **terms) -> object:
    """A program through the services, opened unless ``open_it`` is False."""
    values = {
        "division": actor.division,
        "name": "我是光荣的少先队员",
        "year": 2017,
        "bodies": [FundingBody.LEAGUE, FundingBody.EDUCATION],
        "total_budget": Decimal("100000.00"),
        "purpose": "建队纪念日主题活动",
        "target": Target.MIGRANT_CHILDREN,
        "dual_signoff_threshold": Decimal("20000.00"),
        **terms,
    }
    program = services.program_create(actor=actor, **values)
    if open_it:
        program = set_status(program, actor, ProgramStatus.OPEN)
    return program


def edit_program(program, actor, **changes):
    """``program`` saved by ``actor`` through the services with ``changes`` over the values it
    holds (``seen_version`` too: by default the version it was read at)."""
    values = {
        "seen_version": program.version,
        "name": program.name,
        "year": program.year,
        "bodies": program.bodies,
        "total_budget": program.total_budget,
        "purpose": program.purpose,
        "target": program.target,
        "dual_signoff_threshold": program.dual_signoff_threshold,
        "status": program.status,
        **changes,
    }
    return services.program_update(actor=actor, program=program, **values)


def set_status(program, actor, status):
    return edit_program(program, actor, status=status)


@pytest.fixture
def program(league_province):
    """A provincial 100,000.00 fund for migrant workers' children schools, open, with dual
    sign-off above 20,000.00."""
    return make_program(league_province)


@pytest.fixture
def kunming_envelope(program, league_province):
    """40,000.00 of the program passed down to Kunming."""
    return services.envelope_create(
        actor=league_province,
        program=program,
        division=Division.objects.get(code="530100"),
        amount=Decimal("40000.00"),
    )


def prefecture(code: str) -> Division:
    return Division.objects.get(code=code, level=DivisionLevel.PREFECTURE)


@pytest.fixture
def wuhua_envelope(program, kunming_envelope, league_kunming):
    """25,000.00 of Kunming's envelope passed on to Wuhua (so Wuhua's staff allocate)."""
    return services.envelope_create(
        actor=league_kunming,
        program=program,
        division=Division.objects.get(code="530102"),
        amount=Decimal("25000.00"),
    )
