"""Filters of the school list. Choices that name divisions offer only the actor's scope."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

import django_filters
from django.utils.translation import gettext_lazy as _

from apps.core import freshness
from apps.core.filters import NamedChoiceFilter, YesNoFilter
from apps.core.scope import code_prefix
from apps.organizations.choices import DivisionLevel, SchoolType
from apps.organizations.models import SCHOOL_FLAGS, Division, School

if TYPE_CHECKING:
    from apps.accounts.models import User


def _kept_choices(name: str, actor: User, build):
    """Choices read from the divisions (reference data), kept until a write: every visit to
    the school list validates its parameters against them. The key names all that
    ``Division.objects.for_actor`` reads of the actor."""
    parts = (actor.is_active, actor.is_superuser, actor.division_id, actor.school_id)
    return freshness.cached(freshness.key(f"choices-{name}", *parts), build)


def county_choices(actor: User) -> list[tuple[str, list[tuple[str, str]]]]:
    """The actor's in-scope counties, grouped under their prefecture (one query, kept)."""
    return _kept_choices("counties", actor, lambda: _county_choices(actor))


def _county_choices(actor: User) -> list[tuple[str, list[tuple[str, str]]]]:
    counties = (
        Division.objects.for_actor(actor)
        .filter(level=DivisionLevel.COUNTY)
        .order_by("code")
        .values_list("parent_id", "parent__name", "code", "name")
    )
    # Rows as values, not model rows: the province has 129 counties in 16 prefectures.
    return [
        (prefecture[1], [(code, name) for _parent, _prefecture, code, name in group])
        for prefecture, group in groupby(counties, key=lambda row: row[:2])
    ]


def is_province_wide(actor: User) -> bool:
    """True for users whose scope is a whole province (or scope-less superusers)."""
    code = actor.scope_code
    return code is None or code.endswith("0000")


def prefecture_choices(actor: User) -> list[tuple[str, str]]:
    """The actor's in-scope prefectures (kept)."""
    return _kept_choices(
        "prefectures",
        actor,
        lambda: list(
            Division.objects.for_actor(actor)
            .filter(level=DivisionLevel.PREFECTURE)
            .order_by("code")
            .values_list("code", "name")
        ),
    )


class SchoolFilter(django_filters.FilterSet):
    """Filters of the school list; ``actor`` decides which divisions can be chosen, so a
    forged county or prefecture code is an invalid choice and is ignored."""

    name = django_filters.CharFilter(lookup_expr="icontains", label=_("Name contains"))
    prefecture = django_filters.ChoiceFilter(
        field_name="county__parent", label=_("Prefecture"), empty_label=_("All prefectures")
    )
    county = django_filters.ChoiceFilter(label=_("County"), empty_label=_("All counties"))
    school_type = django_filters.ChoiceFilter(
        choices=SchoolType.choices, label=_("School type"), empty_label=_("All types")
    )
    is_migrant_children_school = YesNoFilter(label=_("Migrant workers' children school"))
    is_red_scarf_demonstration = YesNoFilter(label=_("Red-scarf demonstration school"))
    is_transition_pilot = YesNoFilter(label=_("Team–league transition pilot"))
    has_drum_corps = YesNoFilter(label=_("Drum-and-bugle corps"))

    class Meta:
        model = School
        fields = ["name", "prefecture", "county", "school_type", *SCHOOL_FLAGS]

    def __init__(self, data=None, queryset=None, *, actor: User, **kwargs):
        super().__init__(data, queryset, **kwargs)
        self.filters["county"].extra["choices"] = county_choices(actor)
        if is_province_wide(actor):
            self.filters["prefecture"].extra["choices"] = prefecture_choices(actor)
        else:
            # A prefecture, county or school user has no prefectures to choose between.
            del self.filters["prefecture"]


class DivisionFilterSet(django_filters.FilterSet):
    """A list filtered by prefecture and county, each choice limited to the ``actor``'s scope
    (a forged code outside it is an invalid choice, ignored): the prefecture only for users
    who see more than one, the county but for a school's users. ``county_code`` names the
    row's county code (a county foreign key's ``county__code``, or a code column)."""

    county_code = "county__code"

    prefecture = NamedChoiceFilter(
        queryset=Division.objects.none(),
        method="filter_prefecture",
        label=_("Prefecture"),
        empty_label=_("All prefectures"),
    )
    county = NamedChoiceFilter(
        queryset=Division.objects.none(),
        method="filter_county",
        label=_("County"),
        empty_label=_("All counties"),
    )

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        if actor.school_id or (actor.division_id and not actor.division_id.endswith("0000")):
            # Inside one prefecture the choice says nothing.
            del self.filters["prefecture"]
        else:
            self.filters["prefecture"].queryset = _divisions(actor, DivisionLevel.PREFECTURE)
        if actor.school_id:
            del self.filters["county"]
        else:
            self.filters["county"].queryset = _divisions(actor, DivisionLevel.COUNTY)

    def filter_prefecture(self, queryset, name, value):
        return queryset.filter(**{f"{self.county_code}__startswith": code_prefix(value.code)})

    def filter_county(self, queryset, name, value):
        return queryset.filter(**{self.county_code: value.code})


def _divisions(actor: User, level: str):
    return Division.objects.for_actor(actor).filter(level=level).order_by("code")
