"""Permissions of the exports app: codenames, URL rules and what each role holds."""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm
from apps.core.permissions import page_rules


class Perm(StrEnum):
    # Export a list one can read to a file; the rows are still limited by scope and masks.
    EXPORT_LISTS = "exports.export_lists"


# The selectors return only the user's own jobs, so another user's job is a 404.
URL_RULES: dict[str, Rule] = page_rules(
    has_perm(Perm.EXPORT_LISTS), "exports:job", "list", "detail", "status", "download", "retry"
)

# Every role takes the lists it may read away as files, rows still limited by scope and
# masks: "Excel for officials" (the read-only leadership takes its lists away as
# workbooks), and a counselor's lists are their own title applications (and their
# school's row).
EXPORTING_ROLES = (
    Role.PROVINCIAL_ADMIN,
    Role.LEAGUE,
    Role.EDUCATION,
    Role.INSPECTOR,
    Role.OFFICIAL,
    Role.COUNSELOR,
)
ROLE_PERMISSIONS: dict[str, list[str]] = {role: [Perm.EXPORT_LISTS] for role in EXPORTING_ROLES}
