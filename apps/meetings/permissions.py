"""Permissions of the joint-meeting area: URL rules and what each role holds.

The URL rules check the role's rights; who may record a meeting or report a decision done is
decided by apps/meetings/rights.py inside the services, and which meetings and decisions a
user sees by the selectors (out of scope is a 404).
"""

from apps.accounts.choices import Role
from apps.accounts.roles import staff_area_permissions
from apps.core.access import Rule, has_perm
from apps.core.permissions import perm_enum, reads_and_writes, resource_rules

Perm = perm_enum(
    "meetings",
    # The meeting's admin page edits its attendees and decisions as inlines.
    {"MEETING": "meeting", "DECISION": "decision", "ATTENDEE": "attendee"},
    DELETE_ATTENDEE="delete_attendee",
    VIEW_MINUTES="view_minutes",
)


URL_RULES: dict[str, Rule] = {
    **resource_rules("meetings:meeting", Perm, "MEETING", "list", "detail", "create", "update"),
    "meetings:attendee-add": has_perm(Perm.CHANGE_MEETING),
    "meetings:minutes-upload": has_perm(Perm.CHANGE_MEETING),
    "meetings:minutes-download": has_perm(Perm.VIEW_MEETING),
    **resource_rules("meetings:decision", Perm, "DECISION", "list", "create", "update"),
    "meetings:decision-complete": has_perm(Perm.CHANGE_DECISION),
}

ROLE_PERMISSIONS = staff_area_permissions(
    "meetings",
    **reads_and_writes(Perm),
    readers=[Role.INSPECTOR],
)
