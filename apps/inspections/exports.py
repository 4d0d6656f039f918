"""The joint inspection lists as exports (see apps.exports.registry): campaigns, supervision
reports, rectification orders and circulars, each read through its page's own selector.

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
from apps.inspections.choices import (
    AWAITING_TARGET,
    CampaignStatus,
    CircularKind,
    InspectionStatus,
    Rating,
    RectificationStatus,
)
from apps.inspections.permissions import Perm
from apps.inspections.selectors import (
    CAMPAIGN_ORDER,
    CIRCULAR_ORDER,
    INSPECTION_ORDER,
    ORDER_ORDER,
    campaign_list,
    circular_list,
    inspection_list,
    order_list,
)

# A report or order is aimed at a division or at a school, never both.
_TARGET_NAME = Coalesce("target_division__name", "target_school__name")


def campaign_rows(*, actor, filters):
    """The campaigns the actor sees, under the campaign list's filters."""
    return campaign_list(actor=actor, filters=filters).qs


def campaign_columns(viewer) -> list[Column]:
    """The campaign list's columns."""
    return [
        Column(_("Campaign"), "name", width=30),
        Column(_("Year"), "year", CellType.INTEGER),
        Column(_("Start date"), "start_date", CellType.DATE),
        Column(_("End date"), "end_date", CellType.DATE),
        Column(_("Area"), "division__name", width=14),
        Column(_("Status"), "status", width=10, transform=choice_labels(CampaignStatus)),
        Column(_("Reports filed"), "filed_count", CellType.INTEGER),
        Column(_("Reports"), "report_count", CellType.INTEGER),
    ]


CAMPAIGNS = register(
    ExportDefinition(
        kind="inspection-campaigns",
        label=_("Inspection campaigns"),
        filename="inspection-campaigns",
        selector=campaign_rows,
        columns=campaign_columns,
        ordering=CAMPAIGN_ORDER,
        permissions=(Perm.VIEW_CAMPAIGN,),
    )
)


def inspection_rows(*, actor, filters):
    """The supervision reports the actor sees, under the report list's filters."""
    return inspection_list(actor=actor, filters=filters).qs.annotate(target_name=_TARGET_NAME)


def inspection_columns(viewer) -> list[Column]:
    """The report list's columns (a school target also shows its county)."""
    return [
        Column(pgettext_lazy("inspection", "Target"), "target_name", width=24),
        Column(_("County"), "target_school__county__name", width=14),
        Column(_("Campaign"), "campaign__name", width=30),
        Column(_("Inspected on"), "inspected_on", CellType.DATE),
        Column(_("Status"), "status", width=10, transform=choice_labels(InspectionStatus)),
        Column(_("Overall rating"), "rating", width=10, transform=choice_labels(Rating)),
    ]


INSPECTIONS = register(
    ExportDefinition(
        kind="inspection-reports",
        label=_("Supervision reports"),
        filename="supervision-reports",
        selector=inspection_rows,
        columns=inspection_columns,
        ordering=INSPECTION_ORDER,
        permissions=(Perm.VIEW_INSPECTION,),
    )
)


def order_rows(*, actor, filters):
    """The rectification orders the actor sees, under the order list's filters, each marked
    overdue as the page marks it (still waiting for the target after its deadline)."""
    late = Q(status__in=AWAITING_TARGET, deadline__lt=clock.today())
    return (
        order_list(actor=actor, filters=filters)
        .qs.annotate(target_name=_TARGET_NAME)
        .annotate(is_late=ExpressionWrapper(late, output_field=BooleanField()))
    )


def order_columns(viewer) -> list[Column]:
    """The order list's columns, with what the order requires."""
    return [
        Column(pgettext_lazy("inspection", "Target"), "target_name", width=24),
        Column(_("Campaign"), "finding__inspection__campaign__name", width=30),
        Column(_("Issued on"), "issued_on", CellType.DATE),
        Column(_("Deadline"), "deadline", CellType.DATE),
        Column(_("Status"), "status", width=12, transform=choice_labels(RectificationStatus)),
        Column(_("Overdue"), "is_late", width=8, transform=yes_no()),
        Column(_("What must be rectified"), "requirement", width=40),
    ]


ORDERS = register(
    ExportDefinition(
        kind="rectification-orders",
        label=_("Rectification orders"),
        filename="rectification-orders",
        selector=order_rows,
        columns=order_columns,
        ordering=ORDER_ORDER,
        permissions=(Perm.VIEW_ORDER,),
    )
)


def circular_rows(*, actor, filters):
    """The circulars (drafts included) of the campaigns the actor sees, under the filters."""
    return circular_list(actor=actor, filters=filters).qs


def circular_columns(viewer) -> list[Column]:
    """The circular list's columns."""
    return [
        Column(_("Title"), "title", width=36),
        Column(_("Kind"), "kind", width=10, transform=choice_labels(CircularKind)),
        Column(_("Campaign"), "campaign__name", width=30),
        Column(_("Published"), "is_published", width=8, transform=yes_no()),
        Column(_("Published on"), "published_on", CellType.DATE),
    ]


CIRCULARS = register(
    ExportDefinition(
        kind="circulars",
        label=_("Circulars"),
        filename="circulars",
        selector=circular_rows,
        columns=circular_columns,
        ordering=CIRCULAR_ORDER,
        permissions=(Perm.VIEW_CIRCULAR,),
    )
)
