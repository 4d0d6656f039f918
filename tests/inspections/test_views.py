import datetime

import pytest
import time_machine
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, get_resolver

from apps.core.registry import url_rules
from apps.inspections import services
from apps.inspections.choices import RectificationStatus
from apps.inspections.permissions import URL_RULES
from tests.factories import SchoolFactory, division
from tests.factories.inspections import (
    CampaignFactory,
    CircularFactory,
    FindingFactory,
    InspectionFactory,
    RectificationOrderFactory,
    filed_report,
)

ALL_RULES = url_rules()

LATE = datetime.datetime(2018, 11, 1, 4, 0, tzinfo=datetime.UTC)


def _inspection_url_names():
    resolver = get_resolver()
    namespace = resolver.namespace_dict["inspections"][1]
    return {f"inspections:{p.name}" for p in namespace.url_patterns if isinstance(p, URLPattern)}


def test_every_inspections_url_has_a_rule_and_only_circulars_are_public():
    names = _inspection_url_names()

    assert names == set(URL_RULES)
    assert all(name in ALL_RULES for name in names)
    public = {name for name, rule in URL_RULES.items() if rule.public}
    assert public == {"inspections:public-circular-list", "inspections:public-circular-detail"}


def test_signed_out_visitors_are_sent_to_sign_in(divisions, client):
    for url in ("/inspections/", "/inspections/reports/", "/inspections/orders/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def _rows(lead, n):
    for i in range(n):
        campaign = CampaignFactory(lead=lead)
        code = ["530100", "530300", "530400", "530500"][i % 4]
        report = InspectionFactory(campaign=campaign, target_division=division(code))
        school_report = InspectionFactory(
            campaign=campaign,
            target_division=None,
            target_school=SchoolFactory(county=division("530102")),
        )
        RectificationOrderFactory(finding=FindingFactory(inspection=report))
        RectificationOrderFactory(finding=FindingFactory(inspection=school_report))
        CircularFactory(campaign=campaign)
        CircularFactory(
            campaign=campaign, is_published=True, published_on=datetime.date(2018, 7, i + 1)
        )


@pytest.mark.parametrize(
    "url",
    [
        "/inspections/",
        "/inspections/reports/",
        "/inspections/orders/",
        "/inspections/orders/?overdue=true",
        "/inspections/manage/circulars/",
        "/inspections/circulars/",
    ],
)
def test_list_pages_take_the_same_queries_for_more_rows(
    lead, login, url, django_assert_max_num_queries
):
    client = login(lead)
    _rows(lead, 2)
    few = _count(client, url)
    _rows(lead, 8)

    with django_assert_max_num_queries(few):
        response = client.get(url)

    assert len(response.context["page"]) > 2


def test_the_campaign_page_takes_the_same_queries_for_more_reports(
    lead, inspector, campaign, login, django_assert_max_num_queries
):
    client = login(lead)
    url = f"/inspections/campaigns/{campaign.pk}/"
    few = _count(client, url)
    services.campaign_fan_out(
        actor=lead,
        campaign=campaign,
        targets=[
            services.TargetAssignment(division(code), (inspector,))
            for code in ("530300", "530500", "530600", "530700", "530800")
        ],
    )

    with django_assert_max_num_queries(few):
        response = client.get(url)

    assert len(response.context["inspections"]) == 7


def test_every_page_of_a_report_opens_for_the_lead(lead, inspector, kunming_report, login):
    finding = services.finding_add(actor=inspector, inspection=kunming_report, text="问题")
    order = services.rectification_order_issue(
        actor=inspector, finding=finding, requirement="整改", deadline=datetime.date(2030, 1, 1)
    )
    circular = CircularFactory(campaign=kunming_report.campaign)
    client = login(lead)

    for url in (
        f"/inspections/campaigns/{kunming_report.campaign_id}/",
        f"/inspections/reports/{kunming_report.pk}/",
        f"/inspections/orders/{order.pk}/",
        f"/inspections/manage/circulars/{circular.pk}/",
        f"/inspections/manage/circulars/{circular.pk}/edit/",
        f"/inspections/campaigns/{kunming_report.campaign_id}/circulars/new/",
        f"/inspections/campaigns/{kunming_report.campaign_id}/fan-out/",
        f"/inspections/campaigns/{kunming_report.campaign_id}/edit/",
        "/inspections/campaigns/new/",
        "/inspections/schemes/",
    ):
        assert client.get(url).status_code == 200, url
    for url in (
        f"/inspections/reports/{kunming_report.pk}/findings/new/",
        f"/inspections/reports/{kunming_report.pk}/evidence/new/",
        f"/inspections/findings/{finding.pk}/orders/new/",
        f"/inspections/orders/{order.pk}/revisit/",
    ):
        assert login(inspector).get(url).status_code == 200, url


def test_the_report_page_offers_filing_only_to_assigned_inspectors_on_drafts(
    lead, inspector, edu_kunming, kunming_report, login
):
    edit = f"/inspections/reports/{kunming_report.pk}/edit/".encode()

    assert edit in login(inspector).get(f"/inspections/reports/{kunming_report.pk}/").content
    assert edit not in login(edu_kunming).get(f"/inspections/reports/{kunming_report.pk}/").content
    filed_report(kunming_report, inspector=inspector)
    assert edit not in login(inspector).get(f"/inspections/reports/{kunming_report.pk}/").content


@pytest.fixture
def overdue_order(inspector, kunming_report):
    finding = services.finding_add(actor=inspector, inspection=kunming_report, text="问题")
    with time_machine.travel(datetime.datetime(2018, 7, 10, 4, 0, tzinfo=datetime.UTC)):
        return services.rectification_order_issue(
            actor=inspector,
            finding=finding,
            requirement="整改",
            deadline=datetime.date(2018, 9, 30),
            target=division("530102"),
        )


def _panel(user):
    return render_to_string(
        "inspections/_dashboard_panel.html",
        {"user": user, "indicators": {"inspections": {}, "rectification": {}}},
    )


def test_overdue_orders_are_flagged_for_the_target_staff_and_the_issuer(
    inspector, edu_wuhua, edu_kunming, edu_yuxi, overdue_order
):
    with time_machine.travel(LATE, tick=False):
        for user in (edu_wuhua, edu_kunming, inspector):
            html = _panel(user)
            assert 'data-overdue-orders="1"' in html, user
            assert f'data-order="{overdue_order.pk}"' in html
        assert "data-overdue-orders" not in _panel(edu_yuxi)


def test_an_order_in_time_or_submitted_is_not_flagged(inspector, edu_wuhua, overdue_order):
    with time_machine.travel(datetime.datetime(2018, 9, 1, tzinfo=datetime.UTC), tick=False):
        assert "data-overdue-orders" not in _panel(edu_wuhua)
    with time_machine.travel(LATE, tick=False):
        services.rectification_submit(actor=edu_wuhua, order=overdue_order, text="已整改。")
        assert "data-overdue-orders" not in _panel(inspector)


def test_the_dashboard_shows_the_inspection_panel(edu_wuhua, overdue_order, login):
    with time_machine.travel(LATE, tick=False):
        response = login(edu_wuhua).get("/dashboard/?year=2018")

    html = response.content.decode()
    assert 'data-panel="inspections"' in html
    assert 'data-overdue-orders="1"' in html


def test_the_order_list_filters_overdue_orders(inspector, edu_kunming, overdue_order, login):
    with time_machine.travel(LATE, tick=False):
        rows = login(edu_kunming).get("/inspections/orders/?overdue=true").context["page"]
    assert [o.pk for o in rows] == [overdue_order.pk]
    assert overdue_order.status == RectificationStatus.OPEN
