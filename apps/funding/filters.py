"""Filters of the funding lists; every choice is limited to what the actor sees, so a forged
program or county outside it is refused like any bad choice."""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from apps.core.scope import code_prefix
from apps.funding.choices import AllocationStatus, ProgramStatus, Target
from apps.funding.models import Allocation, Program
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division


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


def _divisions(actor, level: str):
    return Division.objects.for_actor(actor).filter(level=level).order_by("code")


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


class AllocationFilter(django_filters.FilterSet):
    program = django_filters.ModelChoiceFilter(
        queryset=Program.objects.none(), label=_("Program"), empty_label=_("All programs")
    )
    year = django_filters.NumberFilter(field_name="program__year", label=_("Year"), min_value=2000)
    status = django_filters.ChoiceFilter(
        choices=AllocationStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    prefecture = django_filters.ModelChoiceFilter(
        queryset=Division.objects.none(),
        method="filter_prefecture",
        label=_("Prefecture"),
        empty_label=_("All prefectures"),
    )
    county = django_filters.ModelChoiceFilter(
        queryset=Division.objects.none(),
        field_name="recipient_code",
        method="filter_county",
        label=_("County"),
        empty_label=_("All counties"),
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
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.filters["program"].queryset = Program.objects.for_actor(actor).only(
            "id", "name", "year"
        )
        prefectures = _divisions(actor, DivisionLevel.PREFECTURE)
        if actor.school_id or (actor.division_id and not actor.division_id.endswith("0000")):
            # Inside one prefecture the choice says nothing.
            del self.filters["prefecture"]
        else:
            self.filters["prefecture"].queryset = prefectures
        self.filters["county"].queryset = _divisions(actor, DivisionLevel.COUNTY)

    def filter_prefecture(self, queryset, name, value):
        return queryset.filter(recipient_code__startswith=code_prefix(value.code))

    def filter_county(self, queryset, name, value):
        return queryset.filter(recipient_code=value.code)

    def filter_waiting(self, queryset, name, value):
        # Imported here: the selectors build this filter.
        from apps.funding import selectors

        waiting = {
            Waiting.APPROVAL: selectors.awaiting_approval,
            Waiting.USAGE_REPORT: selectors.awaiting_usage_report,
            Waiting.ACCEPTANCE: selectors.awaiting_acceptance,
        }[value](actor=self.actor)
        return queryset.filter(Q(pk__in=waiting.values("pk")))
