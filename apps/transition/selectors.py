"""Reads of the transition area, always from the actor's scope: pilots of schools inside it
(a school user: their own school). Anything else is absent, which views turn into a 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from apps.organizations.models import School
from apps.transition.choices import MilestoneStatus
from apps.transition.filters import PilotFilter
from apps.transition.models import HandOff, Milestone, Pilot


def pilot_visible(*, actor) -> QuerySet[Pilot]:
    return Pilot.objects.for_actor(actor)


def pilot_list(*, actor, filters=None) -> PilotFilter:
    """The pilots the actor sees with their milestone counts and latest hand-off count."""
    queryset = (
        pilot_visible(actor=actor)
        .select_related("school__county__parent", "plan_document")
        .annotate(
            milestone_count=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones", filter=Q(milestones__status=MilestoneStatus.DONE), distinct=True
            ),
        )
        .order_by("id")
    )
    return PilotFilter(filters or None, queryset=queryset, actor=actor)


def pilot_get(*, actor, pk: int) -> Pilot:
    return (
        pilot_visible(actor=actor)
        .select_related("school__county__parent", "plan_document")
        .get(pk=pk)
    )


def milestone_get(*, actor, pk: int) -> Milestone:
    return Milestone.objects.for_actor(actor).select_related("pilot__school").get(pk=pk)


def pilot_milestones(*, pilot: Pilot) -> QuerySet[Milestone]:
    return pilot.milestones.order_by("due_on", "id")


def pilot_handoffs(*, pilot: Pilot) -> QuerySet[HandOff]:
    return pilot.handoffs.order_by("-year")


def schools_without_pilot(*, actor) -> QuerySet[School]:
    """Flagged pilot schools in the actor's scope that have no pilot record yet."""
    return (
        School.objects.for_actor(actor)
        .filter(is_transition_pilot=True, transition_pilot__isnull=True)
        .select_related("county")
        .order_by("county_id", "name", "id")
    )
