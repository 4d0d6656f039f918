"""Pots: the program's own budget and each envelope, and what is left in them.

A pot is held by one division. What it has *received* is the program's total budget or the
envelope's amount; what it has *committed* is the net amount of its allocations (every state
but cancelled; an accepted usage report's remainder goes back) plus the envelopes it passed
down. ``remaining = received - committed`` never goes below zero: every write that draws on a
pot takes the pot's row lock first (``lock_pot``) and checks ``remaining`` under it, so of two
requests racing for the last yuan one waits for the other and then sees its row.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

from apps.funding.models import NET_AMOUNT, ZERO, Allocation, Envelope, Program


@dataclass
class Pot:
    """A program's own budget (``envelope`` None) or one of its envelopes."""

    program: Program
    envelope: Envelope | None = None

    @property
    def division_id(self) -> str:
        return self.envelope.division_id if self.envelope else self.program.division_id

    @property
    def division(self):
        return self.envelope.division if self.envelope else self.program.division

    @property
    def received(self) -> Decimal:
        return self.envelope.amount if self.envelope else self.program.total_budget

    @property
    def label(self) -> str:
        if self.envelope is None:
            return _("%(division)s (the program's own budget)") % {
                "division": self.program.division.name
            }
        return _("%(division)s's envelope") % {"division": self.envelope.division.name}

    def allocations(self):
        """The allocations drawn on this pot."""
        if self.envelope is not None:
            return Allocation.objects.filter(envelope=self.envelope)
        return Allocation.objects.filter(program=self.program, envelope__isnull=True)

    def passed_down(self):
        """The envelopes this pot passed down."""
        if self.envelope is not None:
            return Envelope.objects.filter(parent=self.envelope)
        return Envelope.objects.filter(program=self.program, parent__isnull=True)

    def allocated(self) -> Decimal:
        total = self.allocations().counted().aggregate(total=Sum(NET_AMOUNT))["total"]
        return total or ZERO

    def passed_down_total(self) -> Decimal:
        return self.passed_down().aggregate(total=Sum("amount"))["total"] or ZERO

    def remaining(self) -> Decimal:
        """What the pot can still allocate or pass down (two queries)."""
        return self.received - self.allocated() - self.passed_down_total()


def lock_pot(pot: Pot) -> Pot:
    """The pot with its row locked (SELECT ... FOR UPDATE) and re-read, so the amounts it is
    checked against are current. Call inside ``transaction.atomic``."""
    if pot.envelope is not None:
        envelope = (
            Envelope.objects.select_for_update(of=("self",))
            .select_related("division", "program__division")
            .get(pk=pot.envelope.pk)
        )
        return Pot(program=envelope.program, envelope=envelope)
    program = (
        Program.objects.select_for_update(of=("self",))
        .select_related("division")
        .get(pk=pot.program.pk)
    )
    return Pot(program=program)


def path_codes(county_code: str) -> list[str]:
    """The divisions from a county up to its province, deepest first."""
    return [county_code, county_code[:4] + "00", county_code[:2] + "0000"]


def pot_for_recipient(program: Program, county_code: str) -> Pot:
    """The pot that pays a recipient in ``county_code``: the deepest envelope of the program
    on the county's path (the county's own, else its prefecture's), else the program's own
    budget. Once a level has passed an envelope down, the level below pays its recipients."""
    path = path_codes(county_code)
    envelopes = {
        envelope.division_id: envelope
        for envelope in Envelope.objects.filter(
            program=program, division_id__in=path
        ).select_related("division")
    }
    for code in path:
        if code in envelopes:
            return Pot(program=program, envelope=envelopes[code])
    return Pot(program=program)


def pot_of(allocation: Allocation) -> Pot:
    """The pot an allocation draws on."""
    return Pot(program=allocation.program, envelope=allocation.envelope)


def source_pot(program: Program, division) -> Pot | None:
    """The pot an envelope to ``division`` is cut from: the program's own budget when the
    program's division is its parent, else the parent's envelope; None when there is none."""
    if division.parent_id == program.division_id:
        return Pot(program=program)
    parent = (
        Envelope.objects.filter(program=program, division_id=division.parent_id)
        .select_related("division")
        .first()
    )
    return Pot(program=program, envelope=parent) if parent else None
