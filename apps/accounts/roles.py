"""Role groups and the permissions each role holds.

Each role is a Django group of the same name, created by a migration. Each area lists what
its roles hold in ``apps/<area>/permissions.py`` (``ROLE_PERMISSIONS``, gathered by
``apps.core.registry.role_permissions``); after every migrate
the groups are made to hold exactly that, so a new model's permissions reach the roles as
soon as its migration runs.
"""

from collections.abc import Sequence

from django.apps import apps as global_apps
from django.db import DEFAULT_DB_ALIAS

from apps.accounts.choices import Role
from apps.core import registry

# Roles that work in the admin site (always within their scope).
STAFF_ROLES = {Role.PROVINCIAL_ADMIN, Role.LEAGUE, Role.EDUCATION}


def staff_area_permissions(
    app_label: str, *, read: Sequence[str], write: Sequence[str], readers: Sequence[str] = ()
) -> dict[str, list[str]]:
    """What each role holds in an area that League and education staff run together: the
    provincial administrator every permission of ``app_label``, League and education staff
    ``read`` and ``write`` alike (the area's rights module narrows each to their own rows),
    the official and ``readers`` only ``read``."""
    staff = [*read, *write]
    permissions = {
        Role.PROVINCIAL_ADMIN: [f"{app_label}.*"],
        Role.LEAGUE: staff,
        Role.EDUCATION: staff,
    }
    for role in (Role.OFFICIAL, *readers):
        permissions[role] = list(read)
    return permissions


def role_permissions() -> dict[str, list[str]]:
    """Every role's permission names ("app_label.codename" or "app_label.*"), merged."""
    merged: dict[str, list[str]] = {role: [] for role in Role.values}
    for role, perms in registry.role_permissions().items():
        if role not in merged:
            raise ValueError(f"Permissions are listed for {role!r}, which is not a role.")
        merged[role].extend(perms)
    return merged


def _last_migrated_app_label() -> str:
    """post_migrate fires once per app with models, in INSTALLED_APPS order."""
    return [c for c in global_apps.get_app_configs() if c.models_module is not None][-1].label


def sync_role_groups(sender=None, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs):
    """Give each role group exactly the permissions its apps list for it.

    Runs once per migrate (for the last app, when every app's permissions exist), in a
    handful of queries: the test suite's database flushes trigger it too.
    """
    if sender is not None and sender.label != _last_migrated_app_label():
        return
    try:
        group_model = apps.get_model("auth", "Group")
        permission_model = apps.get_model("auth", "Permission")
    except LookupError:
        return
    by_app: dict[str, dict[str, int]] = {}
    for pk, app_label, codename in permission_model.objects.using(using).values_list(
        "pk", "content_type__app_label", "codename"
    ):
        by_app.setdefault(app_label, {})[codename] = pk
    for role, patterns in role_permissions().items():
        group, _ = group_model.objects.using(using).get_or_create(name=role)
        ids: set[int] = set()
        for pattern in patterns:
            app_label, codename = pattern.split(".", 1)
            app_perms = by_app.get(app_label, {})
            if codename == "*":
                ids.update(app_perms.values())
            elif codename in app_perms:
                ids.add(app_perms[codename])
        group.permissions.set(ids)
