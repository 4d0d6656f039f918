"""The staff list of documents as an export (see apps.exports.registry), read through the
list page's own selector."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.documents.choices import DocumentKind, DocumentStatus, Validity
from apps.documents.permissions import Perm
from apps.documents.selectors import document_list
from apps.exports.columns import choice_labels
from apps.exports.registry import ExportDefinition, register
from apps.exports.writers import CellType, Column


def document_rows(*, actor, filters):
    """The actor's documents under the list's filters."""
    return document_list(actor=actor, filters=filters).qs


def document_columns(viewer) -> list[Column]:
    return [
        Column(_("Title"), "title", width=40),
        Column(_("Document number"), "number", width=22),
        Column(_("Kind"), "kind", width=12, transform=choice_labels(DocumentKind)),
        Column(_("Lead issuing body"), "lead_body__name", width=24),
        Column(_("Status"), "status", width=10, transform=choice_labels(DocumentStatus)),
        Column(_("Validity"), "validity_value", width=10, transform=choice_labels(Validity)),
        Column(_("Round"), "round", CellType.INTEGER),
        Column(_("Date of the document"), "dated_on", CellType.DATE),
        Column(pgettext_lazy("document", "Issued on"), "issued_on", CellType.DATE),
        Column(_("Valid until"), "valid_until", CellType.DATE),
    ]


DOCUMENTS = register(
    ExportDefinition(
        kind="documents",
        label=_("Policy documents"),
        filename="policy-documents",
        selector=document_rows,
        columns=document_columns,
        ordering=("-dated_on", "-id"),
        permissions=(Perm.VIEW_DOCUMENT,),
    )
)
