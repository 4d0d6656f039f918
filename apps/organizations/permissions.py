"""Permission codenames of the organizations app, so code never spells them as raw strings."""

from enum import StrEnum


class Perm(StrEnum):
    VIEW_DIVISION = "organizations.view_division"
    VIEW_SCHOOL = "organizations.view_school"
    ADD_SCHOOL = "organizations.add_school"
    CHANGE_SCHOOL = "organizations.change_school"
    VIEW_COMMITTEE = "organizations.view_workcommittee"
    CHANGE_COMMITTEE = "organizations.change_workcommittee"
    ADD_MEMBER = "organizations.add_committeemember"
    CHANGE_MEMBER = "organizations.change_committeemember"
    DELETE_MEMBER = "organizations.delete_committeemember"
    VIEW_CHIEF_COUNSELOR_POST = "organizations.view_chiefcounselorpost"
    CHANGE_CHIEF_COUNSELOR_POST = "organizations.change_chiefcounselorpost"
