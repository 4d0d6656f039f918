"""Demo counselors for the seeded schools (called by ``seed_demo`` after the accounts).

Most schools that should have a brigade counselor have one, most of them ranked no lower
than middle management (the source's rule) and some not; schools have a few squad
counselors; each county's chief counselor is the holder named on its chief counselor post.
The demo account ``counselor`` is the brigade counselor of its school. ID numbers are fake
but well formed: the county's region code, the birth date, a sequence whose parity follows
the gender, and the right check digit. Inserted in bulk, with a history row each naming the
provincial administrator who keeps the registry.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings
from faker import Faker

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core.audit import bulk_create_audited
from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.models import Counselor
from apps.counselors.selectors import BRIGADE_POST_SCHOOL_TYPES
from apps.counselors.validators import build_id_number
from apps.organizations.models import ChiefCounselorPost, School

DEMO_COUNSELOR_USERNAME = "counselor"
# Shares of schools with a brigade counselor, and of those ranked at least middle management.
BRIGADE_FILLED = 0.9
BRIGADE_RANKED = 0.8
# Yunnan's largest ethnic groups, roughly weighted; the rest of the list is rarer.
ETHNIC_WEIGHTS = {
    "汉族": 62,
    "彝族": 11,
    "哈尼族": 4,
    "白族": 4,
    "傣族": 3,
    "壮族": 3,
    "苗族": 3,
    "回族": 2,
    "傈僳族": 2,
    "拉祜族": 1,
    "佤族": 1,
    "纳西族": 1,
    "瑶族": 1,
    "景颇族": 1,
    "藏族": 1,
}
TITLE_WEIGHTS = {
    TeacherTitle.NONE: 5,
    TeacherTitle.THIRD: 5,
    TeacherTitle.SECOND: 35,
    TeacherTitle.FIRST: 40,
    TeacherTitle.SENIOR: 14,
    TeacherTitle.PROFESSOR: 1,
}


class _People:
    """Names, birth dates, ID numbers and phones, unique where they must be."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(rng.getrandbits(32))
        self.id_numbers: set[str] = set()
        self.ethnicities = list(ETHNIC_WEIGHTS)
        self.ethnic_weights = list(ETHNIC_WEIGHTS.values())
        self.titles = list(TITLE_WEIGHTS)
        self.title_weights = list(TITLE_WEIGHTS.values())

    def id_number(self, county_code: str, birth: datetime.date, gender: str) -> str:
        while True:
            sequence = self.rng.randrange(0, 1000)
            # The sequence's last digit is odd for men and even for women (GB 11643).
            if (sequence % 2 == 1) != (gender == Gender.MALE):
                sequence = (sequence + 1) % 1000
            number = build_id_number(region=county_code, birth=birth, sequence=sequence)
            if number not in self.id_numbers:
                self.id_numbers.add(number)
                return number

    def counselor(self, *, county_code: str, school_id: int | None, post: str, **extra):
        rng = self.rng
        gender = Gender.FEMALE if rng.random() < 0.68 else Gender.MALE
        birth = datetime.date(rng.randint(1966, 1996), rng.randint(1, 12), rng.randint(1, 28))
        name = extra.pop("name", None) or (
            self.fake.name_female() if gender == Gender.FEMALE else self.fake.name_male()
        )
        return Counselor(
            name=name,
            gender=gender,
            ethnicity=rng.choices(self.ethnicities, self.ethnic_weights)[0],
            birth_date=birth,
            id_number=self.id_number(county_code, birth, gender),
            phone=f"1{rng.choice('3578')}{rng.randrange(10**9):09d}",
            county_id=county_code,
            school_id=school_id,
            post=post,
            teacher_title=extra.pop("teacher_title", None)
            or rng.choices(self.titles, self.title_weights)[0],
            **extra,
        )


def seed(*, rng: random.Random, stdout) -> None:
    """Counselors for every seeded school and county; needs the schools and the accounts."""
    people = _People(rng)
    province = settings.PORTAL_PROVINCE_CODE
    demo_user = User.objects.filter(username=DEMO_COUNSELOR_USERNAME).first()
    rows: list[Counselor] = []

    for county_id, holder in (
        ChiefCounselorPost.objects.filter(county__code__startswith=province)
        .order_by("county_id")
        .values_list("county_id", "holder_name")
    ):
        rows.append(
            people.counselor(
                county_code=county_id,
                school_id=None,
                post=CounselorPost.COUNTY_CHIEF,
                name=holder or None,
                post_rank=PostRank.MIDDLE,
            )
        )

    schools = School.objects.filter(county__code__startswith=province).order_by("county_id", "id")
    for school_id, county_id, school_type, squads in schools.values_list(
        "id", "county_id", "school_type", "squad_count"
    ):
        is_demo_school = demo_user is not None and demo_user.school_id == school_id
        expected = school_type in BRIGADE_POST_SCHOOL_TYPES
        if is_demo_school or rng.random() < (BRIGADE_FILLED if expected else 0.6):
            ranked = is_demo_school or rng.random() < BRIGADE_RANKED
            rank = (PostRank.ABOVE if rng.random() < 0.1 else PostRank.MIDDLE) if ranked else None
            rows.append(
                people.counselor(
                    county_code=county_id,
                    school_id=school_id,
                    post=CounselorPost.BRIGADE,
                    post_rank=rank or PostRank.BELOW,
                    # The demo counselor account is this record's person: same name.
                    **({"user": demo_user, "name": demo_user.full_name} if is_demo_school else {}),
                )
            )
        for _ in range(min(squads, rng.randint(1, 3))):
            rows.append(
                people.counselor(
                    county_code=county_id,
                    school_id=school_id,
                    post=CounselorPost.SQUAD,
                    post_rank=PostRank.BELOW,
                )
            )

    admin = User.objects.filter(role=Role.PROVINCIAL_ADMIN).order_by("pk").first()
    bulk_create_audited(Counselor, rows, actor=admin, batch_size=2000)
    brigade = sum(1 for c in rows if c.post == CounselorPost.BRIGADE)
    stdout.write(f"Counselors: {len(rows)} ({brigade} brigade counselors).")
