from django.contrib.auth.models import Group, Permission

from apps.accounts.choices import Role
from apps.accounts.roles import role_permissions


def test_every_role_has_its_group(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


def test_every_permission_a_role_lists_exists(db):
    # A misspelt codename would silently leave a role without a right it needs.
    existing = {
        f"{app}.{codename}"
        for app, codename in Permission.objects.values_list("content_type__app_label", "codename")
    }
    apps_with_perms = {name.split(".")[0] for name in existing}
    for role, names in role_permissions().items():
        for name in names:
            app, codename = name.split(".", 1)
            if codename == "*":
                assert app in apps_with_perms, (role, name)
            else:
                assert name in existing, (role, name)


def test_role_groups_hold_what_the_apps_list(db):
    education = Group.objects.get(name=Role.EDUCATION)
    names = {
        f"{p.content_type.app_label}.{p.codename}"
        for p in education.permissions.select_related("content_type")
    }

    assert "organizations.change_school" in names
    assert "organizations.change_workcommittee" not in names  # League staff's right
