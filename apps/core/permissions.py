"""URL rules of the portal's own pages: the public home, the health check, the language switch
and the admin."""

from apps.core.access import ADMIN_SITE, PUBLIC, Rule

URL_RULES: dict[str, Rule] = {
    "core:home": PUBLIC,
    # Health for a load balancer: says only whether the database and the worker answer.
    "core:healthz": PUBLIC,
    "set-language": PUBLIC,
    # The admin site enforces is_staff and model permissions; its ModelAdmins enforce scope.
    "admin:*": ADMIN_SITE,
}
