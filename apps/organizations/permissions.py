"""Permissions of the organizations app: codenames, URL rules and what each role holds."""

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm
from apps.core.permissions import perm_enum

Perm = perm_enum(
    "organizations",
    {
        "SCHOOL": "school",
        "BRIGADE": "brigade",
        "SQUAD": "squad",
        "COMMITTEE": "workcommittee",
        "MEMBER": "committeemember",
        "CHIEF_COUNSELOR_POST": "chiefcounselorpost",
    },
    actions="view add change delete",
    VIEW_DIVISION="view_division",
)


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
