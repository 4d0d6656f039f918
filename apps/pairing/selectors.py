"""Reads of the pairing area, every one from the actor's scope: pairings and wishes by their
county (a school user: their school), institutions by ``InstitutionQuerySet.for_actor``.
Anything else is absent, which views turn into a 404."""

from __future__ import annotations

import datetime

from django.db.models import Count, DecimalField, IntegerField, Q, QuerySet, Sum, Value
from django.db.models.functions import Coalesce

from apps.core import clock
from apps.organizations.models import Brigade, Squad
from apps.pairing import rights
from apps.pairing.choices import WishStatus
from apps.pairing.filters import InstitutionFilter, PairingFilter, WishFilter
from apps.pairing.models import CLAIM_DAYS, Activity, Institution, Pairing, Wish, WishPhoto

HOURS = DecimalField(max_digits=12, decimal_places=1)


def institution_list(*, actor, filters=None) -> InstitutionFilter:
    queryset = (
        Institution.objects.for_actor(actor)
        .select_related("prefecture")
        .annotate(pairing_count=Count("pairings", distinct=True))
        .order_by("name", "id")
    )
    return InstitutionFilter(filters or None, queryset=queryset)


def institution_get(*, actor, pk: int) -> Institution:
    return Institution.objects.for_actor(actor).get(pk=pk)


def pairings_of(*, actor, institution: Institution, limit: int = 200) -> list[Pairing]:
    """The newest ``limit`` pairings of ``institution`` inside the actor's scope."""
    return list(
        Pairing.objects.for_actor(actor)
        .filter(institution=institution)
        .select_related("brigade", "squad__brigade", "school", "county")
        .order_by("-year", "-id")[:limit]
    )


def pairing_list(*, actor, filters=None) -> PairingFilter:
    queryset = (
        Pairing.objects.for_actor(actor)
        .select_related("institution", "brigade", "squad__brigade", "school", "county__parent")
        .order_by("-year", "-id")
    )
    return PairingFilter(filters or None, queryset=queryset, actor=actor)


def organization_names(pairings) -> dict[int, str]:
    """The name of the brigade or squad each of ``pairings`` is paired with, by pairing id:
    a name-only query for each kind the rows name, without building their rows (a list
    shows only the names)."""
    squad_ids = {pairing.squad_id for pairing in pairings if pairing.squad_id}
    brigade_ids = {
        pairing.brigade_id for pairing in pairings if pairing.brigade_id and not pairing.squad_id
    }
    squads = _names(Squad, squad_ids)
    brigades = _names(Brigade, brigade_ids)
    return {
        pairing.pk: squads[pairing.squad_id]
        if pairing.squad_id
        else brigades.get(pairing.brigade_id, "")
        for pairing in pairings
    }


def _names(model, ids: set[int]) -> dict[int, str]:
    return dict(model.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def pairing_get(*, actor, pk: int) -> Pairing:
    return (
        Pairing.objects.for_actor(actor)
        .select_related("institution", "brigade", "squad__brigade", "school", "county")
        .get(pk=pk)
    )


def pairing_activities(*, pairing: Pairing) -> QuerySet[Activity]:
    return pairing.activities.order_by("-held_on", "-id")


def service_hours(*, actor, filters=None) -> QuerySet:
    """Per institution, over the actor's pairings under the pairing list's filters: pairings,
    activities, volunteers (person-times), service hours and children reached."""
    pairings = pairing_list(actor=actor, filters=filters).qs
    activities = Activity.objects.filter(pairing__in=pairings.values("pk"))
    return (
        activities.order_by()
        .values("pairing__institution_id", "pairing__institution__name")
        .annotate(
            pairings=Count("pairing", distinct=True),
            activities=Count("id"),
            volunteers=Coalesce(Sum("volunteers"), Value(0), output_field=IntegerField()),
            hours=Coalesce(Sum("service_hours"), Value(0), output_field=HOURS),
            children=Coalesce(Sum("children_reached"), Value(0), output_field=IntegerField()),
        )
    )


def wish_visible(*, actor) -> QuerySet[Wish]:
    return Wish.objects.for_actor(actor)


def wish_list(*, actor, filters=None) -> WishFilter:
    queryset = (
        wish_visible(actor=actor)
        .select_related("school", "county__parent", "institution")
        .order_by("-posted_on", "-id")
    )
    return WishFilter(filters or None, queryset=queryset, actor=actor)


def wish_get(*, actor, pk: int) -> Wish:
    return (
        wish_visible(actor=actor)
        .select_related("school", "brigade", "county", "institution")
        .get(pk=pk)
    )


def overdue_claims(today: datetime.date | None = None) -> Q:
    """Claims whose days to fulfil have passed."""
    cutoff = (today or clock.today()) - datetime.timedelta(days=CLAIM_DAYS)
    return Q(status=WishStatus.CLAIMED, claimed_on__lt=cutoff)


def overdue(queryset: QuerySet[Wish], today: datetime.date | None = None) -> QuerySet[Wish]:
    return queryset.filter(overdue_claims(today))


def waiting_for(*, actor, waiting: str) -> QuerySet[Wish]:
    """Wishes waiting for the actor: a confirmation by their school, a claim or a fulfilment
    by their League office, or overdue claims in their scope."""
    visible = wish_visible(actor=actor)
    if waiting == "confirm":
        if not actor.school_id or actor.role not in rights.SCHOOL_ROLES:
            return visible.none()
        return visible.filter(status=WishStatus.FULFILLED)
    if waiting == "overdue":
        return overdue(visible)
    if not rights.is_league_staff(actor):
        return visible.none()
    if waiting == "claim":
        return visible.filter(status=WishStatus.OPEN)
    if waiting == "fulfil":
        return visible.filter(status=WishStatus.CLAIMED)
    return visible.none()


def photo_get(*, actor, pk: int) -> WishPhoto:
    return WishPhoto.objects.for_actor(actor).select_related("wish").get(pk=pk)
