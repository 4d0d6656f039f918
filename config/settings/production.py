"""Production settings. Everything is switched by environment variables; see .env.example."""

import secrets
import sys

from config.env import BASE_DIR, env

from .base import *  # noqa: F403
from .base import _MAIL_OPTIONS, DATABASES, MIDDLEWARE, REPLICA_DATABASE

DEBUG = False
PORTAL_PRODUCTION = True

# Production is served over HTTPS: the redirect, HSTS and secure cookies are on unless a
# variable switches one off explicitly. PORTAL_PLAIN_HTTP=true switches all of them off at
# once, for the production build on http://127.0.0.1 (make serve), and says so at start.
PORTAL_PLAIN_HTTP = env.bool("PORTAL_PLAIN_HTTP", default=False)


def _local_secret_key():
    """The key of the production build on http://127.0.0.1 when DJANGO_SECRET_KEY is unset:
    made once, kept in var/secret_key (readable by its owner alone), so sessions outlive a
    restart."""
    path = BASE_DIR / "var" / "secret_key"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.touch(mode=0o600)
        path.write_text(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = env("DJANGO_SECRET_KEY", default=None) or (
    _local_secret_key() if PORTAL_PLAIN_HTTP else env("DJANGO_SECRET_KEY")
)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=not PORTAL_PLAIN_HTTP)
SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=not PORTAL_PLAIN_HTTP)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_HSTS_SECONDS = env.int(
    "DJANGO_SECURE_HSTS_SECONDS", default=0 if PORTAL_PLAIN_HTTP else 365 * 24 * 60 * 60
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
# Behind a reverse proxy that terminates HTTPS, the request reaches Django over HTTP; the
# proxy's X-Forwarded-Proto says how the browser came (trust it only behind such a proxy).
if env.bool("DJANGO_TRUST_X_FORWARDED_PROTO", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if PORTAL_PLAIN_HTTP:
    sys.stderr.write(
        "PORTAL_PLAIN_HTTP=true: production settings over plain HTTP. The HTTPS redirect,"
        " HSTS and secure cookies are OFF; serve only on http://127.0.0.1, never on a"
        " network.\n"
    )
# A load balancer asks /healthz over plain HTTP; it is never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Static files are served by the application itself (WhiteNoise), right after the security
# middleware: from STATIC_ROOT as collectstatic left them, with content-hashed names
# (the manifest), gzip copies made at collectstatic, and a year's Cache-Control on every
# hashed name (docs/adr/0020-production-serving.md).
_after_security = MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1
MIDDLEWARE = [
    *MIDDLEWARE[:_after_security],
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[_after_security:],
]
STORAGES = {
    "default": FILE_STORAGE,  # noqa: F405
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
# The portal's files are for its own pages: no Access-Control-Allow-Origin: * on them.
WHITENOISE_ALLOW_ALL_ORIGINS = False

# Each server process keeps its database connection for ten minutes instead of opening one
# per request, checked before reuse (a restarted database costs one failed check, not an
# error page). The production server runs one thread per process on PostgreSQL, so a
# process holds at most one connection: a pool would add nothing (docs/adr/0020).
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=600)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if REPLICA_DATABASE in DATABASES:
    DATABASES[REPLICA_DATABASE]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
    DATABASES[REPLICA_DATABASE]["CONN_HEALTH_CHECKS"] = True

# Reminders go out by SMTP in production (DJANGO_EMAIL_* in .env.example); the console
# backend is for development only.
MAILERS = {
    "default": {
        "BACKEND": env(
            "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.smtp.EmailBackend"
        ),
        "OPTIONS": _MAIL_OPTIONS,
    }
}
