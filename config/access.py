"""The access rule of every URL in the portal, in one map (default deny).

Keys are resolved view names; ``namespace:*`` covers a whole namespace. A test walks every
URL pattern and fails when one has no rule here, or when a signed-out visitor reaches a page
whose rule is not public.
"""

from apps.core.access import ADMIN_SITE, PUBLIC, SIGNED_IN, Rule, has_perm
from apps.organizations.permissions import Perm as OrgPerm

URL_RULES: dict[str, Rule] = {
    # Public pages
    "core:home": PUBLIC,
    "set-language": PUBLIC,
    "accounts:login": PUBLIC,
    "accounts:logout": PUBLIC,
    # Signed-in pages
    "accounts:password-change": SIGNED_IN,
    "accounts:password-change-done": SIGNED_IN,
    "reports:dashboard": SIGNED_IN,
    # Organizations
    "organizations:division-browser": has_perm(OrgPerm.VIEW_DIVISION),
    "organizations:division-detail": has_perm(OrgPerm.VIEW_DIVISION),
    "organizations:committee-detail": has_perm(OrgPerm.VIEW_COMMITTEE),
    "organizations:committee-update": has_perm(OrgPerm.CHANGE_COMMITTEE),
    "organizations:member-create": has_perm(OrgPerm.ADD_MEMBER),
    "organizations:member-update": has_perm(OrgPerm.CHANGE_MEMBER),
    "organizations:chief-counselor-update": has_perm(OrgPerm.CHANGE_CHIEF_COUNSELOR_POST),
    "organizations:school-list": has_perm(OrgPerm.VIEW_SCHOOL),
    "organizations:school-detail": has_perm(OrgPerm.VIEW_SCHOOL),
    "organizations:school-create": has_perm(OrgPerm.ADD_SCHOOL),
    "organizations:school-update": has_perm(OrgPerm.CHANGE_SCHOOL),
    # The admin site enforces is_staff and model permissions; its ModelAdmins enforce scope.
    "admin:*": ADMIN_SITE,
}
