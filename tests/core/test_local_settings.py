"""`make run` shows the portal's own error pages unless a developer asks for Django's."""

import importlib
import sys


def _local_settings(monkeypatch, **environment):
    monkeypatch.delenv("DJANGO_DEBUG", raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    sys.modules.pop("config.settings.local", None)
    try:
        return importlib.import_module("config.settings.local")
    finally:
        sys.modules.pop("config.settings.local", None)


def test_debug_is_off_unless_asked_for(monkeypatch):
    assert _local_settings(monkeypatch).DEBUG is False
    assert _local_settings(monkeypatch, DJANGO_DEBUG="true").DEBUG is True


def test_the_404_page_is_the_portals_own_in_chinese(client, db):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    html = response.content.decode()
    assert "Page not found" not in html
    assert 'lang="zh-hans"' in html
