"""Every reason a history panel shows reads in Chinese: the reasons services give are
either catalogued codes (``gettext_noop``), an area's declared reason choices
(``AreaConfig.history_reasons``), or text written in the portal's language when it names
something (a body, a level, a round)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from django.apps import apps as django_apps
from django.conf import settings
from django.utils import translation

from apps.core.history import reason_label

LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def english(text: str, choices=None) -> bool:
    """Whether ``text`` as a panel shows it still holds English words (placeholders aside)."""
    return bool(LATIN_WORD.search(PLACEHOLDER.sub("", reason_label(text, choices))))


TRANSLATORS = {"_", "gettext", "gettext_lazy", "gettext_noop", "pgettext", "pgettext_lazy"}


def _reason_arguments():
    """Each ``reason=`` argument of a call in the areas' code, with where it stands."""
    for path in sorted(Path(settings.BASE_DIR, "apps").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                for keyword in node.keywords:
                    if keyword.arg == "reason":
                        yield f"{path.relative_to(settings.BASE_DIR)}:{node.lineno}", keyword.value


def _literals(value: ast.expr):
    """The English texts a reason argument may store: bare strings, both sides of a
    conditional, and what a translation function is called with."""
    if isinstance(value, ast.IfExp):
        yield from _literals(value.body)
        yield from _literals(value.orelse)
    elif isinstance(value, ast.Constant) and isinstance(value.value, str):
        yield value.value
    elif isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod):
        yield from _literals(value.left)
    elif (
        isinstance(value, ast.Call)
        and isinstance(value.func, ast.Name)
        and value.func.id in TRANSLATORS
        and value.args
    ):
        yield from _literals(value.args[0])


def test_no_reason_is_composed_where_the_catalogue_cannot_find_it():
    composed = [where for where, value in _reason_arguments() if isinstance(value, ast.JoinedStr)]
    assert composed == []


def test_every_reason_written_in_the_code_has_a_chinese_text():
    untranslated = []
    with translation.override("zh-hans"):
        for where, value in _reason_arguments():
            for text in _literals(value):
                if text and text.isascii() and english(text):
                    untranslated.append((where, text))
    assert untranslated == []


@pytest.mark.usefixtures("demo_data")
@pytest.mark.django_db
def test_no_history_row_of_the_demo_shows_an_english_reason():
    """The demo writes its history through the services, so it holds their reasons."""
    shown = set()
    for model in django_apps.get_models():
        history = getattr(model, "history", None)
        if history is None or not hasattr(history, "values_list"):
            continue
        for reason in history.values_list("history_change_reason", flat=True).distinct():
            if reason:
                shown.add((model, reason))
    assert len(shown) > 40  # the demo runs every workflow
    with translation.override("zh-hans"):
        untranslated = {
            (model.__name__, reason)
            for model, reason in shown
            if english(reason, getattr(model, "history_reasons", None))
        }
    assert untranslated == set()
