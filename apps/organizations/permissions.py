"""Permissions of the organizations app: codenames, URL rules and what each role holds."""

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm
from apps.core.permissions import page_rules, perm_enum, resource_rules

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
    **page_rules(has_perm(Perm.VIEW_DIVISION), "organizations:division", "browser", "detail"),
    **resource_rules("organizations:committee", Perm, "COMMITTEE", "detail", "update"),
    **resource_rules("organizations:member", Perm, "MEMBER", "create", "update"),
    "organizations:chief-counselor-update": has_perm(Perm.CHANGE_CHIEF_COUNSELOR_POST),
    **resource_rules("organizations:school", Perm, "SCHOOL", "list", "detail", "create", "update"),
    # An import adds schools and updates those it names again.
    "organizations:school-import": has_perm(Perm.ADD_SCHOOL, Perm.CHANGE_SCHOOL),
    "organizations:school-import-template": has_perm(Perm.ADD_SCHOOL, Perm.CHANGE_SCHOOL),
    **resource_rules("organizations:brigade", Perm, "BRIGADE", "create", "update", "delete"),
    **resource_rules("organizations:squad", Perm, "SQUAD", "create", "update", "delete"),
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
