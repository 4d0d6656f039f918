"""Permissions of the joint-meeting area: URL rules and what each role holds.

The URL rules check the role's rights; who may record a meeting or report a decision done is
decided by apps/meetings/rights.py inside the services, and which meetings and decisions a
user sees by the selectors (out of scope is a 404).
"""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.accounts.roles import staff_area_permissions
from apps.core.access import Rule, has_perm


class Perm(StrEnum):
    VIEW_MEETING = "meetings.view_meeting"
    ADD_MEETING = "meetings.add_meeting"
    CHANGE_MEETING = "meetings.change_meeting"
    VIEW_DECISION = "meetings.view_decision"
    ADD_DECISION = "meetings.add_decision"
    CHANGE_DECISION = "meetings.change_decision"
    # The meeting's admin page edits its attendees and decisions as inlines.
    VIEW_ATTENDEE = "meetings.view_attendee"
    ADD_ATTENDEE = "meetings.add_attendee"
    CHANGE_ATTENDEE = "meetings.change_attendee"
    DELETE_ATTENDEE = "meetings.delete_attendee"
    VIEW_MINUTES = "meetings.view_minutes"


URL_RULES: dict[str, Rule] = {
    "meetings:meeting-list": has_perm(Perm.VIEW_MEETING),
    "meetings:meeting-detail": has_perm(Perm.VIEW_MEETING),
    "meetings:meeting-create": has_perm(Perm.ADD_MEETING),
    "meetings:meeting-update": has_perm(Perm.CHANGE_MEETING),
    "meetings:attendee-add": has_perm(Perm.CHANGE_MEETING),
    "meetings:minutes-upload": has_perm(Perm.CHANGE_MEETING),
    "meetings:minutes-download": has_perm(Perm.VIEW_MEETING),
    "meetings:decision-list": has_perm(Perm.VIEW_DECISION),
    "meetings:decision-create": has_perm(Perm.ADD_DECISION),
    "meetings:decision-update": has_perm(Perm.CHANGE_DECISION),
    "meetings:decision-complete": has_perm(Perm.CHANGE_DECISION),
}

ROLE_PERMISSIONS = staff_area_permissions(
    "meetings",
    read=[Perm.VIEW_MEETING, Perm.VIEW_DECISION, Perm.VIEW_ATTENDEE, Perm.VIEW_MINUTES],
    write=[
        Perm.ADD_MEETING,
        Perm.CHANGE_MEETING,
        Perm.ADD_DECISION,
        Perm.CHANGE_DECISION,
        Perm.ADD_ATTENDEE,
        Perm.CHANGE_ATTENDEE,
        Perm.DELETE_ATTENDEE,
    ],
    readers=[Role.INSPECTOR],
)
