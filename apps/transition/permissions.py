"""Permissions of the transition area: URL rules and what each role holds.

The URL rules check the role's rights; whether a user may act on one pilot (staff whose
scope contains the school) is decided by apps/transition/rights.py inside the services, and
which pilots a user sees at all by the selectors (out of scope is a 404).
"""

from apps.accounts.choices import Role
from apps.accounts.roles import staff_area_permissions
from apps.core.access import Rule, has_perm
from apps.core.permissions import perm_enum, reads_and_writes, resource_rules

Perm = perm_enum(
    "transition",
    {"PILOT": "pilot", "MILESTONE": "milestone", "HANDOFF": "handoff"},
    # The pilot's admin page removes milestones and counts entered by mistake.
    DELETE_MILESTONE="delete_milestone",
    DELETE_HANDOFF="delete_handoff",
)


URL_RULES: dict[str, Rule] = {
    **resource_rules("transition:pilot", Perm, "PILOT", "list", "detail", "create", "update"),
    **resource_rules("transition:milestone", Perm, "MILESTONE", "create", "update"),
    "transition:handoff-record": has_perm(Perm.ADD_HANDOFF, Perm.CHANGE_HANDOFF),
}

ROLE_PERMISSIONS = staff_area_permissions(
    "transition",
    **reads_and_writes(Perm),
    readers=[Role.INSPECTOR, Role.COUNSELOR],
)
