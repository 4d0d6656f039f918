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

Money is a string with two decimals (``money_string``), the share a string with four. Three
queries whatever the data.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Exists, OuterRef, Q

from apps.core.money import money_string
from apps.core.scope import code_prefix
from apps.funding.choices import PAID_STATUSES
from apps.funding.models import NET_AMOUNT, ZERO, Allocation, Envelope, Program
from apps.funding.selectors import money_sum
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division

SHARE = Decimal("0.0001")
FIGURES = ("allocated", "disbursed", "to_schools")
PROGRAM_FIELDS = ("id", "name", "year", "target", "total_budget", "division_id")


def _share(part: Decimal, whole: Decimal) -> str:
    if not whole:
        return "0.0000"
    return str((part / whole).quantize(SHARE, rounding=ROUND_HALF_UP))


def _money_figures(figures: dict) -> dict:
    return {f"{key}_yuan": money_string(figures.get(key, ZERO)) for key in FIGURES}


def _by_program_and_county(paid: list[dict]) -> list[dict]:
    """The rows per program and recipient added up per program and county."""
    totals: dict[tuple[int, str], dict] = {}
    for row in paid:
        key = (row["program_id"], row["recipient_code"])
        entry = totals.setdefault(
            key,
            {"program_id": key[0], "recipient_code": key[1], "recipients": 0}
            | dict.fromkeys(FIGURES, ZERO),
        )
        entry["recipients"] += 1
        for figure in FIGURES:
            entry[figure] += row[figure]
    return list(totals.values())


def funding_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    """The ``funding`` figures of ``scope``'s subtree in the year of ``as_of``."""
    prefix = scope.prefix
    year = as_of.year

    # One row per program and recipient: few enough to add up here, in every breakdown.
    paid = list(
        Allocation.objects.filter(program__year=year, recipient_code__startswith=prefix)
        .counted()
        .order_by()
        .values("program_id", "recipient_code", "recipient_school_id", "recipient_committee_id")
        .annotate(
            allocated=money_sum(NET_AMOUNT),
            disbursed=money_sum(NET_AMOUNT, status__in=PAID_STATUSES),
            to_schools=money_sum(NET_AMOUNT, recipient_school__isnull=False),
        )
    )
    rows = _by_program_and_county(paid)
    # A recipient paid by two programs is one recipient of its county.
    recipients: dict[str, set] = defaultdict(set)
    for row in paid:
        key = (row["recipient_school_id"], row["recipient_committee_id"])
        recipients[row["recipient_code"]].add(key)
    recipients_by_county = {code: len(keys) for code, keys in recipients.items()}
    # The programs that reach the scope, each with its envelopes (a LEFT JOIN: one row per
    # envelope, or one row of NULLs), so budgets come from the same query.
    received_here = Envelope.objects.filter(program=OuterRef("pk"), division_id=scope.code)
    joined = (
        Program.objects.filter(year=year)
        .filter(
            Q(division__code__startswith=prefix)
            | Exists(received_here)
            | Q(pk__in={row["program_id"] for row in rows})
        )
        .order_by("id")
        .values(*PROGRAM_FIELDS, "envelopes__division_id", "envelopes__amount")
    )
    programs_by_id: dict[int, dict] = {}
    envelopes = []
    for row in joined:
        programs_by_id.setdefault(row["id"], {key: row[key] for key in PROGRAM_FIELDS})
        code = row["envelopes__division_id"]
        if code and code.startswith(prefix):
            envelopes.append((row["id"], code, row["envelopes__amount"]))
    programs = list(programs_by_id.values())
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
