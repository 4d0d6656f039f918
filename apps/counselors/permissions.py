"""Permissions of the counselors app: codenames, URL rules and what each role holds."""

from django.core.exceptions import ObjectDoesNotExist

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm
from apps.core.permissions import perm_enum, resource_rules

Perm = perm_enum(
    "counselors",
    {"COUNSELOR": "counselor"},
    actions="view add change delete",
    # Full ID numbers and phones; everyone else sees them masked.
    VIEW_FULL_ID_NUMBER="view_full_id_number",
)


def _has_own_record(user) -> bool:
    if user.role != Role.COUNSELOR:
        return False
    try:
        # The reverse one-to-one, cached on the user for the rest of the request.
        return user.counselor is not None
    except ObjectDoesNotExist:
        return False


URL_RULES: dict[str, Rule] = {
    **resource_rules(
        "counselors:counselor", Perm, "COUNSELOR", "list", "detail", "create", "update"
    ),
    # An import adds records and updates those whose ID numbers it names again.
    "counselors:counselor-import": has_perm(Perm.ADD_COUNSELOR, Perm.CHANGE_COUNSELOR),
    "counselors:counselor-import-template": has_perm(Perm.ADD_COUNSELOR, Perm.CHANGE_COUNSELOR),
    # A counselor's own record: only for a counselor account linked to one (the menu entry
    # shows for no one else, superusers included).
    "counselors:counselor-me": Rule("a counselor with their own record", _has_own_record),
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: ["counselors.*"],
    Role.EDUCATION: [Perm.VIEW_COUNSELOR, Perm.ADD_COUNSELOR, Perm.CHANGE_COUNSELOR],
    # The League reviews counselors for commendations; it reads, never edits. Officials and
    # inspectors read the registry of their scope too, ID numbers and phones masked.
    Role.LEAGUE: [Perm.VIEW_COUNSELOR],
    Role.OFFICIAL: [Perm.VIEW_COUNSELOR],
    Role.INSPECTOR: [Perm.VIEW_COUNSELOR],
}
