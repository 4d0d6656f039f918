"""Writes to user accounts. The admin, seed_demo and tests all go through these."""

from django.contrib.auth.models import Group
from django.db import transaction

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.roles import STAFF_ROLES


def user_apply_role(*, user: User) -> None:
    """Make the user's group and admin access follow their role (saved by the caller)."""
    user.is_staff = user.is_superuser or user.role in STAFF_ROLES
    if user.pk:
        user.groups.set(Group.objects.filter(name=user.role))


@transaction.atomic
def user_create(
    *,
    username: str,
    password: str,
    role: Role,
    division=None,
    school=None,
    full_name: str = "",
    is_superuser: bool = False,
) -> User:
    """Create a user with one role and one scope (a division or a school)."""
    user = User(
        username=username,
        role=role,
        division=division,
        school=school,
        first_name=full_name,
        is_superuser=is_superuser,
    )
    user.set_password(password)
    user_apply_role(user=user)
    user.full_clean()
    user.save()
    user_apply_role(user=user)
    return user
