import datetime

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.core import clock
from apps.core.people import person_label
from apps.inspections import services
from apps.inspections.choices import RectificationAction, RectificationStatus
from apps.inspections.models import RectificationEvidence, RectificationOrder
from tests.factories import SchoolFactory, division
from tests.factories.inspections import PDF_BYTES, PNG_BYTES, upload
from tests.history_panel import file_entries, panel

# A frozen afternoon in Kunming, well before the orders' 30 September deadline.
SUMMER = datetime.datetime(2018, 7, 20, 15, 0, tzinfo=datetime.UTC)


@pytest.fixture
def finding(inspector, kunming_report):
    return services.finding_add(
        actor=inspector, inspection=kunming_report, text="五华区少先队活动课时不足。"
    )


@pytest.fixture
def order(inspector, finding):
    with time_machine.travel(SUMMER, tick=False):
        return services.rectification_order_issue(
            actor=inspector,
            finding=finding,
            requirement="保证每周1课时少先队活动课。",
            deadline=datetime.date(2018, 9, 30),
            target=division("530102"),
        )


def test_an_order_is_issued_rectified_with_evidence_and_verified(inspector, edu_wuhua, order):
    assert order.status == RectificationStatus.OPEN
    assert order.target_division_code == "530102"
    assert order.issued_on == datetime.date(2018, 7, 20)

    submitted = services.rectification_submit(
        actor=edu_wuhua,
        order=order,
        text="已在全区小学开设少先队活动课。",
        uploads=[upload("课表.pdf"), upload("照片.png", PNG_BYTES, "image/png")],
    )
    assert submitted.status == RectificationStatus.SUBMITTED
    assert submitted.submitted_by == edu_wuhua
    assert submitted.evidence.count() == 2

    closed = services.rectification_verify(actor=inspector, order=submitted)

    assert closed.status == RectificationStatus.CLOSED
    assert closed.closed_by == inspector
    assert list(closed.events.values_list("action", flat=True)) == [
        RectificationAction.ISSUED,
        RectificationAction.SUBMITTED,
        RectificationAction.CLOSED,
    ]


def test_the_issuer_reopens_a_rectification_with_a_reason(inspector, edu_kunming, order):
    submitted = services.rectification_submit(actor=edu_kunming, order=order, text="已整改。")

    with pytest.raises(ValidationError) as raised:
        services.rectification_reopen(actor=inspector, order=submitted, reason="")
    assert "reason" in raised.value.message_dict

    reopened = services.rectification_reopen(
        actor=inspector, order=submitted, reason="回头看发现课表未落实。"
    )
    assert reopened.status == RectificationStatus.REOPENED
    assert reopened.reopen_reason == "回头看发现课表未落实。"
    # the target can submit again
    again = services.rectification_submit(actor=edu_kunming, order=reopened, text="已补开课程。")
    assert again.status == RectificationStatus.SUBMITTED


def test_only_the_targets_league_or_education_staff_submit(
    inspector, edu_yuxi, official_kunming, order
):
    for outsider in (edu_yuxi, official_kunming, inspector):
        with pytest.raises(PermissionDenied):
            services.rectification_submit(actor=outsider, order=order, text="代为提交")
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN


def test_only_the_issuer_or_the_lead_verify(lead, edu_kunming, other_inspector, order):
    submitted = services.rectification_submit(actor=edu_kunming, order=order, text="已整改。")

    for outsider in (edu_kunming, other_inspector):
        with pytest.raises(PermissionDenied):
            services.rectification_verify(actor=outsider, order=submitted)
    assert services.rectification_verify(actor=lead, order=submitted).closed_by == lead


def test_a_rectification_needs_text_and_valid_files(edu_kunming, order):
    with pytest.raises(ValidationError) as raised:
        services.rectification_submit(actor=edu_kunming, order=order, text=" ")
    assert "text" in raised.value.message_dict

    with pytest.raises(ValidationError) as raised:
        services.rectification_submit(
            actor=edu_kunming, order=order, text="已整改。", uploads=[upload("a.pdf", b"MZ exe")]
        )
    assert "files" in raised.value.message_dict
    order.refresh_from_db()
    assert order.status == RectificationStatus.OPEN
    assert not RectificationEvidence.objects.exists()


def test_an_order_goes_only_to_the_inspected_unit_or_inside_it(inspector, finding):
    with pytest.raises(ValidationError) as raised:
        services.rectification_order_issue(
            actor=inspector,
            finding=finding,
            requirement="越界",
            deadline=datetime.date(2030, 1, 1),
            target=division("530402"),
        )
    assert "target_division" in raised.value.message_dict
    assert not RectificationOrder.objects.exists()


def test_overdue_means_waiting_for_the_target_past_the_deadline(inspector, edu_kunming, order):
    # the day of the deadline is still in time
    with time_machine.travel(datetime.datetime(2018, 9, 30, 23, 0, tzinfo=datetime.UTC)):
        # 23:00 UTC is already 1 October in Kunming
        assert order.is_overdue
    with time_machine.travel(datetime.datetime(2018, 9, 30, 12, 0, tzinfo=datetime.UTC)):
        assert not order.is_overdue
        assert not RectificationOrder.objects.overdue().exists()

    with time_machine.travel(datetime.datetime(2018, 10, 8, 2, 0, tzinfo=datetime.UTC)):
        assert order.is_overdue
        assert list(RectificationOrder.objects.overdue()) == [order]
        # submitted: the target has acted, so it is no longer overdue
        submitted = services.rectification_submit(actor=edu_kunming, order=order, text="已整改。")
        assert not submitted.is_overdue
        assert not RectificationOrder.objects.overdue().exists()
        # reopened: overdue again, unless a new deadline is given
        reopened = services.rectification_reopen(actor=inspector, order=submitted, reason="未落实")
        assert reopened.is_overdue
        submitted = services.rectification_submit(actor=edu_kunming, order=reopened, text="再整改")
        reopened = services.rectification_reopen(
            actor=inspector,
            order=submitted,
            reason="仍未落实",
            deadline=datetime.date(2018, 11, 30),
        )
        assert not reopened.is_overdue


def test_a_new_deadline_cannot_be_in_the_past(inspector, edu_kunming, order):
    submitted = services.rectification_submit(actor=edu_kunming, order=order, text="已整改。")

    with time_machine.travel(SUMMER, tick=False), pytest.raises(ValidationError) as raised:
        services.rectification_reopen(
            actor=inspector,
            order=submitted,
            reason="未落实",
            deadline=datetime.date(2018, 7, 1),
        )
    assert "deadline" in raised.value.message_dict


def test_a_revisit_is_scheduled_on_an_order(inspector, order, login):
    client = login(inspector)

    with time_machine.travel(SUMMER, tick=False):
        response = client.post(
            f"/inspections/orders/{order.pk}/revisit/",
            {"revisit_on": "2018-10-15", "note": "回头看：抽查两所学校课表。"},
        )

    assert response.status_code == 302
    order.refresh_from_db()
    assert order.revisit_on == datetime.date(2018, 10, 15)
    assert order.revisit_note == "回头看：抽查两所学校课表。"
    assert order.events.filter(action=RectificationAction.REVISIT_SCHEDULED).exists()


def test_the_target_submits_through_the_page_and_the_issuer_verifies(
    inspector, edu_wuhua, order, login
):
    response = login(edu_wuhua).post(
        f"/inspections/orders/{order.pk}/rectify/",
        {"text": "已整改到位。", "files": [upload("整改报告.pdf")]},
    )
    assert response.status_code == 302

    evidence = RectificationEvidence.objects.get()
    download = login(inspector).get(f"/inspections/order-evidence/{evidence.pk}/")
    assert b"".join(download.streaming_content) == PDF_BYTES
    login(inspector).post(f"/inspections/orders/{order.pk}/verify/")

    order.refresh_from_db()
    assert order.status == RectificationStatus.CLOSED


def test_the_order_form_refuses_a_forged_target_outside_the_issuers_reach(
    inspector, finding, login
):
    yuxi_school = SchoolFactory(county=division("530402"))
    client = login(inspector)

    response = client.post(
        f"/inspections/findings/{finding.pk}/orders/new/",
        {"requirement": "整改", "deadline": "2030-01-01", "target_school": yuxi_school.pk},
    )

    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"target_school"}
    assert not RectificationOrder.objects.exists()


def test_the_order_form_issues_to_a_county_inside_the_inspected_prefecture(
    inspector, finding, login
):
    response = login(inspector).post(
        f"/inspections/findings/{finding.pk}/orders/new/",
        {"requirement": "保证活动课时", "deadline": "2030-01-01", "target_division": "530102"},
    )

    assert response.status_code == 302
    order = RectificationOrder.objects.get()
    assert (order.target_division_id, order.issued_by) == ("530102", inspector)


def _close_campaign(lead, campaign):
    with time_machine.travel(SUMMER, tick=False):
        services.campaign_close(actor=lead, campaign=campaign)


def test_no_order_is_issued_once_the_campaign_is_closed(inspector, lead, campaign, finding, login):
    _close_campaign(lead, campaign)

    with time_machine.travel(SUMMER, tick=False):
        response = login(inspector).post(
            f"/inspections/findings/{finding.pk}/orders/new/",
            {"requirement": "整改", "deadline": "2018-09-30", "target_division": "530102"},
        )

    assert response.status_code == 200
    assert "督导已结束，不能再下达整改通知。" in response.context["form"].non_field_errors()
    assert not RectificationOrder.objects.exists()


def test_no_revisit_is_scheduled_once_the_campaign_is_closed(inspector, lead, campaign, order):
    _close_campaign(lead, campaign)

    with time_machine.travel(SUMMER, tick=False), pytest.raises(ValidationError) as raised:
        services.rectification_schedule_revisit(
            actor=inspector, order=order, revisit_on=datetime.date(2018, 10, 15)
        )

    assert raised.value.code == "campaign_closed"
    order.refresh_from_db()
    assert order.revisit_on is None


def test_a_revisit_is_not_dated_in_the_past_and_the_form_says_so_next_to_the_date(
    inspector, order, login
):
    with time_machine.travel(SUMMER, tick=False):
        response = login(inspector).post(
            f"/inspections/orders/{order.pk}/revisit/", {"revisit_on": "2018-07-19"}
        )

    assert response.status_code == 200
    assert response.context["form"].errors["revisit_on"] == ["回头看日期不能早于今天。"]
    order.refresh_from_db()
    assert order.revisit_on is None


def test_no_revisit_is_set_on_a_closed_order(inspector, edu_kunming, order):
    with time_machine.travel(SUMMER, tick=False):
        submitted = services.rectification_submit(actor=edu_kunming, order=order, text="已整改。")
        closed = services.rectification_verify(actor=inspector, order=submitted)

        with pytest.raises(ValidationError) as raised:
            services.rectification_schedule_revisit(
                actor=inspector, order=closed, revisit_on=datetime.date(2018, 10, 15)
            )

    assert raised.value.code == "order_closed"
    assert not closed.events.filter(action=RectificationAction.REVISIT_SCHEDULED).exists()


def test_the_rules_hold_in_the_seeded_past_by_the_portals_clock(inspector, order):
    # given the clock travelled back to the summer of 2018 (as the demo seeder does)
    with clock.travel(datetime.date(2018, 7, 20)):
        # a re-visit on the 19th is already past, one on the 21st is not
        with pytest.raises(ValidationError):
            services.rectification_schedule_revisit(
                actor=inspector, order=order, revisit_on=datetime.date(2018, 7, 19)
            )
        scheduled = services.rectification_schedule_revisit(
            actor=inspector, order=order, revisit_on=datetime.date(2018, 7, 21)
        )

    assert scheduled.revisit_on == datetime.date(2018, 7, 21)


@pytest.mark.parametrize("step", ["issue", "revisit"])
def test_the_campaign_row_is_locked_while_an_order_or_revisit_is_written(
    inspector, finding, order, step
):
    with time_machine.travel(SUMMER, tick=False), CaptureQueriesContext(connection) as queries:
        if step == "issue":
            services.rectification_order_issue(
                actor=inspector,
                finding=finding,
                requirement="整改",
                deadline=datetime.date(2018, 9, 30),
            )
        else:
            services.rectification_schedule_revisit(
                actor=inspector, order=order, revisit_on=datetime.date(2018, 8, 1)
            )

    locks = [q["sql"] for q in queries.captured_queries if q["sql"].endswith("FOR UPDATE")]
    assert any('FROM "inspections_campaign"' in sql for sql in locks)


def test_the_order_page_offers_a_revisit_only_while_one_may_be_scheduled(
    inspector, lead, campaign, order, login
):
    client = login(inspector)
    link = f"/inspections/orders/{order.pk}/revisit/".encode()

    assert link in client.get(f"/inspections/orders/{order.pk}/").content
    _close_campaign(lead, campaign)
    assert link not in client.get(f"/inspections/orders/{order.pk}/").content


def test_the_evidence_of_a_rectification_is_in_the_orders_history(
    inspector, edu_wuhua, order, login
):
    services.rectification_submit(
        actor=edu_wuhua, order=order, text="已整改。", uploads=[upload("课表.pdf")]
    )

    rows = panel(login(inspector), reverse("inspections:order-detail", args=[order.pk]))

    (added,) = file_entries(rows, RectificationEvidence, "课表.pdf").values()
    assert person_label(edu_wuhua) in added
