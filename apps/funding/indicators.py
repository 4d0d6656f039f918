"""Funding indicators for a scope and a year: budgets, money allocated and disbursed, and the
share that reached schools (the grassroots).

- A year's figures are those of the programs of that year.
- *Budget* is what the scope had to allocate: the whole budget of the programs run inside it,
  plus the envelopes it received from above (at a prefecture or county scope, what that
  division received). A program run above the scope that paid the scope's schools directly
  adds nothing to its budget, but its money counts as allocated there.
- *Allocated* is what reached recipients inside the scope (every state but cancelled, less a
  remainder returned after an accepted usage report); *disbursed* the part paid out;
  *to schools* the part paid to schools rather than committees. Recipients are always at
  county level (a school, or a county work committee), so the rows by prefecture and by county
  add up to the totals.

Money is a string with two decimals (``money_string``), the share a string with four. Five
queries whatever the data.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Exists, OuterRef, Q

from apps.core.money import money_string
from apps.core.scope import code_prefix
from apps.funding.choices import PAID_STATUSES
from apps.funding.models import NET_AMOUNT, ZERO, Allocation, Envelope, Program
from apps.funding.selectors import money_sum
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division

SHARE = Decimal("0.0001")
FIGURES = ("allocated", "disbursed", "to_schools")


def _share(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "0.0000"
    return str((part / whole).quantize(SHARE, rounding=ROUND_HALF_UP))


def _money_figures(figures: dict) -> dict:
    return {f"{key}_yuan": money_string(figures.get(key, ZERO)) for key in FIGURES}


def funding_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """The ``funding`` figures of ``scope``'s subtree in the year of ``as_of``."""
    prefix = scope.prefix
    year = as_of.year

    rows = list(
        Allocation.objects.filter(program__year=year, recipient_code__startswith=prefix)
        .counted()
        .order_by()
        .values("program_id", "recipient_code")
        .annotate(
            allocated=money_sum(NET_AMOUNT),
            disbursed=money_sum(NET_AMOUNT, status__in=PAID_STATUSES),
            to_schools=money_sum(NET_AMOUNT, recipient_school__isnull=False),
            recipients=Count("recipient_school", distinct=True)
            + Count("recipient_committee", distinct=True),
        )
    )
    # A recipient paid by two programs is one recipient of its county.
    recipients_by_county = dict(
        Allocation.objects.filter(program__year=year, recipient_code__startswith=prefix)
        .counted()
        .order_by()
        .values_list("recipient_code")
        .annotate(
            n=Count("recipient_school", distinct=True) + Count("recipient_committee", distinct=True)
        )
    )
    envelopes = list(
        Envelope.objects.filter(program__year=year, division__code__startswith=prefix).values_list(
            "program_id", "division_id", "amount"
        )
    )
    received_here = Envelope.objects.filter(program=OuterRef("pk"), division_id=scope.code)
    programs = list(
        Program.objects.filter(year=year)
        .filter(
            Q(division__code__startswith=prefix)
            | Exists(received_here)
            | Q(pk__in={row["program_id"] for row in rows})
        )
        .order_by("id")
        .values("id", "name", "year", "target", "total_budget", "division_id")
    )
    areas = list(
        Division.objects.filter(
            code__startswith=prefix, level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY]
        )
        .order_by("code")
        .values_list("code", "name", "level")
    )

    def budget_of(code: str, program: dict) -> Decimal:
        """What the division ``code`` had of ``program`` to allocate."""
        if program["division_id"].startswith(code_prefix(code)):
            return program["total_budget"]
        return sum(
            (
                amount
                for pid, division, amount in envelopes
                if pid == program["id"] and division == code
            ),
            ZERO,
        )

    by_program = {}
    for program in programs:
        mine = [row for row in rows if row["program_id"] == program["id"]]
        figures = {key: sum((row[key] for row in mine), ZERO) for key in FIGURES}
        by_program[str(program["id"])] = {
            "name": program["name"],
            "year": program["year"],
            "target": program["target"],
            "budget_yuan": money_string(budget_of(scope.code, program)),
            **_money_figures(figures),
            "recipients": sum(row["recipients"] for row in mine),
        }

    def area_figures(code: str, name: str) -> dict:
        short = code_prefix(code)
        mine = [row for row in rows if row["recipient_code"].startswith(short)]
        figures = {key: sum((row[key] for row in mine), ZERO) for key in FIGURES}
        budget = sum((budget_of(code, program) for program in programs), ZERO)
        return {
            "name": name,
            "budget_yuan": money_string(budget),
            **_money_figures(figures),
            "recipients": sum(
                n for county, n in recipients_by_county.items() if county.startswith(short)
            ),
        }

    totals = {key: sum((row[key] for row in rows), ZERO) for key in FIGURES}
    return {
        "funding": {
            "programs": len(by_program),
            "budget_yuan": money_string(
                sum((budget_of(scope.code, program) for program in programs), ZERO)
            ),
            **_money_figures(totals),
            "grassroots_share": _share(totals["to_schools"], totals["allocated"]),
            "recipients": sum(recipients_by_county.values()),
            "by_prefecture": {
                code: area_figures(code, name)
                for code, name, level in areas
                if level == DivisionLevel.PREFECTURE
            },
            "by_county": {
                code: area_figures(code, name)
                for code, name, level in areas
                if level == DivisionLevel.COUNTY
            },
            "by_program": by_program,
        }
    }
