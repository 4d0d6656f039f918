"""Template tags for the staff lists of documents and notices: their rows, written in
Python (``apps.core.rows``) as ``documents/_status.html`` and ``documents/_validity.html``
would write them, since those are most of the lists' work."""

from __future__ import annotations

from django import template
from django.utils.translation import gettext

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


def _validity_value(document) -> str:
    """Today's validity value ("" unless issued): the list's annotation, else computed."""
    value = getattr(document, "validity_value", None)
    if value is None:
        validity = document.validity
        value = validity.value if validity else ""
    return value


@register.simple_tag
def document_rows(page):
    """``{% document_rows page %}``: the staff document list's rows: status, sent back,
    and for an issued document its validity (and what amended, repealed or ended it)."""
    label = rows.labels(*_DOCUMENT_LABELS)
    # As ``{% blocktranslate %}`` writes it: the translation as it is, the day escaped.
    valid_until = gettext("valid until %(day)s")
    return rows.rows_html(_document_row(document, label, valid_until) for document in page)


def _validity(document, label, valid_until: str) -> str:
    """``documents/_validity.html`` for a document in the staff pages ("" unless issued)."""
    esc = rows.esc
    validity = _validity_value(document)
    if not validity:
        return ""
    value = esc(validity)
    badge = (
        f'<span class="badge validity-{value}" data-validity="{value}">'
        f"{rows.choice(Validity, validity)}</span>"
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
        day = valid_until % {"day": _day(document.valid_until)}
        return f'{badge} <span class="help">{day}</span>'
    return badge


def _document_row(document, label, valid_until: str) -> str:
    esc = rows.esc
    status = esc(document.status)
    sent_back = (
        f' <span class="badge decision-send_back">{label["sent back"]}</span>'
        if document.was_sent_back
        else ""
    )
    issued = document.is_issued
    # The include's file ends in a newline, written whatever the validity.
    validity = f" {_validity(document, label, valid_until)}\n" if issued else ""
    day = f'<span class="date">{_day(document.dated_on)}</span>' if issued else "—"
    return rows.row(
        "document",
        document.pk,
        "documents:document-detail",
        esc(document.title),
        rows.cell(label["Document number"], esc(document.number or "—")),
        rows.cell(label["Kind"], rows.choice(DocumentKind, document.kind)),
        rows.cell(label["Lead issuing body"], esc(document.lead_body.label)),
        rows.cell(
            label["Status"],
            f'<span class="badge status-{status}" data-status="{status}">'
            f"{rows.choice(DocumentStatus, document.status)}</span>\n{sent_back}{validity}",
        ),
        rows.cell(label["Date"], day),
    )


@rows.list_tag(register, "notice_rows", _NOTICE_LABELS)
def _notice_row(notice, label) -> str:
    """A row of ``{% notice_rows page %}``, the staff notice list's rows, published or
    draft."""
    esc = rows.esc
    badge = "badge-ok" if notice.is_published else "badge-muted"
    return rows.row(
        "notice",
        notice.pk,
        "documents:notice-detail",
        esc(notice.title),
        rows.cell(label["Publishing office"], esc(notice.office.label)),
        rows.cell(label["Date"], f'<span class="date">{_day(notice.dated_on)}</span>'),
        rows.cell(
            label["Status"],
            f'<span class="badge {badge}">{rows.choice(NoticeStatus, notice.status)}</span>',
        ),
    )
