"""Role groups and the permissions each role holds.

Each role is a Django group of the same name. The groups are created by a migration; the
permissions below are (re)applied after every migrate, so a new model's permissions reach
the roles as soon as its migration runs.
"""

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from apps.accounts.choices import Role

VIEW_ALL = [
    "view_division",
    "view_school",
    "view_workcommittee",
    "view_committeemember",
    "view_chiefcounselorpost",
]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: [
        "organizations.*",
        "accounts.add_user",
        "accounts.change_user",
        "accounts.view_user",
    ],
    Role.LEAGUE: [
        *[f"organizations.{p}" for p in VIEW_ALL],
        "organizations.add_workcommittee",
        "organizations.change_workcommittee",
        "organizations.add_committeemember",
        "organizations.change_committeemember",
        "organizations.delete_committeemember",
    ],
    Role.EDUCATION: [
        *[f"organizations.{p}" for p in VIEW_ALL],
        "organizations.add_school",
        "organizations.change_school",
        "organizations.add_chiefcounselorpost",
        "organizations.change_chiefcounselorpost",
    ],
    Role.INSPECTOR: [f"organizations.{p}" for p in VIEW_ALL],
    Role.COUNSELOR: ["organizations.view_school"],
    Role.OFFICIAL: [f"organizations.{p}" for p in VIEW_ALL],
}

# Roles that work in the admin site (always within their scope).
STAFF_ROLES = {Role.PROVINCIAL_ADMIN, Role.LEAGUE, Role.EDUCATION}


def sync_role_groups(sender=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Give each role group exactly the permissions listed in ROLE_PERMISSIONS."""
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return
    for role, patterns in ROLE_PERMISSIONS.items():
        group, _ = group_model.objects.using(using).get_or_create(name=role)
        perms = []
        for pattern in patterns:
            app_label, codename = pattern.split(".", 1)
            qs = permission_model.objects.using(using).filter(content_type__app_label=app_label)
            if codename != "*":
                qs = qs.filter(codename=codename)
            perms.extend(qs)
        group.permissions.set(perms)
