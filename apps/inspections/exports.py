"""The joint inspection lists as exports (see apps.exports.registry): campaigns, supervision
reports, rectification orders and circulars, each read through its page's own selector and
in its page's own keyset order.

Imported at start-up by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.db.models import BooleanField, ExpressionWrapper, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import clock
from apps.exports.columns import choice_labels, yes_no
from apps.exports.registry import ExportDefinition, register
from apps.exports.writers import CellType, Column
from apps.inspections import choices, selectors
from apps.inspections.permissions import Perm

# A report or order is aimed at a division or at a school, never both.
_TARGET_NAME = Coalesce("target_division__name", "target_school__name")
_TARGET = pgettext_lazy("inspection", "Target")


def campaign_rows(*, actor, filters):
    """The campaigns the actor sees, under the campaign list's filters."""
    return selectors.campaign_list(actor=actor, filters=filters).qs


def inspection_rows(*, actor, filters):
    """The supervision reports the actor sees, under the report list's filters."""
    rows = selectors.inspection_list(actor=actor, filters=filters).qs
    return rows.annotate(target_name=_TARGET_NAME)


def order_rows(*, actor, filters):
    """The rectification orders the actor sees, under the order list's filters, each marked
    overdue as the page marks it (still waiting for the target after its deadline)."""
    late = Q(status__in=choices.AWAITING_TARGET, deadline__lt=clock.today())
    rows = selectors.order_list(actor=actor, filters=filters).qs
    return rows.annotate(
        target_name=_TARGET_NAME, is_late=ExpressionWrapper(late, output_field=BooleanField())
    )


def circular_rows(*, actor, filters):
    """The circulars (drafts included) of the campaigns the actor sees, under the filters."""
    return selectors.circular_list(actor=actor, filters=filters).qs


def campaign_columns(viewer) -> list[Column]:
    """The campaign list's columns."""
    return [
        Column(_("Campaign"), "name", width=30),
        Column(_("Year"), "year", CellType.INTEGER),
        Column(_("Start date"), "start_date", CellType.DATE),
        Column(_("End date"), "end_date", CellType.DATE),
        Column(_("Area"), "division__name", width=14),
        Column(_("Status"), "status", width=10, transform=choice_labels(choices.CampaignStatus)),
        Column(_("Reports filed"), "filed_count", CellType.INTEGER),
        Column(_("Reports"), "report_count", CellType.INTEGER),
    ]


def inspection_columns(viewer) -> list[Column]:
    """The report list's columns (a school target also shows its county)."""
    return [
        Column(_TARGET, "target_name", width=24),
        Column(_("County"), "target_school__county__name", width=14),
        Column(_("Campaign"), "campaign__name", width=30),
        Column(_("Inspected on"), "inspected_on", CellType.DATE),
        Column(_("Status"), "status", width=10, transform=choice_labels(choices.InspectionStatus)),
        Column(_("Overall rating"), "rating", width=10, transform=choice_labels(choices.Rating)),
    ]


def order_columns(viewer) -> list[Column]:
    """The order list's columns, with what the order requires."""
    return [
        Column(_TARGET, "target_name", width=24),
        Column(_("Campaign"), "finding__inspection__campaign__name", width=30),
        Column(_("Issued on"), "issued_on", CellType.DATE),
        Column(_("Deadline"), "deadline", CellType.DATE),
        Column(
            _("Status"), "status", width=12, transform=choice_labels(choices.RectificationStatus)
        ),
        Column(_("Overdue"), "is_late", width=8, transform=yes_no()),
        Column(_("What must be rectified"), "requirement", width=40),
    ]


def circular_columns(viewer) -> list[Column]:
    """The circular list's columns."""
    return [
        Column(_("Title"), "title", width=36),
        Column(_("Kind"), "kind", width=10, transform=choice_labels(choices.CircularKind)),
        Column(_("Campaign"), "campaign__name", width=30),
        Column(_("Published"), "is_published", width=8, transform=yes_no()),
        Column(_("Published on"), "published_on", CellType.DATE),
    ]


# kind (also the file name), label, rows, columns, the page's keyset order, the right to read.
LISTS = [
    (
        "inspection-campaigns",
        _("Inspection campaigns"),
        campaign_rows,
        campaign_columns,
        selectors.CAMPAIGN_ORDER,
        Perm.VIEW_CAMPAIGN,
    ),
    (
        "inspection-reports",
        _("Supervision reports"),
        inspection_rows,
        inspection_columns,
        selectors.INSPECTION_ORDER,
        Perm.VIEW_INSPECTION,
    ),
    (
        "rectification-orders",
        _("Rectification orders"),
        order_rows,
        order_columns,
        selectors.ORDER_ORDER,
        Perm.VIEW_ORDER,
    ),
    (
        "circulars",
        _("Circulars"),
        circular_rows,
        circular_columns,
        selectors.CIRCULAR_ORDER,
        Perm.VIEW_CIRCULAR,
    ),
]
# The reports' file keeps the name it always had.
FILENAMES = {"inspection-reports": "supervision-reports"}

CAMPAIGNS, INSPECTIONS, ORDERS, CIRCULARS = (
    register(
        ExportDefinition(
            kind=kind,
            label=label,
            filename=FILENAMES.get(kind, kind),
            selector=rows,
            columns=columns,
            ordering=ordering,
            permissions=(permission,),
        )
    )
    for kind, label, rows, columns, ordering, permission in LISTS
)
