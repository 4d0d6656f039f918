"""What the inspections area knows of one school, for the dashboard of a user scoped to it
(declared as ``school_facts`` in apps.py)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.access import link_for
from apps.core.registry import Fact
from apps.inspections.choices import AWAITING_TARGET, FILED
from apps.inspections.models import Inspection, RectificationOrder


def school_facts(*, school, year, viewer) -> list[Fact]:
    """Supervision reports filed on the school in ``year``'s campaigns, rectification
    orders issued to it that year, and those waiting for the school today (overdue among
    them). Two queries."""
    reports = Inspection.objects.filter(
        target_school=school, campaign__year=year, status__in=FILED
    ).count()
    orders = RectificationOrder.objects.filter(target_school=school).aggregate(
        issued=Count("pk", filter=Q(issued_on__year=year)),
        waiting=Count("pk", filter=Q(status__in=AWAITING_TARGET)),
        overdue=Count("pk", filter=Q(status__in=AWAITING_TARGET, deadline__lt=clock.today())),
    )
    order_list = link_for(viewer, "inspections:order-list")
    return [
        Fact(
            _("Supervision reports filed"),
            reports,
            link_for(viewer, "inspections:inspection-list"),
            "inspections.reports",
        ),
        Fact(_("Rectification orders issued"), orders["issued"], order_list, "inspections.issued"),
        Fact(
            _("Orders waiting for the school"), orders["waiting"], order_list, "inspections.waiting"
        ),
        Fact(_("Overdue orders"), orders["overdue"], order_list, "inspections.overdue"),
    ]
