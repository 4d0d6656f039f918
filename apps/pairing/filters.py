"""Filters of the pairing lists; every choice is limited to what the actor sees, so a forged
county or institution outside it is refused like any bad choice."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core.scope import code_prefix
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division
from apps.pairing.choices import InstitutionKind, WishCategory, WishStatus
from apps.pairing.models import Institution, Pairing, Wish

WAITING = (
    ("confirm", _("My school's confirmation")),
    ("claim", _("A claim")),
    ("fulfil", _("Fulfilment")),
    ("overdue", _("Overdue for return")),
)


def _divisions(actor, level: str):
    return Division.objects.for_actor(actor).filter(level=level).order_by("code")


class _AreaFilters(django_filters.FilterSet):
    """Prefecture and county choices inside the actor's scope, on a row's ``county``."""

    prefecture = django_filters.ModelChoiceFilter(
        queryset=Division.objects.none(),
        method="filter_prefecture",
        label=_("Prefecture"),
        empty_label=_("All prefectures"),
    )
    county = django_filters.ModelChoiceFilter(
        queryset=Division.objects.none(),
        method="filter_county",
        label=_("County"),
        empty_label=_("All counties"),
    )

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if actor.school_id or (actor.division_id and not actor.division_id.endswith("0000")):
            del self.filters["prefecture"]
        else:
            self.filters["prefecture"].queryset = _divisions(actor, DivisionLevel.PREFECTURE)
        if actor.school_id:
            del self.filters["county"]
        else:
            self.filters["county"].queryset = _divisions(actor, DivisionLevel.COUNTY)
        if "institution" in self.filters:
            self.filters["institution"].queryset = Institution.objects.for_actor(actor)

    def filter_prefecture(self, queryset, name, value):
        return queryset.filter(county__code__startswith=code_prefix(value.code))

    def filter_county(self, queryset, name, value):
        return queryset.filter(county_id=value.code)


class InstitutionFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        choices=InstitutionKind.choices, label=_("Kind"), empty_label=_("All kinds")
    )
    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name"))

    class Meta:
        model = Institution
        fields = ["kind", "name"]


class PairingFilter(_AreaFilters):
    year = django_filters.NumberFilter(label=_("Year"), min_value=2000)
    institution = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.none(),
        label=_("Institution"),
        empty_label=_("All institutions"),
    )

    class Meta:
        model = Pairing
        fields = ["year", "institution", "prefecture", "county"]


class WishFilter(_AreaFilters):
    status = django_filters.ChoiceFilter(
        choices=WishStatus.choices, label=_("Status"), empty_label=_("All statuses")
    )
    category = django_filters.ChoiceFilter(
        choices=WishCategory.choices, label=_("Category"), empty_label=_("All categories")
    )
    institution = django_filters.ModelChoiceFilter(
        queryset=Institution.objects.none(),
        label=_("Claimed for"),
        empty_label=_("All institutions"),
    )
    year = django_filters.NumberFilter(
        field_name="posted_on__year", label=_("Year posted"), min_value=2000
    )
    waiting = django_filters.ChoiceFilter(
        choices=WAITING, method="filter_waiting", label=_("Waiting for"), empty_label=_("Anything")
    )

    class Meta:
        model = Wish
        fields = ["status", "category", "prefecture", "county", "institution", "year", "waiting"]

    def filter_waiting(self, queryset, name, value):
        from apps.pairing import selectors

        return queryset.filter(pk__in=selectors.waiting_for(actor=self.actor, waiting=value))
