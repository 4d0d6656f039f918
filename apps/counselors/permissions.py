"""Permissions of the counselors app: codenames, URL rules and what each role holds."""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm, has_role


class Perm(StrEnum):
    VIEW_COUNSELOR = "counselors.view_counselor"
    ADD_COUNSELOR = "counselors.add_counselor"
    CHANGE_COUNSELOR = "counselors.change_counselor"
    DELETE_COUNSELOR = "counselors.delete_counselor"
    # Full ID numbers and phones; everyone else sees them masked.
    VIEW_FULL_ID_NUMBER = "counselors.view_full_id_number"


URL_RULES: dict[str, Rule] = {
    "counselors:counselor-list": has_perm(Perm.VIEW_COUNSELOR),
    "counselors:counselor-detail": has_perm(Perm.VIEW_COUNSELOR),
    "counselors:counselor-create": has_perm(Perm.ADD_COUNSELOR),
    "counselors:counselor-update": has_perm(Perm.CHANGE_COUNSELOR),
    # An import adds records and updates those whose ID numbers it names again.
    "counselors:counselor-import": has_perm(Perm.ADD_COUNSELOR, Perm.CHANGE_COUNSELOR),
    "counselors:counselor-import-template": has_perm(Perm.ADD_COUNSELOR, Perm.CHANGE_COUNSELOR),
    # The view finds the record linked to the signed-in user; anyone else gets a 404.
    "counselors:counselor-me": has_role(Role.COUNSELOR),
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: ["counselors.*"],
    Role.EDUCATION: [Perm.VIEW_COUNSELOR, Perm.ADD_COUNSELOR, Perm.CHANGE_COUNSELOR],
    # The League reviews counselors for commendations; it reads, never edits.
    Role.LEAGUE: [Perm.VIEW_COUNSELOR],
}
