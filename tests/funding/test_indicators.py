"""The ``funding`` indicators: money strings, the grassroots share, breakdowns by prefecture,
county and program that add up to the totals, and budgets as each scope received them."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core.registry import summary_sheets
from apps.funding import services
from apps.funding.choices import AllocationStatus, Target
from apps.funding.indicators import funding_indicators
from apps.organizations.models import WorkCommittee
from tests.factories import division
from tests.funding.conftest import make_program
from tests.funding.helpers import allocation_at

END_OF_2017 = datetime.date(2017, 12, 31)


def figures(code="530000", as_of=END_OF_2017):
    return funding_indicators(scope=division(code), as_of=as_of)["funding"]


@pytest.fixture
def funded(
    program,
    wuhua_envelope,
    kunming_envelope,
    league_province,
    edu_province,
    edu_wuhua,
    edu_kunming,
    school_staff,
    migrant_wuhua,
    migrant_panlong,
    migrant_yuxi,
):
    """Wuhua: 8,000 disbursed and accepted with 500 back; Panlong: 6,000 approved; Yuxi:
    10,000 planned and 999 cancelled; a committee fund paid 2,000 to Wuhua's committee."""
    allocation_at(
        AllocationStatus.USAGE_ACCEPTED,
        program=program,
        recipient=migrant_wuhua,
        amount="8000.00",
        author=edu_wuhua,
        approvers=[edu_kunming],
        reporter=school_staff,
        spent="7500.00",
    )
    allocation_at(
        AllocationStatus.APPROVED,
        program=program,
        recipient=migrant_panlong,
        amount="6000.00",
        author=edu_kunming,
        approvers=[edu_province],
    )
    allocation_at(
        AllocationStatus.PLANNED,
        program=program,
        recipient=migrant_yuxi,
        amount="10000.00",
        author=edu_province,
    )
    cancelled = allocation_at(
        AllocationStatus.PLANNED,
        program=program,
        recipient=migrant_yuxi,
        amount="999.00",
        author=edu_province,
    )
    services.allocation_cancel(actor=edu_province, allocation=cancelled, reason="重复")
    committee = WorkCommittee.objects.create(division=division("530102"), name="五华区少工委")
    fund = make_program(
        league_province, name="县级少工委经费", target=Target.COMMITTEES, total_budget="5000.00"
    )
    allocation_at(
        AllocationStatus.DISBURSED,
        program=fund,
        recipient=committee,
        amount="2000.00",
        author=edu_province,
        approvers=[league_province],
    )
    return program, fund


def test_the_province_figures(funded):
    program, _fund = funded

    result = figures()

    assert result["programs"] == 2
    assert result["budget_yuan"] == "105000.00"
    # 7,500 (8,000 less 500 back) + 6,000 + 10,000 + 2,000; the cancelled 999 not at all
    assert result["allocated_yuan"] == "25500.00"
    assert result["disbursed_yuan"] == "9500.00"
    assert result["to_schools_yuan"] == "23500.00"
    assert result["grassroots_share"] == str(
        (Decimal("23500") / Decimal("25500")).quantize(Decimal("0.0001"))
    )
    assert result["recipients"] == 4
    assert result["by_program"][str(program.pk)] == {
        "name": program.name,
        "year": 2017,
        "target": "migrant_children",
        "budget_yuan": "100000.00",
        "allocated_yuan": "23500.00",
        "disbursed_yuan": "7500.00",
        "to_schools_yuan": "23500.00",
        "recipients": 3,
    }
    assert result["by_prefecture"]["530100"]["allocated_yuan"] == "15500.00"
    assert result["by_prefecture"]["530400"]["allocated_yuan"] == "10000.00"


def test_the_breakdowns_add_up_to_the_totals_in_every_summary_column(funded):
    (area,) = [a for a in summary_sheets() if a.label == "funding"]
    for scope in ("530000", "530100"):
        result = figures(scope)
        rows = "by_prefecture" if scope == "530000" else "by_county"
        for column in area.summary_columns:
            total = sum(Decimal(str(row[column.key])) for row in result[rows].values())
            assert total == Decimal(str(result[column.key])), (scope, column.key)
    assert set(figures("530100")["by_county"]) == {
        d.code for d in division("530100").children.all()
    }


def test_a_prefecture_budget_is_what_it_received(funded):
    kunming = figures("530100")
    wuhua = figures("530102")
    yuxi = figures("530400")

    assert kunming["budget_yuan"] == "40000.00"
    assert wuhua["budget_yuan"] == "25000.00"
    # Yuxi received no envelope; its school was paid by the province directly.
    assert yuxi["budget_yuan"] == "0.00"
    assert yuxi["allocated_yuan"] == "10000.00"
    assert kunming["allocated_yuan"] == "15500.00"
    assert wuhua["by_county"]["530102"]["recipients"] == 2


def test_another_year_has_no_funding_figures(funded):
    result = figures(as_of=datetime.date(2018, 12, 31))

    assert result["programs"] == 0
    assert result["allocated_yuan"] == "0.00"
    assert result["grassroots_share"] == "0.0000"
    assert result["by_program"] == {}


def test_the_query_count_does_not_grow_with_the_data(program, edu_province, divisions):
    with CaptureQueriesContext(connection) as empty:
        figures()
    from tests.factories import SchoolFactory

    for _ in range(5):
        school = SchoolFactory(county=division("530302"), is_migrant_children_school=True)
        allocation_at(
            AllocationStatus.PLANNED,
            program=program,
            recipient=school,
            amount="10.00",
            author=edu_province,
        )
    with CaptureQueriesContext(connection) as full:
        assert figures()["recipients"] == 5

    assert len(full) == len(empty)


def test_the_dashboard_panel_shows_the_indicators(login, funded, official_kunming):
    program, _fund = funded
    html = login(official_kunming).get(reverse("reports:dashboard"), {"year": 2017}).content
    html = html.decode()
    result = figures("530100")

    assert 'data-panel="funding"' in html
    for key in ("budget_yuan", "allocated_yuan", "disbursed_yuan", "grassroots_share"):
        assert f'data-indicator="funding.{key}" data-value="{result[key]}"' in html
    key = f"funding.by_program.{program.pk}.allocated_yuan"
    # At Kunming's scope the program counts what reached Kunming's schools.
    assert f'data-indicator="{key}" data-value="13500.00"' in html
    assert "13,500.00 元" in html
