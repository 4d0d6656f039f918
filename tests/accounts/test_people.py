"""People are shown as 姓名（单位）: the signed-in person in the header, accounts in the
admin, the demo accounts; never a login name where a full name is known."""

import io
import random

import pytest
from django.urls import reverse

from apps.accounts import demo
from apps.accounts.models import User
from apps.core.people import person_label
from tests.factories import SchoolFactory, UserFactory, division

pytestmark = pytest.mark.django_db


def test_a_user_is_their_full_name_and_unit(divisions):
    user = UserFactory(
        username="lw", full_name="李伟", work_unit="共青团云南省委", department="少年部"
    )

    assert person_label(user) == "李伟（共青团云南省委 少年部）"
    assert user.get_full_name() == "李伟"


def test_a_user_without_a_unit_is_their_name_and_without_a_name_their_login(divisions):
    assert person_label(UserFactory(full_name="王芳", work_unit="", department="")) == "王芳"
    assert (
        person_label(UserFactory(username="nobody", full_name="", work_unit="", department=""))
        == "nobody"
    )


def test_the_header_shows_the_signed_in_person(login, edu_wuhua):
    html = login(edu_wuhua).get(reverse("organizations:school-list")).content.decode()

    expected = f"{edu_wuhua.full_name}（{edu_wuhua.work_unit} {edu_wuhua.department}）"
    assert f'<span class="user-name" data-person="{edu_wuhua.pk}">{expected}</span>' in html
    assert edu_wuhua.username not in html


def test_the_user_admin_lists_people_as_name_and_unit(login, province_admin, edu_wuhua):
    response = login(province_admin).get(reverse("admin:accounts_user_changelist"))

    assert person_label(edu_wuhua) in response.content.decode()


def test_a_user_has_one_full_name_not_western_first_and_last_names():
    fields = {field.name for field in User._meta.get_fields()}

    assert {"full_name", "work_unit", "department"} <= fields
    assert not {"first_name", "last_name"} & fields


def test_the_demo_accounts_are_people_with_the_unit_of_their_role(divisions):
    SchoolFactory(name="五华区实验小学", county=division("530102"))

    demo.seed(rng=random.Random(2018), stdout=io.StringIO())

    units = dict(User.objects.values_list("username", "work_unit"))
    assert units["league_province"] == "共青团云南省委"
    assert units["edu_kunming"] == "昆明市教育体育局"
    assert units["edu_wuhua"] == "昆明市五华区教育体育局"
    assert units["counselor"] == "五华区实验小学"
    for user in User.objects.all():
        assert user.full_name and user.department, user.username
        assert len(user.full_name) <= 4  # a Chinese name, not a login name
