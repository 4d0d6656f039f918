"""Factories for counselors and their training (Faker zh_CN), with valid ID numbers."""

import datetime
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from apps.accounts.choices import Role
from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.models import Counselor
from apps.counselors.validators import build_id_number
from apps.training.choices import CourseCategory, CourseMode
from apps.training.models import Attendance, Course, TrainingPlan
from tests.factories import SchoolFactory, UserFactory, division


def make_id_number(county_code: str, birth: datetime.date, serial: int = 1) -> str:
    """A well-formed GB 11643-1999 ID number for a county, birth date and serial."""
    return build_id_number(region=county_code, birth=birth, sequence=serial)


def _birth(n: int) -> datetime.date:
    return datetime.date(1975, 1, 1) + datetime.timedelta(days=n)


class CounselorFactory(DjangoModelFactory):
    """A brigade counselor at a Wuhua school by default; pass ``school`` or ``county``."""

    class Meta:
        model = Counselor

    name = factory.Faker("name")
    gender = Gender.FEMALE
    birth_date = factory.Sequence(_birth)
    school = factory.SubFactory(SchoolFactory)
    county = factory.LazyAttribute(lambda o: o.school.county if o.school else division("530102"))
    id_number = factory.LazyAttributeSequence(
        lambda o, n: make_id_number(o.county.code, o.birth_date, n)
    )
    phone = factory.Sequence(lambda n: f"138{n:08d}")
    post = CounselorPost.BRIGADE
    post_rank = PostRank.MIDDLE
    teacher_title = TeacherTitle.SECOND

    class Params:
        county_chief = factory.Trait(post=CounselorPost.COUNTY_CHIEF, school=None)
        squad = factory.Trait(post=CounselorPost.SQUAD, post_rank=PostRank.BELOW)


def counselor_user(counselor: Counselor, username: str = "counselor_me"):
    """A counselor-role account linked to ``counselor`` (scoped to their school)."""
    user = UserFactory(
        username=username,
        role=Role.COUNSELOR,
        division=None if counselor.school_id else counselor.county,
        school=counselor.school,
    )
    counselor.user = user
    counselor.save(update_fields=["user"])
    return user


class TrainingPlanFactory(DjangoModelFactory):
    class Meta:
        model = TrainingPlan
        django_get_or_create = ["name"]

    name = "2014-2017年云南省少先队辅导员培训规划"
    start_year = 2014
    end_year = 2017
    issuing_body = "云南省教育厅"
    target_total = 1000


class CourseFactory(DjangoModelFactory):
    class Meta:
        model = Course

    plan = factory.SubFactory(TrainingPlanFactory)
    name = factory.Sequence(lambda n: f"少先队大队辅导员省级培训班（第{n}期）")
    category = CourseCategory.PROVINCIAL
    organiser = "云南省少工委"
    start_date = datetime.date(2016, 7, 11)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=4))
    hours = Decimal("40.0")
    capacity = 100
    mode = CourseMode.FACE_TO_FACE


class AttendanceFactory(DjangoModelFactory):
    class Meta:
        model = Attendance

    course = factory.SubFactory(CourseFactory)
    counselor = factory.SubFactory(CounselorFactory)
    hours = Decimal("40.0")
    certificate_number = factory.Sequence(lambda n: f"YNSP{n:06d}")
