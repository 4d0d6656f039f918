"""Account writes go through the services, in the admin too: scope, no deletion, deactivation."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from apps.accounts import services
from apps.accounts.choices import Role
from apps.accounts.models import User
from tests.factories import UserFactory, division

pytestmark = pytest.mark.django_db


@pytest.fixture
def kunming_admin(divisions):
    return UserFactory(username="km_admin", role=Role.PROVINCIAL_ADMIN, division=division("530100"))


def new_user(actor, **kwargs):
    values = {
        "username": "newbie",
        "password": "Honglingjin-2027",
        "role": Role.EDUCATION,
        "full_name": "赵敏",
        "division": division("530102"),
    }
    return services.user_create(actor=actor, **{**values, **kwargs})


def test_an_administrator_creates_an_account_inside_their_scope(kunming_admin):
    user = new_user(kunming_admin, work_unit="昆明市五华区教育体育局", department="德育科")

    assert (user.full_name, user.is_staff) == ("赵敏", True)
    assert list(user.groups.values_list("name", flat=True)) == [Role.EDUCATION]
    assert user.check_password("Honglingjin-2027")


def test_it_refuses_an_account_outside_the_administrators_scope(kunming_admin):
    with pytest.raises(ValidationError) as excinfo:
        new_user(kunming_admin, division=division("530402"))

    assert set(excinfo.value.message_dict) == {"division"}
    assert not User.objects.filter(username="newbie").exists()


def test_only_account_managers_create_accounts(edu_wuhua):
    with pytest.raises(PermissionDenied):
        new_user(edu_wuhua)


def test_an_account_moves_only_inside_the_scope(kunming_admin, edu_wuhua):
    with pytest.raises(ValidationError):
        services.user_update(
            actor=kunming_admin, user=edu_wuhua, data={"division": division("530402")}
        )
    edu_wuhua.refresh_from_db()
    assert edu_wuhua.division_id == "530102"

    services.user_update(
        actor=kunming_admin, user=edu_wuhua, data={"role": Role.LEAGUE, "department": "少年部"}
    )
    edu_wuhua.refresh_from_db()
    assert (edu_wuhua.role, edu_wuhua.division_id) == (Role.LEAGUE, "530102")
    assert edu_wuhua.groups.get() == Group.objects.get(name=Role.LEAGUE)


def test_accounts_outside_the_scope_and_superusers_are_out_of_reach(kunming_admin, edu_yuxi):
    root = UserFactory(username="root", division=division("530100"), is_superuser=True)

    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=kunming_admin, user=edu_yuxi)
    with pytest.raises(PermissionDenied):
        services.user_deactivate(actor=kunming_admin, user=root)
    assert User.objects.filter(is_active=True).count() == 3


def test_an_account_is_deactivated_not_deleted_and_never_by_itself(kunming_admin, edu_wuhua):
    services.user_deactivate(actor=kunming_admin, user=edu_wuhua)
    edu_wuhua.refresh_from_db()
    assert not edu_wuhua.is_active

    with pytest.raises(ValidationError) as excinfo:
        services.user_deactivate(actor=kunming_admin, user=kunming_admin)
    assert set(excinfo.value.message_dict) == {"is_active"}


def test_the_admin_adds_an_account_through_the_service(login, kunming_admin):
    response = login(kunming_admin).post(
        reverse("admin:accounts_user_add"),
        {
            "username": "newbie",
            "usable_password": "true",
            "password1": "Honglingjin-2027",
            "password2": "Honglingjin-2027",
            "full_name": "赵敏",
            "work_unit": "昆明市教育体育局",
            "department": "基础教育处",
            "role": Role.EDUCATION,
            "division": "530100",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(username="newbie")
    assert (user.full_name, user.department, user.is_staff) == ("赵敏", "基础教育处", True)
    assert user.groups.get().name == Role.EDUCATION


def test_the_admin_deletes_no_account_and_deactivates_instead(login, kunming_admin, edu_wuhua):
    client = login(kunming_admin)

    delete = client.get(reverse("admin:accounts_user_delete", args=[edu_wuhua.pk]))
    listing = client.get(reverse("admin:accounts_user_changelist"))
    assert delete.status_code == 403
    assert "delete_selected" not in listing.context["cl"].model_admin.get_actions(
        listing.wsgi_request
    )

    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [edu_wuhua.pk, kunming_admin.pk]},
    )

    edu_wuhua.refresh_from_db()
    kunming_admin.refresh_from_db()
    assert (edu_wuhua.is_active, kunming_admin.is_active) == (False, True)
