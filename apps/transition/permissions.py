"""Permissions of the transition area: URL rules and what each role holds.

The URL rules check the role's rights; whether a user may act on one pilot (staff whose
scope contains the school) is decided by apps/transition/rights.py inside the services, and
which pilots a user sees at all by the selectors (out of scope is a 404).
"""

from apps.accounts.choices import Role
from apps.accounts.roles import staff_area_permissions
from apps.core.access import Rule, has_perm
from apps.core.permissions import perm_enum, reads_and_writes

Perm = perm_enum(
    "transition",
    {"PILOT": "pilot", "MILESTONE": "milestone", "HANDOFF": "handoff"},
    # The pilot's admin page removes milestones and counts entered by mistake.
    DELETE_MILESTONE="delete_milestone",
    DELETE_HANDOFF="delete_handoff",
)


URL_RULES: dict[str, Rule] = {
    "transition:pilot-list": has_perm(Perm.VIEW_PILOT),
    "transition:pilot-detail": has_perm(Perm.VIEW_PILOT),
    "transition:pilot-create": has_perm(Perm.ADD_PILOT),
    "transition:pilot-update": has_perm(Perm.CHANGE_PILOT),
    "transition:milestone-create": has_perm(Perm.ADD_MILESTONE),
    "transition:milestone-update": has_perm(Perm.CHANGE_MILESTONE),
    "transition:handoff-record": has_perm(Perm.ADD_HANDOFF, Perm.CHANGE_HANDOFF),
}

ROLE_PERMISSIONS = staff_area_permissions(
    "transition",
    **reads_and_writes(Perm),
    readers=[Role.INSPECTOR, Role.COUNSELOR],
)
