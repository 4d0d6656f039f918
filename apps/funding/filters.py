"""Filters of the funding lists; every choice is limited to what the actor sees, so a forged
program or county outside it is refused like any bad choice."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.funding.choices import AllocationStatus, ProgramStatus, Target
from apps.funding.models import Allocation, Program
from apps.organizations.filters import DivisionFilterSet


class Waiting:
    """What the "waiting for me" filter offers (apps/funding/selectors.py answers each)."""

    APPROVAL = "approval"
    USAGE_REPORT = "usage_report"
    ACCEPTANCE = "acceptance"
    CHOICES = (
        (APPROVAL, _("My approval")),
        (USAGE_REPORT, _("My school's usage report")),
        (ACCEPTANCE, _("My acceptance of a usage report")),
    )


class ProgramFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000)
    status = django_filters.ChoiceFilter(
        choices=ProgramStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    target = django_filters.ChoiceFilter(
        choices=Target.choices, label=_("Pays"), empty_label=_("All kinds")
    )

    class Meta:
        model = Program
        fields = ["year", "status", "target"]


class AllocationFilter(DivisionFilterSet):
    county_code = "recipient_code"

    program = django_filters.ModelChoiceFilter(
        queryset=Program.objects.none(), label=_("Program"), empty_label=_("All programs")
    )
    year = django_filters.NumberFilter(field_name="program__year", label=_("Year"), min_value=2000)
    status = django_filters.ChoiceFilter(
        choices=AllocationStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    target = django_filters.ChoiceFilter(
        field_name="program__target",
        choices=Target.choices,
        label=_("Pays"),
        empty_label=_("All kinds"),
    )
    waiting = django_filters.ChoiceFilter(
        choices=Waiting.CHOICES,
        method="filter_waiting",
        label=_("Waiting for"),
        empty_label=_("Anything"),
    )

    class Meta:
        model = Allocation
        fields = ["program", "year", "status", "prefecture", "county", "target", "waiting"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        self.filters["program"].queryset = Program.objects.for_actor(actor).only(
            "id", "name", "year"
        )

    def filter_waiting(self, queryset, name, value):
        # Imported here: the selectors build this filter.
        from apps.funding import selectors

        waiting = {
            Waiting.APPROVAL: selectors.awaiting_approval,
            Waiting.USAGE_REPORT: selectors.awaiting_usage_report,
            Waiting.ACCEPTANCE: selectors.awaiting_acceptance,
        }[value](actor=self.actor)
        return queryset.filter(Q(pk__in=waiting.values("pk")))
