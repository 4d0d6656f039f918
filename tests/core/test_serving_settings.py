"""What `make serve` relies on in the settings: SQLite that two processes can share, the
production settings' static files and database connections, and a launcher that refuses
what would be unsafe."""

import importlib
import sys

import pytest
from django.core.management import CommandError, call_command
from django.db.utils import ConnectionHandler

from apps.core.management.commands import serve


def _settings(monkeypatch, module, **environment):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    for name in ("config.settings.base", module):
        sys.modules.pop(name, None)
    try:
        return importlib.import_module(module)
    finally:
        for name in ("config.settings.base", module):
            sys.modules.pop(name, None)


def test_the_embedded_sqlite_database_is_in_wal_mode_with_a_busy_timeout(
    monkeypatch, tmp_path, django_db_blocker
):
    path = tmp_path / "portal.sqlite3"
    base = _settings(monkeypatch, "config.settings.base", DATABASE_URL=f"sqlite:///{path}")
    wrapper = ConnectionHandler({"default": base.DATABASES["default"]})["default"]
    with django_db_blocker.unblock():
        try:
            with wrapper.cursor() as cursor:
                cursor.execute("PRAGMA journal_mode")
                assert cursor.fetchone()[0] == "wal"
                cursor.execute("PRAGMA busy_timeout")
                assert cursor.fetchone()[0] == 20_000
            assert wrapper.transaction_mode == "IMMEDIATE"
        finally:
            wrapper.close()


def test_production_serves_compressed_hashed_static_files_and_keeps_connections(monkeypatch):
    production = _settings(
        monkeypatch,
        "config.settings.production",
        DJANGO_SECRET_KEY="k" * 50,
        DATABASE_URL="postgres://portal@127.0.0.1:5432/portal",
    )
    # After the outage page (it must catch what every later one raises).
    assert production.MIDDLEWARE[:4] == [
        "apps.core.outage.DatabaseOutageMiddleware",
        "apps.core.middleware.TrustedProxyMiddleware",
        "django.middleware.security.SecurityMiddleware",
        "whitenoise.middleware.WhiteNoiseMiddleware",
    ]
    assert production.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    assert production.WHITENOISE_ALLOW_ALL_ORIGINS is False
    assert production.DATABASES["default"]["CONN_MAX_AGE"] == 600
    assert production.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True
    assert production.SECURE_REDIRECT_EXEMPT == [r"^healthz$"]


def test_plain_http_is_served_on_a_loopback_address_only(settings):
    settings.PORTAL_PLAIN_HTTP = True

    with pytest.raises(CommandError, match="loopback"):
        call_command("serve", "--host", "0.0.0.0", "--port", "0")  # noqa: S104


def test_sqlite_is_served_by_one_process(settings, monkeypatch):
    settings.PORTAL_PLAIN_HTTP = True
    monkeypatch.setattr(serve, "_is_sqlite", lambda: True)

    with pytest.raises(CommandError, match="one server process"):
        call_command("serve", "--web-processes", "2", "--port", "0")
