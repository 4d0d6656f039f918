"""The user admin: staff who manage users cannot take over a superuser's account."""

import pytest
from django.urls import reverse

from apps.accounts.choices import Role
from tests.factories import UserFactory, division


@pytest.fixture
def user_manager(divisions):
    """A provincial administrator who manages users but is not a superuser."""
    return UserFactory(username="manager", role=Role.PROVINCIAL_ADMIN, division=division("530000"))


@pytest.fixture
def root(divisions):
    return UserFactory(
        username="root", role=Role.PROVINCIAL_ADMIN, division=division("530000"), is_superuser=True
    )


def test_it_refuses_a_superusers_password_change_to_a_non_superuser(
    user_manager, root, login, client
):
    login(user_manager)
    url = reverse("admin:auth_user_password_change", args=[root.pk])
    response = client.post(url, {"password1": "Taken-Over-2026", "password2": "Taken-Over-2026"})

    assert response.status_code == 404
    root.refresh_from_db()
    assert not root.check_password("Taken-Over-2026")


def test_it_hides_superusers_from_a_non_superusers_user_list_and_change_page(
    user_manager, root, login, client
):
    login(user_manager)
    listing = client.get(reverse("admin:accounts_user_changelist"))
    change = client.get(reverse("admin:accounts_user_change", args=[root.pk]))

    assert listing.status_code == 200
    assert root not in listing.context["cl"].result_list
    assert change.status_code == 404


def test_it_lets_a_non_superuser_manage_ordinary_users_in_scope(user_manager, login, client):
    someone = UserFactory(username="someone", role=Role.EDUCATION, division=division("530100"))
    login(user_manager)

    response = client.get(reverse("admin:accounts_user_change", args=[someone.pk]))

    assert response.status_code == 200
