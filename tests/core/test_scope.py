from apps.accounts.choices import Role
from apps.organizations.models import Division, School
from tests.factories import SchoolFactory, UserFactory, division


def test_a_county_user_sees_only_its_county(edu_wuhua):
    # given schools in Wuhua, in Panlong (same prefecture) and in Yuxi
    wuhua = SchoolFactory(county=division("530102"))
    SchoolFactory(county=division("530103"))
    SchoolFactory(county=division("530402"))

    # then
    assert list(School.objects.for_actor(edu_wuhua)) == [wuhua]


def test_a_prefecture_user_sees_its_counties(edu_kunming):
    kunming = [SchoolFactory(county=division(code)) for code in ("530102", "530103")]
    SchoolFactory(county=division("530402"))

    assert set(School.objects.for_actor(edu_kunming)) == set(kunming)


def test_the_province_sees_everything_in_it(province_admin):
    SchoolFactory(county=division("530102"))
    SchoolFactory(county=division("530402"))

    assert School.objects.for_actor(province_admin).count() == 2
    assert Division.objects.for_actor(province_admin).count() == 146


def test_a_school_user_sees_only_its_school(divisions):
    own, other = SchoolFactory(), SchoolFactory()
    counselor = UserFactory(role=Role.COUNSELOR, division=None, school=own)

    assert list(School.objects.for_actor(counselor)) == [own]
    assert other not in School.objects.for_actor(counselor)
    # Division rows for a school user: its county only
    assert list(Division.objects.for_actor(counselor).values_list("code", flat=True)) == ["530102"]


def test_prefecture_scope_reaches_divisions_by_code_prefix(edu_yuxi):
    codes = set(Division.objects.for_actor(edu_yuxi).values_list("code", flat=True))

    assert "530400" in codes
    assert len(codes) == 1 + 9  # Yuxi and its 9 counties
    assert all(code.startswith("5304") for code in codes)


def test_anonymous_and_inactive_users_see_nothing(edu_wuhua, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    SchoolFactory()
    edu_wuhua.is_active = False

    assert School.objects.for_actor(AnonymousUser()).count() == 0
    assert School.objects.for_actor(edu_wuhua).count() == 0
