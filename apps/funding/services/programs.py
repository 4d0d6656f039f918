"""Programs and the envelopes they pass down the tree."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.accounts.models import User
from apps.core.audit import stamp
from apps.core.money import yuan
from apps.core.versioning import bump, lock_version
from apps.funding import rights
from apps.funding.budget import Pot, source_pot
from apps.funding.choices import (
    PROGRAM_NEXT,
    UNPAID_STATUSES,
    FundingBody,
    ProgramStatus,
)
from apps.funding.models import Envelope, Program
from apps.funding.services.common import lock_pot_for, money
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division

# Envelopes and allocations are made while a program is planned or open, never once closed.
WRITABLE = (ProgramStatus.PLANNING, ProgramStatus.OPEN)


def _set_bodies(program: Program, bodies: Iterable[str]) -> None:
    chosen = {FundingBody(body) for body in bodies}
    program.body_league = FundingBody.LEAGUE in chosen
    program.body_education = FundingBody.EDUCATION in chosen
    program.body_work_committee = FundingBody.WORK_COMMITTEE in chosen


def _check_own_body(actor: User, program: Program) -> None:
    if program.bodies and not rights.funds_program(actor, program):
        raise ValidationError(
            {
                "bodies": ValidationError(
                    _("Your own body (or the work committee) must be among the funders."),
                    code="not_a_funder",
                )
            }
        )


def _save(program: Program, actor: User, *, bodies: Iterable[str], reason: str) -> Program:
    """Set the funders (the actor's body among them), validate in full, save with history."""
    _set_bodies(program, bodies)
    _check_own_body(actor, program)
    stamp(program, actor, reason=reason)
    program.full_clean()
    program.save()
    return program


def _threshold(value) -> Decimal | None:
    if value in (None, ""):
        return None
    return money(value, field="dual_signoff_threshold")


@transaction.atomic
def program_create(
    *,
    actor: User,
    division: Division,
    name: str,
    year: int,
    bodies: Iterable[str],
    total_budget: Decimal | str,
    purpose: str,
    target: str,
    dual_signoff_threshold: Decimal | str | None = None,
) -> Program:
    """A new program (status planning) run by ``division``: by League or education staff of
    that province or prefecture, for a program their own body funds."""
    if not rights.may_run_programs(actor, division):
        raise PermissionDenied(
            _("Only staff of %(division)s start its programs.") % {"division": division.name}
        )
    program = Program(
        division=division,
        name=name.strip(),
        year=year,
        total_budget=money(total_budget, field="total_budget"),
        purpose=purpose.strip(),
        target=target,
        dual_signoff_threshold=_threshold(dual_signoff_threshold),
    )
    return _save(program, actor, bodies=bodies, reason=_("created"))


@transaction.atomic
def program_update(
    *,
    actor: User,
    program: Program,
    seen_version: int | None,
    name: str,
    year: int,
    bodies: Iterable[str],
    total_budget: Decimal | str,
    purpose: str,
    target: str,
    dual_signoff_threshold: Decimal | str | None,
    status: str,
) -> Program:
    """Change a program. The budget never drops below what its own pot has committed, the
    kind of recipient is fixed once money is allocated, the status only moves forward
    (planning → open → closed), and a program closes only when no allocation waits for
    approval or disbursement. Refused over a newer change (``seen_version``)."""
    locked = lock_version(
        Program.objects.select_related("division"), pk=program.pk, seen_version=seen_version
    )
    if not rights.may_run_programs(actor, locked.division):
        raise PermissionDenied
    if ProgramStatus(status) not in PROGRAM_NEXT[ProgramStatus(locked.status)]:
        raise ValidationError(
            {"status": ValidationError(_("A program moves only from planning to open to closed."))}
        )
    allocations = locked.allocations.counted()
    if target != locked.target and allocations.exists():
        raise ValidationError(
            {"target": ValidationError(_("Money is already allocated to this kind of recipient."))}
        )
    if status == ProgramStatus.CLOSED and allocations.filter(status__in=UNPAID_STATUSES).exists():
        raise ValidationError(
            {
                "status": ValidationError(
                    _("Cancel or disburse the allocations still waiting before closing.")
                )
            }
        )
    budget = money(total_budget, field="total_budget")
    pot = Pot(program=locked)
    committed = pot.allocated() + pot.passed_down_total()
    if budget < committed:
        raise ValidationError(
            {
                "total_budget": ValidationError(
                    _(
                        "%(committed)s is already allocated or passed down; "
                        "the budget cannot be less."
                    )
                    % {"committed": yuan(committed)}
                )
            }
        )
    locked.name = name.strip()
    locked.year = year
    locked.total_budget = budget
    locked.purpose = purpose.strip()
    locked.target = target
    locked.dual_signoff_threshold = _threshold(dual_signoff_threshold)
    locked.status = status
    bump(locked)
    return _save(locked, actor, bodies=bodies, reason=_("changed"))


@transaction.atomic
def envelope_create(
    *,
    actor: User,
    program: Program,
    division: Division,
    amount: Decimal | str,
    note: str = "",
) -> Envelope:
    """Pass a block of money down one level (切块下达): from the program's own budget to a
    division just below the program's, or from a prefecture's envelope to one of its
    counties. Only staff of the giving level do it, and never beyond what it has left."""
    amount = money(amount, field="amount")
    if program.status not in WRITABLE:
        raise ValidationError(_("This program is closed."), code="closed")
    if division.level not in (DivisionLevel.PREFECTURE, DivisionLevel.COUNTY):
        raise ValidationError(
            {"division": ValidationError(_("Envelopes go to prefectures and counties."))}
        )
    pot = source_pot(program, division)
    if pot is None:
        raise ValidationError(
            {
                "division": ValidationError(
                    _(
                        "%(division)s is not one level below a division holding this "
                        "program's money."
                    )
                    % {"division": division.name},
                    code="not_below",
                )
            }
        )
    if not rights.may_pass_envelopes(actor, pot.division_id):
        raise PermissionDenied(
            _("Only staff of %(division)s pass its money down.") % {"division": pot.division.name}
        )
    locked = lock_pot_for(pot, amount)
    envelope = Envelope(
        program=locked.program,
        parent=locked.envelope,
        division=division,
        amount=amount,
        note=note.strip(),
    )
    stamp(envelope, actor, reason=_("passed down"))
    envelope.full_clean()
    envelope.save()
    return envelope
