"""Filters of the meeting and decision lists."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.meetings.choices import SIDE_ROLE, DecisionStatus, OwnerSide
from apps.meetings.models import Decision, Meeting


class MeetingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="held_on__year", label=_("Year"), min_value=2000)

    class Meta:
        model = Meeting
        fields = ["year"]


class DecisionFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=DecisionStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    owner_side = django_filters.ChoiceFilter(
        choices=OwnerSide.choices, label=_("Owner body"), empty_label=_("Both sides")
    )
    overdue = django_filters.BooleanFilter(
        method="only_overdue",
        label=_("Overdue only"),
        widget=django_filters.widgets.BooleanWidget(),
    )
    mine = django_filters.BooleanFilter(
        method="only_mine",
        label=_("For me or my body"),
        widget=django_filters.widgets.BooleanWidget(),
    )

    class Meta:
        model = Decision
        fields = ["status", "owner_side", "overdue", "mine"]

    def __init__(self, *args, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor

    def only_overdue(self, queryset, name, value):
        return queryset.overdue(clock.today()) if value else queryset

    def only_mine(self, queryset, name, value):
        return waiting_for(queryset, self.actor) if value else queryset


def waiting_for(queryset, actor):
    """Decisions of ``queryset`` whose responsible person is ``actor`` or whose owner body
    ``actor`` acts for."""
    condition = Q(responsible=actor)
    sides = [side for side, role in SIDE_ROLE.items() if role == actor.role]
    if actor.division_id and sides:
        condition |= Q(owner_division_id=actor.division_id, owner_side__in=sides)
    return queryset.filter(condition)
