"""The access rule of every URL in the portal, in one map (default deny).

Each app declares the rules of its own URLs next to them, in ``apps/<app>/permissions.py``;
this module gathers them into the one map the middleware reads. Keys are resolved view
names; ``namespace:*`` covers a whole namespace. A test walks every URL pattern and fails when
one has no rule here, or when a signed-out visitor reaches a page whose rule is not public.
"""

from apps.accounts import permissions as accounts
from apps.core.access import ADMIN_SITE, PUBLIC, SIGNED_IN, Rule
from apps.counselors import permissions as counselors
from apps.exports import permissions as exports
from apps.inspections import permissions as inspections
from apps.organizations import permissions as organizations
from apps.reports import permissions as reports
from apps.titles import permissions as titles
from apps.training import permissions as training

URL_RULES: dict[str, Rule] = {
    "core:home": PUBLIC,
    "set-language": PUBLIC,
    "reports:dashboard": SIGNED_IN,
    # The admin site enforces is_staff and model permissions; its ModelAdmins enforce scope.
    "admin:*": ADMIN_SITE,
    **accounts.URL_RULES,
    **organizations.URL_RULES,
    **counselors.URL_RULES,
    **training.URL_RULES,
    **titles.URL_RULES,
    **inspections.URL_RULES,
    **exports.URL_RULES,
    **reports.URL_RULES,
}
