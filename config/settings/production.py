"""Production settings. Everything is switched by environment variables; see .env.example."""

import sys

from config.env import env

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = env("DJANGO_SECRET_KEY")
PORTAL_PRODUCTION = True

# Production is served over HTTPS: the redirect, HSTS and secure cookies are on unless a
# variable switches one off explicitly. PORTAL_PLAIN_HTTP=true switches all of them off at
# once, for the production build on http://127.0.0.1 (make serve), and says so at start.
PORTAL_PLAIN_HTTP = env.bool("PORTAL_PLAIN_HTTP", default=False)
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
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage",
    },
}
