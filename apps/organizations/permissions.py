"""Permissions of the organizations app: codenames, URL rules and what each role holds."""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm


class Perm(StrEnum):
    VIEW_DIVISION = "organizations.view_division"
    VIEW_SCHOOL = "organizations.view_school"
    ADD_SCHOOL = "organizations.add_school"
    CHANGE_SCHOOL = "organizations.change_school"
    DELETE_SCHOOL = "organizations.delete_school"
    VIEW_BRIGADE = "organizations.view_brigade"
    ADD_BRIGADE = "organizations.add_brigade"
    CHANGE_BRIGADE = "organizations.change_brigade"
    DELETE_BRIGADE = "organizations.delete_brigade"
    VIEW_SQUAD = "organizations.view_squad"
    ADD_SQUAD = "organizations.add_squad"
    CHANGE_SQUAD = "organizations.change_squad"
    DELETE_SQUAD = "organizations.delete_squad"
    VIEW_COMMITTEE = "organizations.view_workcommittee"
    ADD_COMMITTEE = "organizations.add_workcommittee"
    CHANGE_COMMITTEE = "organizations.change_workcommittee"
    DELETE_COMMITTEE = "organizations.delete_workcommittee"
    VIEW_MEMBER = "organizations.view_committeemember"
    ADD_MEMBER = "organizations.add_committeemember"
    CHANGE_MEMBER = "organizations.change_committeemember"
    DELETE_MEMBER = "organizations.delete_committeemember"
    VIEW_CHIEF_COUNSELOR_POST = "organizations.view_chiefcounselorpost"
    ADD_CHIEF_COUNSELOR_POST = "organizations.add_chiefcounselorpost"
    CHANGE_CHIEF_COUNSELOR_POST = "organizations.change_chiefcounselorpost"
    DELETE_CHIEF_COUNSELOR_POST = "organizations.delete_chiefcounselorpost"


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
    "organizations:brigade-create": has_perm(Perm.ADD_BRIGADE),
    "organizations:brigade-update": has_perm(Perm.CHANGE_BRIGADE),
    "organizations:brigade-delete": has_perm(Perm.DELETE_BRIGADE),
    "organizations:squad-create": has_perm(Perm.ADD_SQUAD),
    "organizations:squad-update": has_perm(Perm.CHANGE_SQUAD),
    "organizations:squad-delete": has_perm(Perm.DELETE_SQUAD),
}

_VIEW_ALL = [
    Perm.VIEW_DIVISION,
    Perm.VIEW_SCHOOL,
    Perm.VIEW_COMMITTEE,
    Perm.VIEW_MEMBER,
    Perm.VIEW_CHIEF_COUNSELOR_POST,
    Perm.VIEW_BRIGADE,
    Perm.VIEW_SQUAD,
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
        # A school entered by mistake; refused while anything refers to it.
        Perm.DELETE_SCHOOL,
        Perm.ADD_BRIGADE,
        Perm.CHANGE_BRIGADE,
        Perm.DELETE_BRIGADE,
        Perm.ADD_SQUAD,
        Perm.CHANGE_SQUAD,
        Perm.DELETE_SQUAD,
        Perm.ADD_CHIEF_COUNSELOR_POST,
        Perm.CHANGE_CHIEF_COUNSELOR_POST,
    ],
    Role.INSPECTOR: _VIEW_ALL,
    # A counselor sees their school and its brigade and squads.
    Role.COUNSELOR: [Perm.VIEW_SCHOOL, Perm.VIEW_BRIGADE, Perm.VIEW_SQUAD],
    Role.OFFICIAL: _VIEW_ALL,
}
