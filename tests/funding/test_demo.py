"""The funding demo reproduces the source's 2017 funds, and leaves open work for documented
accounts to take up."""

import io
import json
import random
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.utils import timezone

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.funding import demo
from apps.funding.budget import Pot
from apps.funding.choices import AllocationStatus, ProgramStatus, SignoffBody, Target
from apps.funding.models import Allocation, Envelope, Program
from apps.funding.todos import funding_todos
from apps.organizations import demo as organizations_demo
from apps.organizations.models import School


@pytest.fixture
def seeded(divisions):
    """The seeders this one builds on (schools and their flags, the demo accounts), then it."""
    rng = random.Random(2018)
    for seeder in (organizations_demo.seed, accounts_demo.seed, demo.seed):
        seeder(rng=rng, stdout=io.StringIO())


def indicators(year="2017", scope="530000") -> dict:
    out = io.StringIO()
    call_command("indicators", "--year", year, "--scope", scope, "--json", stdout=out)
    return json.loads(out.getvalue())["funding"]


def program(target) -> Program:
    return Program.objects.get(year=2017, target=target)


def test_the_2017_figures_come_out_of_the_indicators(seeded):
    figures = indicators()
    by_target = {row["target"]: row for row in figures["by_program"].values()}
    pioneers_day = Program.objects.get(target=Target.MIGRANT_CHILDREN)
    planned = sum(
        a.amount for a in pioneers_day.allocations.filter(status=AllocationStatus.PLANNED)
    )

    assert figures["programs"] == 4
    assert figures["budget_yuan"] == "3720000.00"
    assert figures["allocated_yuan"] == "3706600.00"
    assert figures["to_schools_yuan"] == "3706600.00"
    assert figures["grassroots_share"] == "1.0000"
    # “我是光荣的少先队员”: 3,000,000.00, all of it to migrant workers' children schools
    assert by_target["migrant_children"]["budget_yuan"] == "3000000.00"
    assert by_target["migrant_children"]["allocated_yuan"] == "3000000.00"
    assert Decimal(by_target["migrant_children"]["disbursed_yuan"]) == Decimal("3000000") - planned
    assert (
        by_target["migrant_children"]["recipients"]
        == School.objects.filter(is_migrant_children_school=True).count()
    )
    # 100 drum-and-bugle corps at 3,000.00 and 20 demonstration schools at 10,000.00
    assert (
        by_target["drum_corps"]["allocated_yuan"],
        by_target["drum_corps"]["recipients"],
    ) == ("300000.00", 100)
    assert (
        by_target["red_scarf_demonstration"]["allocated_yuan"],
        by_target["red_scarf_demonstration"]["recipients"],
    ) == ("200000.00", 20)
    # the June 1st theme activity: more than 200,000.00
    assert by_target["any_school"]["budget_yuan"] == "220000.00"
    assert by_target["any_school"]["allocated_yuan"] == "206600.00"
    assert by_target["any_school"]["disbursed_yuan"] == "196600.00"

    # The Pioneers' Day fund went down through an envelope to every prefecture.
    fund = program(Target.MIGRANT_CHILDREN)
    prefectures = fund.envelopes.filter(parent__isnull=True)

    assert prefectures.count() == 16
    assert sum(e.amount for e in prefectures) == Decimal("3000000.00")
    assert Envelope.objects.get(division_id="530102").parent.division_id == "530100"
    # Every pot is spent to the fen, and nothing is paid from the program's own budget.
    for envelope in fund.envelopes.all():
        assert Pot(fund, envelope).remaining() == Decimal("0.00")
    assert not fund.allocations.filter(envelope__isnull=True).exists()
    assert not fund.allocations.exclude(recipient_school__is_migrant_children_school=True).exists()


# Seeding takes a while: one test looks at every turn of the workflow and the open work.
OPEN_WORK = [
    ("edu_kunming", "approval"),
    ("league_province", "approval"),
    ("fund_school", "usage_report"),
    ("edu_province", "acceptance"),
]


def test_the_workflow_shows_every_turn_and_leaves_open_work(seeded):
    large = Allocation.objects.filter(signoffs__body=SignoffBody.LEAGUE).distinct()
    remainder = Allocation.objects.get(remainder__gt=0)

    assert large.filter(program__target=Target.MIGRANT_CHILDREN).count() == 1
    assert set(large.first().signoffs.values_list("body", flat=True)) == {
        SignoffBody.LEAGUE,
        SignoffBody.EDUCATION,
    }
    assert (remainder.amount, remainder.spent, remainder.remainder) == (
        Decimal("10000.00"),
        Decimal("8600.00"),
        Decimal("1400.00"),
    )
    assert Allocation.objects.filter(status=AllocationStatus.CANCELLED).count() == 1
    returned = Allocation.objects.get(round=2)
    assert (returned.status, bool(returned.return_reason)) == (AllocationStatus.PLANNED, True)
    assert Allocation.objects.filter(status=AllocationStatus.USAGE_ACCEPTED).count() >= 3
    assert program(Target.DRUM_CORPS).status == ProgramStatus.CLOSED

    for username, waiting in OPEN_WORK:
        todos = list(funding_todos(actor=User.objects.get(username=username)))
        assert any(todo.url.endswith(f"waiting={waiting}") for todo in todos), username
    # The open work is dated the day the demo is seeded.
    today = timezone.localdate()
    assert Allocation.objects.filter(created_at__date=today).exists()
