"""Table rows written out in Python, for the lists that show a page of rows on every visit.

A list's rows are most of its page's work when each cell is a template node: a variable
looked up through the context, a tag that reverses an address, a label translated again
for each row. The staff lists measured at provincial scale (counselors, schools, funding,
commendations, pairing, documents) write their rows with these helpers from a template tag
of their area instead, as ``{% counselor_rows page %}``; the page around the rows stays a
template (``docs/adr/0026-list-rows-written-in-python.md``).

Everything a row shows goes through ``esc``, which escapes as Django's autoescape does, so
the HTML is the same as the template wrote.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from functools import lru_cache

from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

# A primary key no row has, reversed once and cut out of the address.
_PLACEHOLDER = 2147483646


def esc(value) -> str:
    """``value`` as text escaped for HTML, exactly as ``{{ value }}`` writes it."""
    if isinstance(value, SafeString):
        return value
    return html.escape(str(value))


@lru_cache(maxsize=256)
def _address_parts(name: str, prefix: str) -> tuple[str, str]:
    # ``prefix`` (the script prefix the address is reversed under) is part of the key.
    head, tail = reverse(name, args=[_PLACEHOLDER]).split(str(_PLACEHOLDER))
    return head, tail


def row_url(name: str, pk: int) -> str:
    """``{% url name pk %}`` for a URL that takes one integer key, reversed once a process."""
    head, tail = _address_parts(name, get_script_prefix())
    return f"{head}{int(pk)}{tail}"


@lru_cache(maxsize=256)
def _labels(messages: tuple[str, ...], language: str | None) -> dict[str, str]:
    return {message: esc(gettext(message)) for message in messages}


def labels(*messages: str) -> dict[str, str]:
    """The messages translated into the request's language and escaped, once a process for
    each language: the labels a table's cards show beside every cell on a phone."""
    return _labels(messages, get_language())


@lru_cache(maxsize=256)
def _choice_labels(choices, language: str | None) -> dict[str, str]:
    return {value: esc(label) for value, label in choices.choices}


def choice(choices, value) -> str:
    """``get_FOO_display()`` of ``value`` among ``choices`` (a Choices class), escaped: the
    labels translated once a process per language; a value they do not name is shown as it
    is, escaped."""
    label = _choice_labels(choices, get_language()).get(value)
    return esc(value) if label is None else label


def cell(label: str, content: str, attrs: str = "") -> str:
    """A row's ``<td>``: ``content`` (HTML already escaped) under its card ``label`` (one of
    ``labels``); ``attrs`` (``' class="num"'``) are written before the label."""
    return f'<td{attrs} data-label="{label}">{content}</td>'


def row(key: str, pk: int, detail: str, title: str, *cells: str, attrs: str = "") -> str:
    """A list's ``<tr data-<key>="<pk>">``: its header cell, ``title`` (HTML already
    escaped) linking to the ``detail`` URL of ``pk``, then ``cells`` as they are (from
    ``cell``); ``attrs`` are more attributes of the ``<tr>``."""
    return (
        f'<tr data-{key}="{pk}"{attrs}><th scope="row"><a href="{row_url(detail, pk)}">'
        f"{title}</a></th>{''.join(cells)}</tr>"
    )


def rows_html(rows: Iterable[str]) -> SafeString:
    """The rows joined: each was built from escaped values only."""
    return mark_safe("".join(rows))  # noqa: S308 - every value in it went through esc()


def list_tag(register, name: str, messages: tuple[str, ...]):
    """Register the decorated ``row(item, label, *args)``, which writes one row of a list,
    as the tag ``{% <name> page *args %}`` of ``register`` (a template library), which
    writes a page of them; ``label`` holds ``messages`` as ``labels`` gives them."""

    def decorate(row):
        def tag(page, *args):
            label = labels(*messages)
            return rows_html(row(item, label, *args) for item in page)

        register.simple_tag(tag, name=name)
        return row

    return decorate
