"""The area's filtered lists: campaigns, supervision reports, rectification orders and
circulars, each on keyset pages in its selector's order and exported as its kind."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.inspections import selectors
from apps.inspections.views.common import list_page

# class name, title, selector (a FilterSet), keyset order, export kind.
LISTS = [
    (
        "CampaignListView",
        _("Inspection campaigns"),
        selectors.campaign_list,
        selectors.CAMPAIGN_ORDER,
        "inspection-campaigns",
    ),
    (
        "InspectionListView",
        _("Supervision reports"),
        selectors.inspection_list,
        selectors.INSPECTION_ORDER,
        "inspection-reports",
    ),
    (
        "RectificationOrderListView",
        _("Rectification orders"),
        selectors.order_list,
        selectors.ORDER_ORDER,
        "rectification-orders",
    ),
    (
        "CircularListView",
        _("Circulars"),
        selectors.circular_list,
        selectors.CIRCULAR_ORDER,
        "circulars",
    ),
]

CampaignListView, InspectionListView, RectificationOrderListView, CircularListView = (
    list_page(name, title=title, selector=selector, ordering=order, export_kind=kind)
    for name, title, selector, order, kind in LISTS
)
