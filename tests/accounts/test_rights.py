from django.contrib.auth.models import AnonymousUser

from apps.accounts.choices import Role
from apps.accounts.rights import acts_for_division, covers, is_administrator
from tests.factories import SchoolFactory, UserFactory, division

STAFF = (Role.LEAGUE, Role.EDUCATION)


def test_a_division_scope_covers_the_codes_below_it_only(edu_kunming):
    assert covers(edu_kunming, "530102")  # 五华区, inside 昆明市
    assert covers(edu_kunming, "530100")
    assert not covers(edu_kunming, "530402")  # 红塔区, 玉溪市


def test_school_users_disabled_and_anonymous_accounts_cover_nothing(divisions, edu_kunming):
    school_user = UserFactory(role=Role.EDUCATION, school=SchoolFactory(), division=None)
    edu_kunming.is_active = False

    assert not covers(school_user, "530102")
    assert not covers(edu_kunming, "530102")
    assert not covers(AnonymousUser(), "530102")


def test_a_superuser_without_a_scope_covers_every_code(divisions):
    root = UserFactory(role=Role.PROVINCIAL_ADMIN, is_superuser=True, division=None)

    assert covers(root, "530402")
    assert is_administrator(root)


def test_staff_act_for_their_own_division_not_the_ones_below(edu_kunming, inspector):
    assert acts_for_division(edu_kunming, "530100", STAFF)
    assert not acts_for_division(edu_kunming, "530102", STAFF)
    assert not acts_for_division(inspector, inspector.division_id, STAFF)


def test_an_administrator_acts_for_any_division_inside_their_scope(province_admin, divisions):
    prefecture_admin = UserFactory(role=Role.PROVINCIAL_ADMIN, division=division("530400"))

    assert acts_for_division(province_admin, "530102", STAFF)
    assert acts_for_division(prefecture_admin, "530402", STAFF)
    assert not acts_for_division(prefecture_admin, "530102", STAFF)
