"""Settings for the test suite (pytest-django)."""

from .base import *  # noqa: F403

DEBUG = False
# Argon2 stays the production hasher (see base); tests hash with MD5 to stay fast.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
LANGUAGE_CODE = "zh-hans"

# A second alias on the test database itself, for the replica router's test
# (tests/deploy/test_replica.py), which switches the router on; no other test reads it.
DATABASES[REPLICA_DATABASE] = {  # noqa: F405
    **DATABASES["default"],  # noqa: F405
    "TEST": {"MIRROR": "default"},
}
DATABASE_ROUTERS = []
