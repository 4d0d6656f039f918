"""The portal's authentication backend: Django's ModelBackend, with the signed-in user kept.

Every signed-in request reads its user by the id in the session. ``PortalBackend`` keeps that
row until a write (apps.core.freshness): the request's one check of the write log, which its
kept permissions and menu make anyway, stands in for the user's query. Any write to the
users table (a password, a role, an account switched off, a sign-in's ``last_login``) ends
it, so the session's password hash and ``is_active`` are always checked against the row as
it is. Each request gets its own copy of the row (the cache hands back copies).
"""

from __future__ import annotations

from django.contrib.auth.backends import ModelBackend

from apps.core import freshness


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        return freshness.cached(
            freshness.key("signed-in-user", user_id),
            lambda: super(PortalBackend, self).get_user(user_id),
        )
