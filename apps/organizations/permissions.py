"""Permissions of the organizations app: codenames, URL rules and what each role holds."""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm


class Perm(StrEnum):
    VIEW_DIVISION = "organizations.view_division"
    VIEW_SCHOOL = "organizations.view_school"
    ADD_SCHOOL = "organizations.add_school"
    CHANGE_SCHOOL = "organizations.change_school"
    VIEW_COMMITTEE = "organizations.view_workcommittee"
    CHANGE_COMMITTEE = "organizations.change_workcommittee"
    VIEW_MEMBER = "organizations.view_committeemember"
    ADD_MEMBER = "organizations.add_committeemember"
    CHANGE_MEMBER = "organizations.change_committeemember"
    DELETE_MEMBER = "organizations.delete_committeemember"
    VIEW_CHIEF_COUNSELOR_POST = "organizations.view_chiefcounselorpost"
    ADD_CHIEF_COUNSELOR_POST = "organizations.add_chiefcounselorpost"
    CHANGE_CHIEF_COUNSELOR_POST = "organizations.change_chiefcounselorpost"


URL_RULES: dict[str, Rule] = {
    "organizations:division-browser": has_perm(Perm.VIEW_DIVISION),
    "organizations:division-detail": has_perm(Perm.VIEW_DIVISION),
    "organizations:committee-detail": has_perm(Perm.VIEW_COMMITTEE),
    "organizations:committee-update": has_perm(Perm.CHANGE_COMMITTEE),
    "organizations:member-create": has_perm(Perm.ADD_MEMBER),
    "organizations:member-update": has_perm(Perm.CHANGE_MEMBER),
    "organizations:chief-counselor-update": has_perm(Perm.CHANGE_CHIEF_COUNSELOR_POST),
    "organizations:school-list": has_perm(Perm.VIEW_SCHOOL),
    "organizations:school-detail": has_perm(Perm.VIEW_SCHOOL),
    "organizations:school-create": has_perm(Perm.ADD_SCHOOL),
    "organizations:school-update": has_perm(Perm.CHANGE_SCHOOL),
    # An import adds schools and updates those it names again.
    "organizations:school-import": has_perm(Perm.ADD_SCHOOL, Perm.CHANGE_SCHOOL),
    "organizations:school-import-template": has_perm(Perm.ADD_SCHOOL, Perm.CHANGE_SCHOOL),
}

_VIEW_ALL = [
    Perm.VIEW_DIVISION,
    Perm.VIEW_SCHOOL,
    Perm.VIEW_COMMITTEE,
    Perm.VIEW_MEMBER,
    Perm.VIEW_CHIEF_COUNSELOR_POST,
]

# "app_label.*" grants every permission of the app.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: ["organizations.*"],
    Role.LEAGUE: [
        *_VIEW_ALL,
        Perm.CHANGE_COMMITTEE,
        Perm.ADD_MEMBER,
        Perm.CHANGE_MEMBER,
        Perm.DELETE_MEMBER,
    ],
    Role.EDUCATION: [
        *_VIEW_ALL,
        Perm.ADD_SCHOOL,
        Perm.CHANGE_SCHOOL,
        Perm.ADD_CHIEF_COUNSELOR_POST,
        Perm.CHANGE_CHIEF_COUNSELOR_POST,
    ],
    Role.INSPECTOR: _VIEW_ALL,
    Role.COUNSELOR: [Perm.VIEW_SCHOOL],
    Role.OFFICIAL: _VIEW_ALL,
}
