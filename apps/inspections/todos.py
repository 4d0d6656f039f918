"""Work in joint inspections waiting for a user (the portal's to-do list, ``registry.Todo``).

Every count starts from the rows the user sees (``for_actor``) and follows the rule the
services apply to the step: assigned inspectors file drafts, the campaign lead accepts,
the target's League or education staff answer an order, its issuer (or the lead) verifies.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from apps.core.registry import DueItem
from apps.core.scope import code_prefix
from apps.core.todos import Waiting, staff_in, todo_source
from apps.inspections.choices import (
    AWAITING_TARGET,
    CampaignStatus,
    InspectionStatus,
    RectificationStatus,
)
from apps.inspections.models import TARGET_STAFF_ROLES, Inspection, RectificationOrder
from apps.inspections.permissions import Perm


def reports_to_file(actor) -> QuerySet[Inspection]:
    """Drafts of running campaigns the actor is assigned to."""
    return Inspection.objects.for_actor(actor).filter(
        status=InspectionStatus.DRAFT,
        campaign__status=CampaignStatus.RUNNING,
        inspectors=actor,
    )


def reports_to_accept(actor) -> QuerySet[Inspection]:
    """Submitted reports of the campaigns the actor leads."""
    return Inspection.objects.for_actor(actor).filter(
        status=InspectionStatus.SUBMITTED, campaign__lead=actor
    )


def orders_to_answer(actor) -> QuerySet[RectificationOrder]:
    """Orders waiting for a rectification from a unit inside the actor's area (the target's
    League or education staff)."""
    if actor.role not in TARGET_STAFF_ROLES or actor.division_id is None:
        return RectificationOrder.objects.none()
    if not actor.has_perm(Perm.SUBMIT_RECTIFICATION):
        return RectificationOrder.objects.none()
    return RectificationOrder.objects.for_actor(actor).filter(
        status__in=AWAITING_TARGET,
        target_division_code__startswith=code_prefix(actor.division_id),
    )


def orders_to_verify(actor) -> QuerySet[RectificationOrder]:
    """Submitted rectifications of orders the actor issued or whose campaign they lead."""
    return RectificationOrder.objects.for_actor(actor).filter(
        Q(issued_by=actor) | Q(finding__inspection__campaign__lead=actor),
        status=RectificationStatus.SUBMITTED,
    )


@todo_source
def inspection_todos(*, actor) -> list[Waiting]:
    """The actor's work in joint inspections: reports to file (due by the campaign's end),
    reports to accept, orders to answer (due by their deadline) and rectifications to
    verify."""
    reports = reverse("inspections:inspection-list")
    orders = reverse("inspections:order-list")
    return [
        Waiting(
            _("Supervision reports to file"),
            reports_to_file(actor),
            f"{reports}?status={InspectionStatus.DRAFT}",
            due="campaign__end_date",
        ),
        Waiting(
            _("Reports waiting for your acceptance"),
            reports_to_accept(actor),
            f"{reports}?status={InspectionStatus.SUBMITTED}",
        ),
        # One entry a status, so that each links to a list of exactly its rows.
        Waiting(
            _("Rectification orders your unit must answer"),
            orders_to_answer(actor).filter(status=RectificationStatus.OPEN),
            f"{orders}?status={RectificationStatus.OPEN}",
            due="deadline",
        ),
        Waiting(
            _("Reopened rectification orders your unit must answer again"),
            orders_to_answer(actor).filter(status=RectificationStatus.REOPENED),
            f"{orders}?status={RectificationStatus.REOPENED}",
            due="deadline",
        ),
        Waiting(
            _("Rectifications waiting for your verification"),
            orders_to_verify(actor),
            f"{orders}?status={RectificationStatus.SUBMITTED}",
        ),
    ]


def order_due_items(*, due_from, due_to) -> list[DueItem]:
    """Orders still waiting for a rectification, due between the two dates: the League and
    education staff of the target division (a school's: its county) must answer them."""
    orders = list(
        RectificationOrder.objects.filter(
            status__in=AWAITING_TARGET, deadline__range=(due_from, due_to)
        ).select_related("target_division", "target_school")
    )
    roles = tuple(sorted(TARGET_STAFF_ROLES))
    staff = staff_in(divisions=[o.target_division_code for o in orders], roles=roles)
    return [
        DueItem(
            key=f"inspections.order:{order.pk}",
            kind=_("rectification order"),
            what=Truncator(order.requirement).chars(40),
            unit=str(order.target),
            due=order.deadline,
            url=order.get_absolute_url(),
            action=_("submit the rectification"),
            actors=tuple(staff.get(("division", order.target_division_code), ())),
            division=order.target_division_code,
            roles=roles,
        )
        for order in orders
    ]
