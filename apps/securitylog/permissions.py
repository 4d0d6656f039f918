"""Who reads the security log: the provincial administrators, in the admin site only."""

from enum import StrEnum

from apps.accounts.choices import Role
from apps.core.access import Rule


class Perm(StrEnum):
    VIEW_SECURITY_EVENT = "securitylog.view_securityevent"


# The log has no pages of its own; the admin site's rule covers its admin page.
URL_RULES: dict[str, Rule] = {}

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: [Perm.VIEW_SECURITY_EVENT],
}
