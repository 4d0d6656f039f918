import datetime

import pytest
import time_machine

from apps.core import registry
from apps.inspections.choices import InspectionStatus, RectificationStatus
from apps.inspections.indicators import inspection_indicators
from apps.organizations.models import School
from tests.factories import SchoolFactory, division
from tests.factories.inspections import (
    CampaignFactory,
    FindingFactory,
    InspectionFactory,
    RectificationOrderFactory,
)

AS_OF_2018 = datetime.date(2018, 12, 31)
AFTER_DEADLINES = datetime.datetime(2018, 12, 1, 4, 0, tzinfo=datetime.UTC)


def _report(campaign, target, status=InspectionStatus.ACCEPTED):
    at_school = isinstance(target, School)
    return InspectionFactory(
        campaign=campaign,
        target_division=None if at_school else target,
        target_school=target if at_school else None,
        status=status,
        rating="" if status == InspectionStatus.DRAFT else "good",
    )


def _figures(code="530000", as_of=AS_OF_2018):
    return inspection_indicators(scope=division(code), as_of=as_of)


def test_the_provider_and_the_panel_are_registered():
    assert inspection_indicators in registry.indicator_providers()
    assert "inspections/_dashboard_panel.html" in registry.dashboard_panels()


def test_coverage_counts_upwards_from_counties_and_schools(divisions):
    campaign = CampaignFactory(year=2018)
    _report(campaign, division("530100"))  # Kunming itself
    _report(campaign, division("530402"))  # a Yuxi county
    _report(campaign, SchoolFactory(county=division("530302")))  # a Qujing school
    _report(campaign, division("530500"), status=InspectionStatus.SUBMITTED)  # Baoshan

    figures = _figures()["inspections"]

    assert figures["campaigns"] == 1
    assert (figures["prefectures_inspected"], figures["prefectures"]) == (4, 16)
    # Kunming's own report does not cover its counties
    assert (figures["counties_inspected"], figures["counties"]) == (2, 129)
    assert figures["reports"] == {"submitted": 4, "accepted": 3, "awaiting_acceptance": 1}
    assert figures["by_prefecture"]["530400"] == {
        "name": "玉溪市",
        "inspected": True,
        "reports": 1,
        "counties": 9,
        "counties_inspected": 1,
    }
    assert figures["by_prefecture"]["530600"]["inspected"] is False


def test_drafts_and_other_years_do_not_count(divisions):
    _report(CampaignFactory(year=2018), division("530100"), status=InspectionStatus.DRAFT)
    _report(
        CampaignFactory(
            year=2017, start_date=datetime.date(2017, 11, 6), end_date=datetime.date(2017, 11, 24)
        ),
        division("530400"),
    )

    figures = _figures()["inspections"]
    in_2017 = _figures(as_of=datetime.date(2017, 12, 31))["inspections"]

    assert (figures["campaigns"], figures["prefectures_inspected"]) == (1, 0)
    assert figures["reports"]["submitted"] == 0
    assert (in_2017["campaigns"], in_2017["prefectures_inspected"]) == (1, 1)


def test_a_prefecture_scope_counts_only_its_own_subtree(divisions):
    campaign = CampaignFactory(year=2018)
    _report(campaign, division("530102"))
    _report(campaign, division("530400"))
    CampaignFactory(year=2018)  # another provincial campaign with nothing in Kunming

    kunming = _figures("530100")["inspections"]

    assert kunming["campaigns"] == 1
    assert (kunming["prefectures_inspected"], kunming["prefectures"]) == (1, 1)
    assert (kunming["counties_inspected"], kunming["counties"]) == (1, 14)
    assert list(kunming["by_prefecture"]) == ["530100"]


def _orders():
    campaign = CampaignFactory(year=2018)
    kunming = _report(campaign, division("530100"))
    yuxi = _report(campaign, division("530400"))
    deadline = datetime.date(2018, 9, 30)
    made = {}
    for name, report, status, late in [
        ("open_late", kunming, RectificationStatus.OPEN, deadline),
        ("reopened_late", kunming, RectificationStatus.REOPENED, deadline),
        ("open_in_time", yuxi, RectificationStatus.OPEN, datetime.date(2019, 3, 31)),
        ("submitted", yuxi, RectificationStatus.SUBMITTED, deadline),
        ("closed", yuxi, RectificationStatus.CLOSED, deadline),
    ]:
        made[name] = RectificationOrderFactory(
            finding=FindingFactory(inspection=report),
            status=status,
            deadline=late,
            closed_at=datetime.datetime(2018, 9, 1, tzinfo=datetime.UTC)
            if status == RectificationStatus.CLOSED
            else None,
        )
    return made


def test_rectification_figures_with_a_frozen_clock(divisions):
    _orders()

    with time_machine.travel(AFTER_DEADLINES, tick=False):
        figures = _figures()["rectification"]
        kunming = _figures("530100")["rectification"]
    with time_machine.travel(datetime.datetime(2018, 8, 1, tzinfo=datetime.UTC), tick=False):
        before = _figures()["rectification"]

    assert {k: figures[k] for k in ("issued", "open", "overdue", "submitted", "closed")} == {
        "issued": 5,
        "open": 3,
        "overdue": 2,
        "submitted": 1,
        "closed": 1,
    }
    assert figures["by_prefecture"]["530400"]["overdue"] == 0
    assert (kunming["open"], kunming["overdue"], kunming["closed"]) == (2, 2, 0)
    assert before["overdue"] == 0


def test_the_figures_take_a_fixed_number_of_queries(divisions, django_assert_num_queries):
    _orders()
    campaign = CampaignFactory(year=2018)
    for code in ("530300", "530500", "530600", "532300"):
        _report(campaign, division(code))

    province = division("530000")

    with django_assert_num_queries(6):
        figures = inspection_indicators(scope=province, as_of=AS_OF_2018)

    assert figures["inspections"]["prefectures_inspected"] == 6


@pytest.mark.parametrize("code", ["530000", "530100", "530102"])
def test_the_figures_are_json_friendly_for_every_level(divisions, code):
    import json

    assert json.loads(json.dumps(_figures(code)))["inspections"]["campaigns"] == 0


def test_the_summary_section_counts_by_prefecture_county_and_school(divisions):
    wuhua = division("530102")
    school = SchoolFactory(county=wuhua)
    SchoolFactory(county=wuhua)
    led_in_yuxi = CampaignFactory(year=2018, division=division("530400"))
    provincial = CampaignFactory(year=2018)
    _report(provincial, school)
    _report(provincial, wuhua, status=InspectionStatus.DRAFT)  # reaches Wuhua, not filed
    RectificationOrderFactory(finding=FindingFactory(inspection=_report(led_in_yuxi, wuhua)))

    province = _figures()["inspections_summary"]
    kunming = _figures("530100")["inspections_summary"]
    county = _figures("530102")["inspections_summary"]

    # A campaign counts where it is led and where it has a report, in any state.
    assert province["campaigns"] == 2
    assert province["by_prefecture"]["530400"]["campaigns"] == 1
    assert province["by_prefecture"]["530100"]["campaigns"] == kunming["campaigns"] == 2
    assert province["by_prefecture"]["530100"]["prefectures_inspected"] == 1
    assert province["prefectures_inspected"] == 1
    assert kunming["by_county"]["530102"]["counties_inspected"] == 1
    assert kunming["counties_inspected"] == county["counties_inspected"] == 1
    assert province["reports_submitted"] == kunming["reports_submitted"] == 2
    # Per school at a county scope: the report on the school; the county's own level holds
    # the report and the order addressed to the county itself.
    assert county["by_school"][str(school.pk)]["schools_inspected"] == 1
    assert county["by_school"][str(school.pk)]["reports_submitted"] == 1
    assert county["schools_inspected"] == 1
    assert county["own"]["reports_submitted"] == 1
    assert county["own"]["orders_issued"] == county["orders_issued"] == 1
    assert county["own"]["campaigns"] is None
    assert len(county["by_school"]) == 2
