"""Reads of the commendations area, scoped to the actor (out of scope is a 404)."""

from __future__ import annotations

from collections import Counter

from django.db.models import F, QuerySet

from apps.commendations.choices import (
    PASSED_STATUSES,
    Decision,
    NominationStatus,
    ReviewLevel,
    RoundStatus,
)
from apps.commendations.models import (
    ChildNominee,
    Nomination,
    NominationEvidence,
    Objection,
    PersonNominee,
    PublicNotice,
    ReviewStep,
    Round,
)
from apps.commendations.rights import is_round_manager, staff_level
from apps.core import clock
from apps.counselors.models import Counselor
from apps.organizations.models import Brigade, Squad, WorkCommittee

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


# A page of nominations shows each nominee's name, its category and division, status and
# level: only those columns are read. The nominee is fetched by kind (a query per kind on the
# page, ``with_nominees``): joining every kind of nominee in one query cost PostgreSQL's
# planner 50 ms a page at provincial scale.
_LISTED = (
    "status",
    "current_level",
    "child",
    "person",
    "counselor",
    "squad",
    "brigade",
    "committee",
)


# Each kind of nominee in ``Nomination.nominee``'s order, with the query of what its name
# needs: a person's name; a brigade's and a squad's after their school's.
_NOMINEE_KINDS = (
    ("child", lambda: ChildNominee._base_manager.only("name")),
    ("person", lambda: PersonNominee._base_manager.only("name")),
    ("counselor", lambda: Counselor._base_manager.only("name")),
    (
        "squad",
        lambda: Squad._base_manager.select_related("brigade__school").only(
            "name", "brigade__school__name"
        ),
    ),
    (
        "brigade",
        lambda: Brigade._base_manager.select_related("school").only("name", "school__name"),
    ),
    ("committee", lambda: WorkCommittee._base_manager.only("name")),
)


def for_listing(rows: QuerySet[Nomination]) -> QuerySet[Nomination]:
    """``rows`` with the columns a list of nominations shows, in one query: the category's
    and division's names as ``category_name`` and ``division_name``; its page's nominees
    come from ``with_nominees``."""
    return (
        rows.select_related(None)
        .only(*_LISTED)
        .annotate(category_name=F("category__name"), division_name=F("division__name"))
    )


def with_nominees(page: list[Nomination]) -> list[Nomination]:
    """``page`` with each row's nominee (the first kind it names, as ``nominee`` reads
    them) fetched, a query for each kind on the page. ``prefetch_related`` with the same
    querysets gives the same queries at a third more of the page's Python work."""
    by_kind: dict[str, list[Nomination]] = {}
    for row in page:
        for name, _ in _NOMINEE_KINDS:
            if getattr(row, f"{name}_id") is not None:
                by_kind.setdefault(name, []).append(row)
                break
    for name, nominees in _NOMINEE_KINDS:
        rows = by_kind.get(name)
        if not rows:
            continue
        key = f"{name}_id"
        ids = {getattr(row, key) for row in rows}
        found = {nominee.pk: nominee for nominee in nominees().filter(pk__in=ids).order_by()}
        field = Nomination._meta.get_field(name)
        for row in rows:
            nominee = found.get(getattr(row, key))
            if nominee is not None:
                field.set_cached_value(row, nominee)
    return page


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


def round_links() -> QuerySet[Round]:
    """The rounds as the nomination list links to them: title and status."""
    return Round.objects.only("title", "status")


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
