"""Reads of the joint-meeting area, always from the actor's scope: meetings convened inside
it or that tasked a body inside it; decisions owned inside it or of a meeting convened
inside it. Anything else is absent, which views turn into a 404."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from apps.meetings.choices import DecisionStatus
from apps.meetings.filters import DecisionFilter, MeetingFilter, waiting_for
from apps.meetings.models import Decision, Meeting, Minutes


def meeting_visible(*, actor) -> QuerySet[Meeting]:
    return Meeting.objects.for_actor(actor)


def meeting_list(*, actor, filters=None) -> MeetingFilter:
    queryset = (
        meeting_visible(actor=actor)
        .select_related("division")
        .annotate(
            decision_count=Count("decisions", distinct=True),
            open_count=Count(
                "decisions", filter=Q(decisions__status=DecisionStatus.OPEN), distinct=True
            ),
        )
        .order_by("-held_on", "-id")
    )
    return MeetingFilter(filters or None, queryset=queryset)


def meeting_get(*, actor, pk: int) -> Meeting:
    return meeting_visible(actor=actor).select_related("division").get(pk=pk)


def decision_visible(*, actor) -> QuerySet[Decision]:
    return Decision.objects.for_actor(actor)


def _decision_rows(queryset):
    return queryset.select_related("meeting__division", "owner_division", "responsible").order_by(
        "status", "due_on", "id"
    )


def decision_list(*, actor, filters=None) -> DecisionFilter:
    queryset = decision_visible(actor=actor).select_related(
        "meeting__division", "owner_division", "responsible"
    )
    return DecisionFilter(filters or None, queryset=queryset.order_by("id"), actor=actor)


def meeting_decisions(*, actor, meeting: Meeting) -> QuerySet[Decision]:
    return _decision_rows(decision_visible(actor=actor).filter(meeting=meeting))


def decision_get(*, actor, pk: int) -> Decision:
    return (
        decision_visible(actor=actor)
        .select_related("meeting__division", "owner_division", "responsible")
        .get(pk=pk)
    )


def minutes_get(*, actor, pk: int) -> Minutes:
    """The minutes of a meeting the actor sees (by the meeting's id)."""
    return Minutes.objects.get(meeting__in=meeting_visible(actor=actor), meeting_id=pk)


def open_decisions_in(*, scope) -> QuerySet[Decision]:
    """Open decisions owned by a body inside ``scope`` (a division): its dashboard's list."""
    return _decision_rows(
        Decision.objects.open().filter(owner_division__code__startswith=scope.prefix)
    )


def decisions_waiting_for(*, actor) -> QuerySet[Decision]:
    """Open decisions ``actor`` is responsible for or whose owner body they act for."""
    return waiting_for(decision_visible(actor=actor).open(), actor)
