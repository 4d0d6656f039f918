"""Permissions of the exports app: codenames, URL rules and what each role holds."""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm


class Perm(StrEnum):
    # Export a list one can read to a file; the rows are still limited by scope and masks.
    EXPORT_LISTS = "exports.export_lists"


# The selectors return only the user's own jobs, so another user's job is a 404.
URL_RULES: dict[str, Rule] = {
    "exports:job-list": has_perm(Perm.EXPORT_LISTS),
    "exports:job-detail": has_perm(Perm.EXPORT_LISTS),
    "exports:job-status": has_perm(Perm.EXPORT_LISTS),
    "exports:job-download": has_perm(Perm.EXPORT_LISTS),
}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: [Perm.EXPORT_LISTS],
    Role.LEAGUE: [Perm.EXPORT_LISTS],
    Role.EDUCATION: [Perm.EXPORT_LISTS],
    Role.INSPECTOR: [Perm.EXPORT_LISTS],
    # "Excel for officials": the read-only leadership takes its lists away as workbooks.
    Role.OFFICIAL: [Perm.EXPORT_LISTS],
    # A counselor's lists are their own title applications (and their school's row).
    Role.COUNSELOR: [Perm.EXPORT_LISTS],
}
