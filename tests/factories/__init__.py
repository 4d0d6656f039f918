"""factory_boy factories with Chinese fake data (Faker zh_CN)."""

import datetime

import factory
from factory.django import DjangoModelFactory

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import user_apply_role
from apps.organizations.choices import CommitteeRole, HomeBody, SchoolType
from apps.organizations.models import (
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    WorkCommittee,
)
from apps.organizations.services import brigades_seed_for

factory.Faker._DEFAULT_LOCALE = "zh_CN"


def division(code: str) -> Division:
    """A loaded division by code (tests load the real Yunnan divisions)."""
    return Division.objects.get(code=code)


class SchoolFactory(DjangoModelFactory):
    """A school with ``brigade_count`` brigades and ``squad_count`` squads as rows."""

    class Meta:
        model = School
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"测试第{n}小学")
    county = factory.LazyFunction(lambda: division("530102"))
    school_type = SchoolType.PRIMARY
    brigade_count = 1
    squad_count = 12

    @factory.post_generation
    def brigades(obj, create, extracted, **kwargs):
        if create:
            brigades_seed_for([obj], history=False)


class WorkCommitteeFactory(DjangoModelFactory):
    class Meta:
        model = WorkCommittee
        django_get_or_create = ["division"]

    division = factory.LazyFunction(lambda: division("530102"))
    name = factory.LazyAttribute(lambda o: f"{o.division.name}少工委")


class CommitteeMemberFactory(DjangoModelFactory):
    class Meta:
        model = CommitteeMember

    committee = factory.SubFactory(WorkCommitteeFactory)
    name = factory.Faker("name")
    role = CommitteeRole.MEMBER
    home_body = HomeBody.LEAGUE
    start_date = datetime.date(2016, 1, 1)


class ChiefCounselorPostFactory(DjangoModelFactory):
    class Meta:
        model = ChiefCounselorPost

    county = factory.LazyFunction(lambda: division("530102"))
    host_body = "education"
    holder_name = factory.Faker("name")


DEPARTMENTS = {
    Role.PROVINCIAL_ADMIN: "少年部",
    Role.LEAGUE: "少年部",
    Role.EDUCATION: "基础教育处",
    Role.INSPECTOR: "督导室",
    Role.COUNSELOR: "少先队大队",
}


def work_unit_of(role: str, scope: Division | None, school: School | None) -> str:
    """Where a person of ``role`` scoped to ``scope`` (or ``school``) plausibly works."""
    if school is not None:
        return school.name
    if scope is None:
        return ""
    if role in (Role.LEAGUE, Role.PROVINCIAL_ADMIN):
        return f"共青团{scope.name}委"
    if scope.level == "province":
        return f"{scope.name}教育厅"
    return f"{scope.name}教育体育局"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    full_name = factory.Faker("name")
    role = Role.EDUCATION
    division = factory.LazyFunction(lambda: division("530000"))
    school = None
    work_unit = factory.LazyAttribute(lambda o: work_unit_of(o.role, o.division, o.school))
    department = factory.LazyAttribute(lambda o: DEPARTMENTS.get(o.role, ""))
    password = factory.PostGenerationMethodCall("set_password", "Pioneer-2026")

    @factory.post_generation
    def apply_role(obj, create, extracted, **kwargs):
        user_apply_role(user=obj)
        if create:
            obj.save()
            user_apply_role(user=obj)


def school_user(school: School, role: str, username: str) -> User:
    """A user of ``role`` who works at ``school`` (scoped by the school: no division)."""
    return UserFactory(username=username, role=role, division=None, school=school)
