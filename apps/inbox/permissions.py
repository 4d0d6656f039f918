"""Permissions of the inbox area: every signed-in user has a to-do page and an inbox; the
selectors keep each to their own rows (another's notification is a 404)."""

from apps.core.access import SIGNED_IN, Rule

URL_RULES: dict[str, Rule] = {
    "inbox:todo-list": SIGNED_IN,
    "inbox:notification-list": SIGNED_IN,
    "inbox:notification-open": SIGNED_IN,
    "inbox:notification-read-all": SIGNED_IN,
    "inbox:settings": SIGNED_IN,
}
