"""Lost updates in joint inspections: a campaign, a report two inspectors file together, a
draft circular and an evaluation scheme, each saved from a page loaded before someone else
saved it, are refused with the core's message, the other change kept (tests/stale.py)."""

from decimal import Decimal

import pytest

from apps.inspections import services
from apps.inspections.choices import CircularKind
from tests.factories import division
from tests.factories.inspections import running_campaign
from tests.stale import assert_stale_save_refused, colleague_of

pytestmark = pytest.mark.django_db


def test_a_stale_campaign_edit_is_refused(lead, province_admin, campaign):
    assert_stale_save_refused(
        first=lead,
        second=province_admin,
        url=f"/inspections/campaigns/{campaign.pk}/edit/",
        theirs={"scope_note": "全省16个州市"},
        mine={"scope_note": "昆明、玉溪两市"},
        row=campaign,
    )


def test_a_report_two_inspectors_file_at_once_keeps_the_first_save(
    lead, inspector, other_inspector
):
    _campaign, (report,) = running_campaign(
        lead=lead, inspectors=[inspector, other_inspector], targets=[division("530100")]
    )

    assert_stale_save_refused(
        first=inspector,
        second=other_inspector,
        url=f"/inspections/reports/{report.pk}/edit/",
        theirs={"summary": "组织健全，活动经常。"},
        mine={"summary": "阵地建设有待加强。"},
        row=report,
    )


def test_a_stale_circular_edit_is_refused(lead, inspector, campaign):
    draft = services.circular_create(
        actor=inspector,
        campaign=campaign,
        kind=CircularKind.PRAISE,
        title="关于玉溪市少先队改革成效明显的通报（征求意见稿）",
        body="玉溪市少先队改革任务落实有力。",
        named_divisions=[division("530400")],
    )

    assert_stale_save_refused(
        first=inspector,
        second=lead,
        url=f"/inspections/manage/circulars/{draft.pk}/edit/",
        theirs={"title": "关于玉溪市少先队改革成效明显的通报"},
        mine={"title": "关于表扬玉溪市少先队改革的通报"},
        row=draft,
    )


def test_a_stale_evaluation_scheme_edit_is_refused(edu_province):
    scheme = services.evaluation_scheme_save(
        actor=edu_province,
        name="中小学校考核评价方案",
        year=2018,
        division=division("530000"),
        young_pioneer_weight=Decimal(10),
        items=[("党组织建设", Decimal(45)), ("教学管理", Decimal(45))],
    )

    assert_stale_save_refused(
        first=edu_province,
        second=colleague_of(edu_province),
        url=f"/inspections/schemes/{scheme.pk}/edit/",
        theirs={"description": "2018年起施行"},
        mine={"description": "试行"},
        row=scheme,
    )
    assert scheme.items.count() == 3
