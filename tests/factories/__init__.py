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

factory.Faker._DEFAULT_LOCALE = "zh_CN"


def division(code: str) -> Division:
    """A loaded division by code (tests load the real Yunnan divisions)."""
    return Division.objects.get(code=code)


class SchoolFactory(DjangoModelFactory):
    class Meta:
        model = School

    name = factory.Sequence(lambda n: f"测试第{n}小学")
    county = factory.LazyFunction(lambda: division("530102"))
    school_type = SchoolType.PRIMARY
    brigade_count = 1
    squad_count = 12


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


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("name")
    role = Role.EDUCATION
    division = factory.LazyFunction(lambda: division("530000"))
    password = factory.PostGenerationMethodCall("set_password", "Pioneer-2026")

    @factory.post_generation
    def apply_role(obj, create, extracted, **kwargs):
        user_apply_role(user=obj)
        if create:
            obj.save()
            user_apply_role(user=obj)
