"""Reads of the commendations area, scoped to the actor (out of scope is a 404)."""

from __future__ import annotations

from collections import Counter

from django.db.models import QuerySet

from apps.commendations.choices import (
    PASSED_STATUSES,
    Decision,
    NominationStatus,
    ReviewLevel,
    RoundStatus,
)
from apps.commendations.models import (
    Nomination,
    NominationEvidence,
    Objection,
    PublicNotice,
    ReviewStep,
    Round,
)
from apps.commendations.rights import is_round_manager, staff_level
from apps.core import clock

_RELATED = (
    "round",
    "category",
    "division",
    "prefecture",
    "school",
    "child__school",
    "person",
    "counselor__school",
    "counselor__county",
    "brigade__school",
    "squad__brigade__school",
    "committee",
)


# A page of nominations shows each nominee's name, its category and division. The nominee
# is fetched by kind (a query per kind on the page): joining every kind of nominee in one
# query cost PostgreSQL's planner 50 ms a page at provincial scale.
_NOMINEES = (
    "child",
    "person",
    "counselor",
    "brigade__school",
    "squad__brigade__school",
    "committee",
)


def for_listing(rows: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """``rows`` with what a list of nominations shows, in a few cheap queries."""
    return (
        rows.select_related(None)
        .select_related("category", "division")
        .prefetch_related(*_NOMINEES)
    )


def nomination_list(*, actor, round_id=None, status=None) -> QuerySet[Nomination]:
    """Nominations inside the actor's division, optionally of one round or status."""
    rows = Nomination.objects.for_actor(actor).select_related(*_RELATED)
    if round_id:
        rows = rows.filter(round_id=round_id)
    if status:
        rows = rows.filter(status=status)
    return rows


def nomination_get(*, actor, pk: int) -> Nomination:
    return nomination_list(actor=actor).get(pk=pk)


def review_queue(*, actor) -> QuerySet[Nomination]:
    """What waits for the actor's decision: nominations at their level in their division,
    less their own nominations."""
    level = staff_level(actor)
    if level is None:
        return Nomination.objects.none()
    return (
        nomination_list(actor=actor)
        .awaiting(level)
        .exclude(created_by=actor)
        .filter(round__status=RoundStatus.OPEN)
    )


def balance(*, actor, round_id: int) -> dict:
    """The gender and ethnic-minority balance of what the actor's level has passed up (the
    province: approved) in a round, as counts."""
    level = staff_level(actor)
    if level is None:
        return {}
    passed = ReviewStep.objects.filter(
        level=level,
        decision=Decision.APPROVE,
        nomination__round_id=round_id,
        nomination__in=Nomination.objects.for_actor(actor).exclude(
            status__in=[NominationStatus.REJECTED, NominationStatus.WITHDRAWN]
        ),
    ).values_list("nomination_id", flat=True)
    rows = Nomination.objects.filter(pk__in=passed).select_related("child", "person", "counselor")
    counts: Counter = Counter()
    for row in rows:
        counts["total"] += 1
        if row.gender:
            counts[f"gender_{row.gender}"] += 1
            counts["minority"] += row.ethnicity != "汉族"
        else:
            counts["collectives"] += 1
    return {"level": level, **counts}


def round_list() -> QuerySet[Round]:
    return Round.objects.prefetch_related("categories")


def round_get(*, actor, pk: int) -> Round:
    if staff_level(actor) is None and not actor.has_perm("commendations.view_nomination"):
        raise Round.DoesNotExist
    return Round.objects.get(pk=pk)


def objection_list(*, actor) -> QuerySet[Objection]:
    """Objections to nominees in the actor's division; the objector's name and phone are
    shown only to round managers (``objector_visible``)."""
    return Objection.objects.for_actor(actor).select_related(
        "nomination__category", "nomination__round", "notice"
    )


def objection_get(*, actor, pk: int) -> Objection:
    return objection_list(actor=actor).get(pk=pk)


def objector_visible(actor) -> bool:
    return is_round_manager(actor)


def evidence_get(*, actor, pk: int) -> NominationEvidence:
    return NominationEvidence.objects.for_actor(actor).get(pk=pk)


def reserves(*, nomination: Nomination) -> QuerySet[Nomination]:
    """Reserve nominees for ``nomination``'s place: its category's nominations waiting at
    province level."""
    return Nomination.objects.filter(
        category_id=nomination.category_id,
        status=NominationStatus.SUBMITTED,
        current_level=ReviewLevel.PROVINCE,
    ).select_related(*_RELATED)


# --- Public -------------------------------------------------------------------------------


def public_notices() -> QuerySet[PublicNotice]:
    """Published notices of rounds whose final list is not out yet."""
    return (
        PublicNotice.objects.filter(published_at__isnull=False)
        .exclude(round__status=RoundStatus.FINAL)
        .select_related("round")
    )


def public_notice_get(pk: int) -> PublicNotice:
    return public_notices().get(pk=pk)


def notice_nominees(notice: PublicNotice) -> QuerySet[Nomination]:
    return (
        notice.nominations.select_related(*_RELATED)
        .exclude(status=NominationStatus.WITHDRAWN)
        .order_by("category_id", "prefecture_id", "division_id", "id")
    )


def public_decisions() -> QuerySet[Round]:
    return Round.objects.filter(status=RoundStatus.FINAL)


def awarded(round_: Round) -> QuerySet[Nomination]:
    return (
        round_.nominations.filter(status=NominationStatus.AWARDED)
        .select_related(*_RELATED)
        .order_by("category_id", "prefecture_id", "division_id", "id")
    )


def award_by_serial(serial: str) -> Nomination:
    return Nomination.objects.select_related(*_RELATED).get(
        serial=serial, status=NominationStatus.AWARDED
    )


def notice_open(notice: PublicNotice) -> bool:
    return notice.is_open_on(clock.today())


__all__ = ["PASSED_STATUSES"]
