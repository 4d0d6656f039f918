"""What the funding area knows of one school, for the dashboard of a user scoped to it
(declared as ``school_facts`` in apps.py)."""

from __future__ import annotations

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from apps.core.access import link_for
from apps.core.money import money_string
from apps.core.registry import Fact
from apps.funding.choices import PAID_STATUSES, AllocationStatus
from apps.funding.models import Allocation


def school_facts(*, school, year, viewer) -> list[Fact]:
    """Allocations to the school from ``year``'s programs (cancelled ones left out): how
    many, the amount allocated and the amount paid out, in yuan. One query."""
    figures = (
        Allocation.objects.filter(recipient_school=school, program__year=year)
        .exclude(status=AllocationStatus.CANCELLED)
        .aggregate(
            count=Count("pk"),
            allocated=Sum("amount"),
            paid=Sum("amount", filter=Q(status__in=PAID_STATUSES)),
        )
    )
    url = link_for(viewer, "funding:allocation-list")
    return [
        Fact(_("Fund allocations"), figures["count"], url, "funding.allocations"),
        Fact(
            _("Allocated (yuan)"), money_string(figures["allocated"]), url, "funding.allocated_yuan"
        ),
        Fact(_("Disbursed (yuan)"), money_string(figures["paid"]), url, "funding.paid_yuan"),
    ]
