"""Permissions of the accounts app: URL rules and what each role holds."""

from apps.accounts.choices import Role
from apps.core.access import PUBLIC, SIGNED_IN, Rule
from apps.core.permissions import perm_enum

Perm = perm_enum("accounts", {"USER": "user"})


URL_RULES: dict[str, Rule] = {
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    "accounts:password-change": SIGNED_IN,
    "accounts:password-change-done": SIGNED_IN,
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    # The core's reference data (working-day overrides) is the provincial office's to keep.
    Role.PROVINCIAL_ADMIN: [Perm.VIEW_USER, Perm.ADD_USER, Perm.CHANGE_USER, "core.*"],
}
