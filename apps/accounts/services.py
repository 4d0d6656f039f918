"""Writes to user accounts. The admin, seed_demo and tests all go through these.

Accounts are never deleted (their name stays on everything they did): an account that is
no longer used is deactivated (``is_active``), which signs it out of every page.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.permissions import Perm
from apps.accounts.roles import STAFF_ROLES
from apps.organizations.models import Division, School

# What the account form changes; the password has its own form.
USER_FIELDS = (
    "full_name",
    "work_unit",
    "department",
    "email",
    "role",
    "division",
    "school",
    "is_active",
    "must_change_password",
)


def user_apply_role(*, user: User) -> None:
    """Make the user's group and admin access follow their role (saved by the caller)."""
    user.is_staff = user.is_superuser or user.role in STAFF_ROLES
    if user.pk:
        user.groups.set(Group.objects.filter(name=user.role))


def _check_actor(actor: User | None, perm: str, user: User) -> None:
    """A staff actor needs ``perm``, and the account's scope inside their own; only a
    superuser touches superusers. ``actor`` None is the system (seed_demo)."""
    if actor is None:
        return
    if not actor.has_perm(str(perm)) or (user.is_superuser and not actor.is_superuser):
        raise PermissionDenied
    errors = {}
    if user.division_id and not Division.objects.for_actor(actor).filter(pk=user.division_id):
        errors["division"] = _("Choose a division inside your area.")
    if user.school_id and not School.objects.for_actor(actor).filter(pk=user.school_id):
        errors["school"] = _("Choose a school inside your area.")
    if errors:
        raise ValidationError(errors)


def _save(user: User) -> User:
    user_apply_role(user=user)
    user.full_clean()
    user.save()
    user_apply_role(user=user)
    return user


@transaction.atomic
def user_create(
    *,
    actor: User | None = None,
    username: str,
    password: str | None,
    role: Role,
    full_name: str,
    work_unit: str = "",
    department: str = "",
    email: str = "",
    division: Division | None = None,
    school: School | None = None,
    is_superuser: bool = False,
) -> User:
    """Create an account with one role and one scope (a division or a school), inside the
    actor's scope. ``password`` None makes an account that cannot sign in with one."""
    user = User(
        username=username,
        role=role,
        full_name=full_name,
        work_unit=work_unit,
        department=department,
        email=email,
        division=division,
        school=school,
        is_superuser=is_superuser,
    )
    _check_actor(actor, Perm.ADD_USER, user)
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    return _save(user)


@transaction.atomic
def user_update(*, actor: User, user: User, data: Mapping[str, Any]) -> User:
    """Change an account inside the actor's scope (its person, role, scope or whether it is
    active); it may move only to a scope inside the actor's."""
    if not User.objects.for_actor(actor).filter(pk=user.pk).exists():
        raise PermissionDenied
    unknown = set(data) - set(USER_FIELDS)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")
    if actor.pk == user.pk and data.get("is_active", True) is False:
        raise ValidationError({"is_active": _("You cannot deactivate your own account.")})
    for name, value in data.items():
        setattr(user, name, value)
    _check_actor(actor, Perm.CHANGE_USER, user)
    return _save(user)


def user_deactivate(*, actor: User, user: User) -> User:
    """Deactivate an account instead of deleting it: it can no longer sign in, and what it
    did keeps its name."""
    return user_update(actor=actor, user=user, data={"is_active": False})


def user_signed_in_with(*, user: User, password: str) -> User:
    """Called on each sign-in with the password that was accepted: one shorter than
    PASSWORD_MIN_LENGTH (set before the rule) must be changed before anything else. Only a
    password change clears that (an administrator may also ask for one in the admin)."""
    if len(password) < settings.PASSWORD_MIN_LENGTH and not user.must_change_password:
        user.must_change_password = True
        user.save(update_fields=["must_change_password"])
    return user


def user_password_changed(*, user: User) -> User:
    """Called once the user has chosen a new password under the current rules."""
    if user.must_change_password:
        user.must_change_password = False
        user.save(update_fields=["must_change_password"])
    return user
