"""The staff list of documents as an export (see apps.exports.registry), read through the
list page's own selector."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.documents.choices import DocumentKind, DocumentStatus, Validity
from apps.documents.permissions import Perm
from apps.documents.selectors import document_list
from apps.exports.columns import choice_labels
from apps.exports.lists import filtered, list_export
from apps.exports.writers import CellType, Column


@list_export(
    "documents",
    _("Policy documents"),
    filtered(document_list),
    ("-dated_on", "-id"),
    Perm.VIEW_DOCUMENT,
    filename="policy-documents",
)
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
