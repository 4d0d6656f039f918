"""Reads of the funding area. Every read starts from the actor's scope: programs run in or
above it, envelopes and allocations inside it (by the recipient's county, or a school user's
own school). Anything else is absent, which views turn into a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, DecimalField, Exists, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce, Substr

from apps.core.scope import code_prefix
from apps.funding import rights
from apps.funding.budget import Pot
from apps.funding.choices import PAID_STATUSES, AllocationStatus, ProgramStatus
from apps.funding.filters import AllocationFilter, ProgramFilter
from apps.funding.models import NET_AMOUNT, ZERO, Allocation, Envelope, Program, Signoff
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division

MONEY = DecimalField(max_digits=14, decimal_places=2)


def money_sum(expression, **filters) -> Sum:
    condition = Q(**filters) if filters else None
    return Sum(expression, filter=condition, output_field=MONEY, default=ZERO)


def program_visible(*, actor) -> QuerySet[Program]:
    """Programs ``actor`` may open (see ``ProgramQuerySet.for_actor``)."""
    return Program.objects.for_actor(actor)


def _allocated_subquery():
    allocated = (
        Allocation.objects.filter(program=OuterRef("pk"))
        .counted()
        .order_by()
        .values("program")
        .annotate(total=Sum(NET_AMOUNT))
        .values("total")
    )
    return Coalesce(Subquery(allocated, output_field=MONEY), ZERO, output_field=MONEY)


def program_list(*, actor, filters=None) -> ProgramFilter:
    """Programs the actor sees, newest year first, each with what it has allocated to
    recipients and the name of the division running it (a column, not a division per row);
    the bound FilterSet (``.qs``, ``.form``)."""
    queryset = (
        program_visible(actor=actor)
        .annotate(allocated=_allocated_subquery(), division_name=F("division__name"))
        .order_by("-year", "-id")
    )
    return ProgramFilter(filters or None, queryset=queryset)


def program_get(*, actor, pk: int) -> Program:
    """One program ``actor`` may open, else DoesNotExist (a 404 to views)."""
    return program_visible(actor=actor).select_related("division").get(pk=pk)


@dataclass
class PotFigures:
    """One pot as the program page shows it."""

    pot: Pot
    allocated: Decimal
    passed_down: Decimal

    @property
    def remaining(self) -> Decimal:
        return self.pot.received - self.allocated - self.passed_down


def program_pots(*, actor, program: Program) -> list[PotFigures]:
    """The program's own budget and the envelopes inside the actor's scope, each with what it
    allocated, passed down and has left; three queries."""
    envelopes = list(
        Envelope.objects.filter(program=program).select_related("division").order_by("division_id")
    )
    sums = dict(
        Allocation.objects.filter(program=program)
        .counted()
        .order_by()
        .values_list("envelope_id")
        .annotate(total=Sum(NET_AMOUNT))
    )
    passed: dict[int | None, Decimal] = {}
    for envelope in envelopes:
        passed[envelope.parent_id] = passed.get(envelope.parent_id, ZERO) + envelope.amount
    visible = set(
        Envelope.objects.for_actor(actor).filter(program=program).values_list("pk", flat=True)
    )
    rows = [PotFigures(Pot(program), sums.get(None) or ZERO, passed.get(None, ZERO))]
    for envelope in envelopes:
        if envelope.pk in visible:
            rows.append(
                PotFigures(
                    Pot(program, envelope),
                    sums.get(envelope.pk) or ZERO,
                    passed.get(envelope.pk, ZERO),
                )
            )
    return rows


def program_totals(*, program: Program) -> dict[str, Decimal]:
    """The whole program's budget, what it allocated to recipients, disbursed and has not
    allocated yet (for the progress bar); one query."""
    totals = Allocation.objects.filter(program=program).aggregate(
        allocated=money_sum(NET_AMOUNT, status__in=_counted_statuses()),
        disbursed=money_sum(NET_AMOUNT, status__in=PAID_STATUSES),
    )
    budget = program.total_budget
    return {
        "budget": budget,
        "allocated": totals["allocated"],
        "disbursed": totals["disbursed"],
        "remaining": budget - totals["allocated"],
    }


def _counted_statuses() -> list[str]:
    return [s for s in AllocationStatus.values if s != AllocationStatus.CANCELLED]


def program_by_prefecture(*, actor, program: Program) -> list[dict]:
    """The program's allocations to recipients in the actor's scope, by prefecture."""
    rows = (
        Allocation.objects.for_actor(actor)
        .filter(program=program)
        .counted()
        .annotate(prefecture=Substr("recipient_code", 1, 4))
        .order_by()
        .values("prefecture")
        .annotate(
            allocated=money_sum(NET_AMOUNT),
            disbursed=money_sum(NET_AMOUNT, status__in=PAID_STATUSES),
            recipients=Count("recipient_school", distinct=True)
            + Count("recipient_committee", distinct=True),
        )
        .order_by("prefecture")
    )
    rows = list(rows)
    names = dict(
        Division.objects.filter(code__in=[row["prefecture"] + "00" for row in rows]).values_list(
            "code", "name"
        )
    )
    for row in rows:
        row["code"] = row["prefecture"] + "00"
        row["name"] = names.get(row["code"], row["code"])
    return rows


def allocation_list(*, actor, filters=None) -> AllocationFilter:
    """Allocations to recipients in the actor's scope, newest first, under the list's filters
    (program, year, status, prefecture, county, kind, waiting for me), each with its
    program's year and name, its recipient's name and the recipient's county's name: the
    list's rows read them as columns, not as a program, school or committee per row."""
    queryset = (
        Allocation.objects.for_actor(actor)
        .annotate(
            program_year=F("program__year"),
            program_name=F("program__name"),
            recipient_name=Coalesce(F("recipient_school__name"), F("recipient_committee__name")),
            county_name=Coalesce(
                F("recipient_school__county__name"), F("recipient_committee__division__name")
            ),
        )
        .order_by("-id")
    )
    return AllocationFilter(filters or None, queryset=queryset, actor=actor)


def allocation_get(*, actor, pk: int) -> Allocation:
    """One allocation to a recipient in the actor's scope, else DoesNotExist (a 404)."""
    return (
        Allocation.objects.for_actor(actor)
        .select_related(
            "program__division",
            "envelope__division",
            "recipient_school__county",
            "recipient_committee__division",
            "created_by",
            "disbursed_by",
            "usage_reported_by",
        )
        .get(pk=pk)
    )


def allocation_signoffs(*, allocation: Allocation) -> QuerySet[Signoff]:
    """The sign-offs of an allocation the caller has fetched, every round, oldest first."""
    return allocation.signoffs.select_related("signer").order_by("signed_at", "id")


def receipt_get(*, actor, pk: int):
    """A receipt of an allocation the actor sees, else DoesNotExist (a 404)."""
    from apps.funding.models import UsageReceipt

    visible = Allocation.objects.for_actor(actor).values("pk")
    return UsageReceipt.objects.filter(allocation__in=visible).get(pk=pk)


# Work waiting for someone (the to-do list and the "waiting for me" filter) ---------------


def _pot_covered(actor) -> Q:
    """Allocations whose pot lies in the actor's division scope."""
    if actor.division_id is None:
        return Q() if actor.is_superuser and actor.school_id is None else Q(pk__in=[])
    prefix = code_prefix(actor.division_id)
    return Q(envelope__isnull=True, program__division__code__startswith=prefix) | Q(
        envelope__division__code__startswith=prefix
    )


def _may_manage(actor) -> bool:
    return rights.is_administrator(actor) or (
        actor.is_authenticated and actor.role in rights.FUNDING_STAFF and actor.school_id is None
    )


def awaiting_approval(*, actor) -> QuerySet[Allocation]:
    """Planned allocations of open programs that ``actor`` may sign now: below the program's
    threshold when they manage the pot, above it for their side of the running division
    while that side has not signed this round; never their own."""
    if not actor.is_authenticated:
        return Allocation.objects.none()
    base = (
        Allocation.objects.for_actor(actor)
        .filter(status=AllocationStatus.PLANNED, program__status=ProgramStatus.OPEN)
        .exclude(created_by=actor)
    )
    dual = Q(program__dual_signoff_threshold__isnull=False) & Q(
        amount__gt=F("program__dual_signoff_threshold")
    )
    single = ~dual & _pot_covered(actor) if _may_manage(actor) else Q(pk__in=[])
    side = rights.SIDE.get(actor.role)
    if side is not None and actor.division_id and actor.school_id is None:
        signed = Signoff.objects.filter(
            allocation=OuterRef("pk"), round=OuterRef("round"), body=side
        )
        two = dual & Q(program__division_id=actor.division_id) & ~Exists(signed)
    else:
        two = Q(pk__in=[])
    return base.filter(single | two)


def awaiting_usage_report(*, actor) -> QuerySet[Allocation]:
    """Disbursed allocations waiting for a usage report from the actor's school (or, for a
    county's staff, from its work committee)."""
    if not actor.is_authenticated or actor.role not in rights.FUNDING_STAFF:
        return Allocation.objects.none()
    disbursed = Allocation.objects.filter(status=AllocationStatus.DISBURSED)
    if actor.school_id:
        return disbursed.filter(recipient_school_id=actor.school_id)
    return disbursed.filter(recipient_committee__isnull=False, recipient_code=actor.division_id)


def awaiting_acceptance(*, actor) -> QuerySet[Allocation]:
    """Usage reports waiting for acceptance from a level whose pot the actor manages."""
    if not actor.is_authenticated or not _may_manage(actor):
        return Allocation.objects.none()
    return (
        Allocation.objects.for_actor(actor)
        .filter(status=AllocationStatus.USAGE_REPORTED)
        .filter(_pot_covered(actor))
    )


# The public disclosure ---------------------------------------------------------------


def public_programs() -> QuerySet[Program]:
    """Programs that have disbursed money, newest first, with what they disbursed (public:
    no scope, aggregates only)."""
    paid = Allocation.objects.filter(program=OuterRef("pk"), status__in=PAID_STATUSES)
    disbursed = paid.order_by().values("program").annotate(total=Sum(NET_AMOUNT)).values("total")
    return (
        Program.objects.filter(Exists(paid))
        .select_related("division")
        .annotate(disbursed=Coalesce(Subquery(disbursed, output_field=MONEY), ZERO))
        .order_by("-year", "-id")
    )


def public_program_get(*, pk: int) -> Program:
    """A program open to the public (it has disbursed), else DoesNotExist."""
    return public_programs().get(pk=pk)


def public_recipients(*, program: Program) -> list[dict]:
    """What each recipient of a program received (disbursed, less any remainder returned):
    its name and county, never a person."""
    rows = list(
        Allocation.objects.filter(program=program, status__in=PAID_STATUSES)
        .order_by()
        .values(
            "recipient_code",
            "recipient_school__name",
            "recipient_committee__name",
        )
        .annotate(total=money_sum(NET_AMOUNT))
        .order_by("recipient_code", "recipient_school__name", "recipient_committee__name")
    )
    counties = dict(
        Division.objects.filter(level=DivisionLevel.COUNTY)
        .filter(code__in={row["recipient_code"] for row in rows})
        .values_list("code", "name")
    )
    return [
        {
            "name": row["recipient_school__name"] or row["recipient_committee__name"],
            "county": counties.get(row["recipient_code"], ""),
            "total": row["total"],
        }
        for row in rows
    ]
