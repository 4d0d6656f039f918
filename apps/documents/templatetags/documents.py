"""Template tags for the staff lists of documents and notices: their rows, written in
Python (``apps.core.rows``) as ``documents/_status.html`` and ``documents/_validity.html``
would write them, since those are most of the lists' work."""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

from django import template
from django.utils.translation import get_language, gettext

from apps.core import rows
from apps.documents.choices import DocumentKind, DocumentStatus, NoticeStatus, Validity

register = template.Library()

# Each cell's label on a phone, and the badges' words.
_DOCUMENT_LABELS = (
    "Document number",
    "Kind",
    "Lead issuing body",
    "Status",
    "Date",
    "sent back",
    "Amended by:",
    "Repealed by:",
)
_NOTICE_LABELS = ("Publishing office", "Date", "Status")


def _day(value) -> str:
    """``{{ value|date:"Y-m-d" }}`` for a date (or nothing): digits and dashes only."""
    return value.isoformat() if value else ""


@lru_cache(maxsize=64)
def _choices(choices, language: str | None) -> dict[str, str]:
    # The labels of a set of choices in ``language``, escaped: once a process for each.
    return {value: rows.esc(label) for value, label in choices.choices}


def choice_labels(choices) -> dict[str, str]:
    """``{value: label}`` of ``choices`` in the request's language, escaped, as
    ``get_FOO_display`` shows them (an unknown value is shown as it is, escaped)."""
    return _choices(choices, get_language())


def _shown(labels: dict[str, str], value) -> str:
    label = labels.get(value)
    return rows.esc(value) if label is None else label


def _validity_value(document) -> str:
    """Today's validity value ("" unless issued): the list's annotation, else computed."""
    value = getattr(document, "validity_value", None)
    if value is None:
        validity = document.validity
        value = validity.value if validity else ""
    return value


class _Shown(NamedTuple):
    """The words a document row shows, in the request's language, escaped."""

    kinds: dict[str, str]
    statuses: dict[str, str]
    validities: dict[str, str]
    valid_until: str


@register.simple_tag
def document_rows(page):
    """``{% document_rows page %}``: the staff document list's rows: status, sent back,
    and for an issued document its validity (and what amended, repealed or ended it)."""
    label = rows.labels(*_DOCUMENT_LABELS)
    shown = _Shown(
        choice_labels(DocumentKind),
        choice_labels(DocumentStatus),
        choice_labels(Validity),
        # As ``{% blocktranslate %}`` writes it: the translation as it is, the day escaped.
        gettext("valid until %(day)s"),
    )
    return rows.rows_html(_document_row(document, label, shown) for document in page)


def _validity(document, label, shown: _Shown) -> str:
    """``documents/_validity.html`` for a document in the staff pages ("" unless issued)."""
    esc = rows.esc
    validity = _validity_value(document)
    if not validity:
        return ""
    value = esc(validity)
    badge = (
        f'<span class="badge validity-{value}" data-validity="{value}">'
        f"{_shown(shown.validities, validity)}</span>"
    )
    if validity == Validity.AMENDED and document.amended_by_id:
        url = rows.row_url("documents:document-detail", document.amended_by_id)
        return (
            f'{badge} <span class="help">{label["Amended by:"]} '
            f'<a href="{url}">{esc(document.amended_by.title)}</a></span>'
        )
    if validity == Validity.REPEALED and document.repealed_by_id:
        url = rows.row_url("documents:document-detail", document.repealed_by_id)
        return (
            f'{badge} <span class="help">{label["Repealed by:"]} '
            f'<a href="{url}">{esc(document.repealed_by.title)}</a></span>'
        )
    if validity == Validity.EXPIRED:
        day = shown.valid_until % {"day": _day(document.valid_until)}
        return f'{badge} <span class="help">{day}</span>'
    return badge


def _document_row(document, label, shown: _Shown) -> str:
    esc = rows.esc
    status = esc(document.status)
    sent_back = (
        f' <span class="badge decision-send_back">{label["sent back"]}</span>'
        if document.was_sent_back
        else ""
    )
    issued = document.is_issued
    # The include's file ends in a newline, written whatever the validity.
    validity = f" {_validity(document, label, shown)}\n" if issued else ""
    day = f'<span class="date">{_day(document.dated_on)}</span>' if issued else "—"
    return (
        f'<tr data-document="{document.pk}">'
        f'<th scope="row"><a href="{rows.row_url("documents:document-detail", document.pk)}">'
        f"{esc(document.title)}</a></th>"
        f'<td data-label="{label["Document number"]}">{esc(document.number or "—")}</td>'
        f'<td data-label="{label["Kind"]}">{_shown(shown.kinds, document.kind)}</td>'
        f'<td data-label="{label["Lead issuing body"]}">{esc(document.lead_body.label)}</td>'
        f'<td data-label="{label["Status"]}"><span class="badge status-{status}" '
        f'data-status="{status}">{_shown(shown.statuses, document.status)}</span>\n'
        f"{sent_back}{validity}</td>"
        f'<td data-label="{label["Date"]}">{day}</td>'
        "</tr>"
    )


@register.simple_tag
def notice_rows(page):
    """``{% notice_rows page %}``: the staff notice list's rows, published or draft."""
    label = rows.labels(*_NOTICE_LABELS)
    statuses = choice_labels(NoticeStatus)
    return rows.rows_html(_notice_row(notice, label, statuses) for notice in page)


def _notice_row(notice, label, statuses) -> str:
    esc = rows.esc
    badge = "badge-ok" if notice.is_published else "badge-muted"
    return (
        f'<tr data-notice="{notice.pk}">'
        f'<th scope="row"><a href="{rows.row_url("documents:notice-detail", notice.pk)}">'
        f"{esc(notice.title)}</a></th>"
        f'<td data-label="{label["Publishing office"]}">{esc(notice.office.label)}</td>'
        f'<td data-label="{label["Date"]}">'
        f'<span class="date">{_day(notice.dated_on)}</span></td>'
        f'<td data-label="{label["Status"]}"><span class="badge {badge}">'
        f"{_shown(statuses, notice.status)}</span></td>"
        "</tr>"
    )
