"""Filters of the inspection lists; every choice is limited to what the actor sees."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core import clock
from apps.core.filters import YesNoFilter
from apps.inspections.choices import (
    AWAITING_TARGET,
    CampaignStatus,
    CircularKind,
    InspectionStatus,
    Rating,
    RectificationStatus,
)
from apps.inspections.models import Campaign, Circular, Inspection, RectificationOrder


class CampaignFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(method="filter_name", label=_("Name"))
    year = django_filters.NumberFilter(label=_("Year"))
    status = django_filters.ChoiceFilter(
        choices=CampaignStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )

    class Meta:
        model = Campaign
        fields = ["q", "year", "status"]

    def filter_name(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(name__icontains=value) if value else queryset


class InspectionFilter(django_filters.FilterSet):
    campaign = django_filters.ModelChoiceFilter(
        queryset=Campaign.objects.none(), label=_("Campaign"), empty_label=_("All campaigns")
    )
    status = django_filters.ChoiceFilter(
        choices=InspectionStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    rating = django_filters.ChoiceFilter(
        choices=Rating.choices, label=_("Overall rating"), empty_label=_("All ratings")
    )
    q = django_filters.CharFilter(
        method="filter_target", label=pgettext_lazy("inspection", "Target")
    )

    class Meta:
        model = Inspection
        fields = ["campaign", "status", "rating", "q"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        # A forged campaign id outside the actor's view is refused like any bad choice.
        self.filters["campaign"].queryset = Campaign.objects.for_actor(actor).only(
            "id", "name", "year"
        )

    def filter_target(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(target_division__name__icontains=value) | Q(target_school__name__icontains=value)
        )


class RectificationOrderFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        choices=RectificationStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    overdue = YesNoFilter(method="filter_overdue", label=_("Overdue"))
    campaign = django_filters.ModelChoiceFilter(
        field_name="finding__inspection__campaign",
        queryset=Campaign.objects.none(),
        label=_("Campaign"),
        empty_label=_("All campaigns"),
    )

    class Meta:
        model = RectificationOrder
        fields = ["status", "overdue", "campaign"]

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["campaign"].queryset = Campaign.objects.for_actor(actor).only(
            "id", "name", "year"
        )

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        late = Q(status__in=AWAITING_TARGET, deadline__lt=clock.today())
        return queryset.filter(late) if value else queryset.exclude(late)


class CircularFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=CircularKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    is_published = YesNoFilter(label=_("Published"))

    class Meta:
        model = Circular
        fields = ["kind", "is_published"]
