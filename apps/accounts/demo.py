"""The demo accounts: one per role and level (SPEC §3), all with settings.DEMO_PASSWORD,
each a person with a name and the body and department they work for."""

from __future__ import annotations

import random

from django.conf import settings
from faker import Faker

from apps.accounts.choices import Role
from apps.accounts.services import user_create
from apps.organizations.choices import DivisionLevel, SchoolType
from apps.organizations.models import Division, School

# Where the counselor account works: a primary school of Wuhua district.
COUNSELOR_COUNTY = "530102"

# (username, role, division code; None for an account scoped to the counselor's school: the
# counselor, and the school's reviewer of title applications)
DEMO_ACCOUNTS: list[tuple[str, Role, str | None]] = [
    ("admin", Role.PROVINCIAL_ADMIN, "530000"),
    ("league_province", Role.LEAGUE, "530000"),
    ("edu_province", Role.EDUCATION, "530000"),
    ("league_kunming", Role.LEAGUE, "530100"),
    ("edu_kunming", Role.EDUCATION, "530100"),
    ("edu_wuhua", Role.EDUCATION, "530102"),
    ("edu_yuxi", Role.EDUCATION, "530400"),
    ("inspector", Role.INSPECTOR, "530000"),
    ("counselor", Role.COUNSELOR, None),
    ("edu_school", Role.EDUCATION, None),
    ("official", Role.OFFICIAL, "530000"),
]
# Where each account's person works (work unit, department); the counselor works at the
# school they are scoped to.
DEMO_UNITS: dict[str, tuple[str, str]] = {
    "admin": ("共青团云南省委", "少年部（省少工委办公室）"),
    "league_province": ("共青团云南省委", "少年部"),
    "edu_province": ("云南省教育厅", "基础教育处"),
    "league_kunming": ("共青团昆明市委", "学校少年部"),
    "edu_kunming": ("昆明市教育体育局", "基础教育处"),
    "edu_wuhua": ("昆明市五华区教育体育局", "德育科"),
    "edu_yuxi": ("玉溪市教育体育局", "基础教育科"),
    "inspector": ("云南省人民政府教育督导室", "督导一处"),
    "counselor": ("", "少先队大队"),
    "edu_school": ("", "德育处"),
    "official": ("云南省少先队工作委员会", "办公室"),
}


def education_unit(division: Division) -> tuple[str, str]:
    """The education body and department a demo reviewer of ``division`` works in."""
    if division.level == DivisionLevel.PROVINCE:
        return (f"{division.name}教育厅", "基础教育处")
    if division.level == DivisionLevel.PREFECTURE:
        return (f"{division.name}教育体育局", "基础教育科")
    return (f"{division.name}教育体育局", "德育科")


def counselor_school() -> School:
    """The school the demo counselor account is scoped to (seeded by organizations.demo)."""
    return (
        School.objects.filter(county_id=COUNSELOR_COUNTY, school_type=SchoolType.PRIMARY)
        .order_by("name", "id")
        .first()
    )


def seed(*, rng: random.Random, stdout) -> None:
    """Create the demo accounts through ``user_create``; the admin is also a superuser
    but keeps the province as its scope. Needs the divisions and the Wuhua schools."""
    fake = Faker("zh_CN")
    fake.seed_instance(rng.getrandbits(32))
    divisions = Division.objects.in_bulk([code for _u, _r, code in DEMO_ACCOUNTS if code])
    school = counselor_school()
    for username, role, code in DEMO_ACCOUNTS:
        work_unit, department = DEMO_UNITS[username]
        user_create(
            username=username,
            password=settings.DEMO_PASSWORD,
            role=role,
            division=divisions[code] if code else None,
            school=None if code else school,
            full_name=fake.name(),
            work_unit=work_unit or school.name,
            department=department,
            is_superuser=role == Role.PROVINCIAL_ADMIN,
        )
    stdout.write(f"Accounts: {len(DEMO_ACCOUNTS)} demo accounts (password: DEMO_PASSWORD).")
