"""Filters of the pairing lists; every choice is limited to what the actor sees, so a forged
county or institution outside it is refused like any bad choice."""

from __future__ import annotations

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.organizations.filters import DivisionFilterSet
from apps.pairing.choices import InstitutionKind, WishCategory, WishStatus
from apps.pairing.models import Institution, Pairing, Wish

WAITING = (
    ("confirm", _("My school's confirmation")),
    ("claim", _("A claim")),
    ("fulfil", _("Fulfilment")),
    ("overdue", _("Overdue for return")),
)


class _AreaFilters(DivisionFilterSet):
    """Prefecture and county choices inside the actor's scope, on a row's ``county``."""

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, actor=actor, **kwargs)
        if "institution" in self.filters:
            self.filters["institution"].queryset = Institution.objects.for_actor(actor)


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
