"""Permissions of the reports app: URL rules.

The summary workbook is for those who answer for an area's Young Pioneer work as a whole:
League and education staff, officials and the provincial administrator, at province,
prefecture or county level. Counselors and inspectors are left out (their work is one
school's, or the campaigns they are assigned to), and so is anyone scoped to a single
school, whose figures would otherwise cover the other schools of their county.
"""

from apps.accounts.choices import Role
from apps.core.access import SIGNED_IN, Rule

SUMMARY_ROLES = (Role.PROVINCIAL_ADMIN, Role.LEAGUE, Role.EDUCATION, Role.OFFICIAL)


def _may_export_summary(user) -> bool:
    """Superusers, and staff or officials whose scope is a division (not a school)."""
    return user.is_superuser or (user.role in SUMMARY_ROLES and user.school_id is None)


SUMMARY_EXPORT = Rule("staff or official with a division scope", _may_export_summary)

URL_RULES: dict[str, Rule] = {
    # Every signed-in user has a dashboard (its panels show what their role may read).
    "reports:dashboard": SIGNED_IN,
    "reports:summary-xlsx": SUMMARY_EXPORT,
}
