"""Access rules: one rule per URL, default deny.

Each URL name maps to a ``Rule``; every area declares the rules of its own URLs in its
``permissions.URL_RULES`` and ``apps.core.registry.url_rules`` gathers them into one map.
The middleware looks the rule up for every resolved request: a URL with no rule is refused
(and the test suite fails on it), a signed-out user is sent to sign in, a signed-in user
without the right gets 403. Rows outside a user's scope are a 404, which selectors take
care of.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from apps.core.registry import url_rules

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rule:
    """Who may open a URL. ``public`` rules let anonymous visitors through."""

    label: str
    test: Callable[..., bool]
    public: bool = False

    def allows(self, user) -> bool:
        if self.public:
            return self.test(user)
        return bool(user.is_authenticated and user.is_active and self.test(user))


PUBLIC = Rule("public", lambda user: True, public=True)
SIGNED_IN = Rule("signed in", lambda user: True)
# The admin site checks is_staff and model permissions itself, and its login page is public.
ADMIN_SITE = Rule("admin site (its own checks)", lambda user: True, public=True)


def has_perm(*perms: StrEnum) -> Rule:
    """Signed-in users holding every one of ``perms``."""
    names = [str(p) for p in perms]
    return Rule("has " + ", ".join(names), lambda user: holds(user, names))


def holds(user, names) -> bool:
    """``user.has_perms(names)``: a portal user answers from their kept permission set
    (``accounts.User.has_perm``), which the menu's two dozen rules read on every page."""
    return user.has_perms(names)


def has_role(*roles: str) -> Rule:
    """Signed-in users whose role is one of ``roles`` (superusers always pass)."""
    return Rule(
        "role in " + ", ".join(roles),
        lambda user: user.is_superuser or user.role in roles,
    )


def rule_for(view_name: str | None, rules: dict[str, Rule]) -> Rule | None:
    """The rule for a resolved view name; ``namespace:*`` covers a whole namespace."""
    if view_name is None:
        return None
    if view_name in rules:
        return rules[view_name]
    namespace = view_name.rsplit(":", 1)[0] if ":" in view_name else ""
    return rules.get(f"{namespace}:*") if namespace else None


def url_allowed(user, view_name: str) -> bool:
    """Whether the rule of ``view_name`` lets ``user`` in: to show or hide a link or button."""
    rule = rule_for(view_name, url_rules())
    return rule is not None and rule.allows(user)


def link_for(user, view_name: str, *args) -> str | None:
    """The URL of ``view_name`` (with ``args``) when its rule lets ``user`` in, else None:
    for a figure shown with a link only to those who may follow it."""
    return reverse(view_name, args=args) if url_allowed(user, view_name) else None


class AccessRuleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        rule = rule_for(match.view_name if match else None, url_rules())
        if rule is None:
            logger.error("No access rule for %s; refusing.", match.view_name if match else "?")
            raise PermissionDenied
        if rule.allows(request.user):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
