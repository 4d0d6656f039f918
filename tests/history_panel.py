"""Reading a page's history panel (templates/core/_history.html) in tests."""

from __future__ import annotations

import html as html_text
import re

from django.utils import translation

from apps.core.history import ACTIONS, KINDS


def panel(client, url: str) -> list[str]:
    """The history panel's rows on the page at ``url``, each as its text."""
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    table = re.search(
        r'<table class="data-table cards" data-table="history">.*?</table>', html, re.S
    )
    assert table, f"no history panel on {url}"
    rows = re.findall(r"<tr data-history-entry[^>]*>(.*?)</tr>", table.group(0), re.S)
    return [
        re.sub(r"\s+", " ", html_text.unescape(re.sub(r"<[^>]+>", " ", row))).strip()
        for row in rows
    ]


def file_entries(rows: list[str], model, name: str) -> dict[str, str]:
    """The panel's rows about the stored file ``name`` of ``model`` (an ``EvidenceFileBase``),
    by what happened to it: "created", "changed", "deleted"."""
    with translation.override("zh-hans"):
        record = f"{model._meta.verbose_name}：{name}"
        actions = {KINDS[code]: str(label) for code, label in ACTIONS.items()}
    return {
        kind: row
        for row in rows
        if record in row
        for kind, action in actions.items()
        if f"· {action}" in row
    }
