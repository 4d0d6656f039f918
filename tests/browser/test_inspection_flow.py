"""A joint inspection in a real browser at phone width (360 px): an inspector on a running
campaign's team files a scored report with a finding, the campaign lead accepts it, the
inspector orders the inspected school to rectify, the school's county staff submit their
rectification with an evidence file, and the inspector verifies and closes the order."""

import datetime
import struct
import zlib
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from playwright.sync_api import expect

from apps.inspections.choices import (
    InspectionStatus,
    Rating,
    RectificationAction,
    RectificationStatus,
    Severity,
)
from apps.inspections.models import Inspection, RectificationOrder
from tests.browser.support import assert_no_horizontal_scroll, submit, switch_user
from tests.factories import SchoolFactory, division
from tests.factories.inspections import running_campaign

FINDING = "少先队活动课每周不足一课时，大队辅导员未按中层管理岗位配备。"
REQUIREMENT = "开足少先队活动课，配齐大队辅导员并按中层管理岗位落实待遇。"
SUMMARY = "少先队阵地建设较好，活动课落实不够。"
RECTIFICATION = "已开足每周一课时少先队活动课，大队辅导员已按中层正职聘任。"
# Scores an inspector types, one per checklist item (maximum 30, 20 and 50).
SCORES = ["27.5", "18", "45"]


def png_bytes() -> bytes:
    """A well-formed 1x1 red PNG, as a phone camera app would hand over a photo."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1x1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")  # filter byte, then one red pixel
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


@pytest.fixture
def inspection_setup(divisions, league_province, inspector, edu_wuhua):
    school = SchoolFactory(name="五华区红旗小学", county=division("530102"))
    campaign, (inspection,) = running_campaign(
        lead=league_province,
        inspectors=[inspector],
        targets=[school],
        items=(
            (Decimal(30), Decimal(30)),
            (Decimal(20), Decimal(20)),
            (Decimal(50), Decimal(50)),
        ),
    )
    return {
        "campaign": campaign,
        "inspection": inspection,
        "school": school,
        "inspector": inspector,
        "lead": league_province,
        "target_staff": edu_wuhua,
    }


def status(page):
    return page.locator("main .page-head [data-status]")


def test_an_inspection_is_filed_accepted_and_its_rectification_verified_on_a_phone(
    phone_page, live_url, sign_in, sign_in_fast, inspection_setup, tmp_path
):
    page = phone_page
    inspection = inspection_setup["inspection"]
    school = inspection_setup["school"]
    deadline = timezone.localdate() + datetime.timedelta(days=30)
    evidence_path = tmp_path / "整改照片.png"
    evidence_path.write_bytes(png_bytes())

    # given the inspector signed in through the login form, on their list of reports
    sign_in(page, inspection_setup["inspector"], next=reverse("inspections:inspection-list"))
    row = page.locator(f'tr[data-inspection="{inspection.pk}"]')
    expect(row.locator("[data-status]")).to_have_attribute("data-status", "draft")
    assert_no_horizontal_scroll(page, "report list")

    # when they open their assigned report and score every checklist item with a rating
    row.locator("a").click()
    expect(status(page)).to_have_attribute("data-status", "draft")
    assert_no_horizontal_scroll(page, "draft report")
    page.locator('[data-action="file"]').click()
    scores = page.locator("form[data-report-form] input[data-score-item]")
    expect(scores).to_have_count(len(SCORES))
    for n, value in enumerate(SCORES):
        scores.nth(n).fill(value)
    page.locator('form[data-report-form] input[name="rating"][value="good"]').check()
    page.fill('form[data-report-form] textarea[name="summary"]', SUMMARY)
    assert_no_horizontal_scroll(page, "report form")
    submit(page, "form[data-report-form]")
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator("[data-rating]")).to_have_attribute("data-rating", "good")
    expect(page.locator("[data-weighted-score]")).to_contain_text("90.5")

    # and add a finding, then submit the report to the campaign lead
    page.locator('[data-action="add-finding"]').click()
    page.fill('form[data-form="finding"] textarea[name="text"]', FINDING)
    page.locator('form[data-form="finding"] input[name="severity"][value="high"]').check()
    assert_no_horizontal_scroll(page, "finding form")
    submit(page, 'form[data-form="finding"]')
    expect(page.locator("[data-finding]")).to_have_count(1)
    expect(page.locator("[data-finding]")).to_have_attribute("data-severity", "high")
    with page.expect_navigation():
        page.locator('[data-action="submit"]').click()

    # then the report waits for the lead and can no longer be filed
    expect(status(page)).to_have_attribute("data-status", "submitted")
    expect(page.locator('[data-action="file"]')).to_have_count(0)
    assert_no_horizontal_scroll(page, "submitted report")

    # when the campaign lead accepts it
    switch_user(page, sign_in_fast, inspection_setup["lead"])
    page.goto(live_url("inspections:inspection-detail", inspection.pk))
    with page.expect_navigation():
        page.locator('[data-action="accept"]').click()
    expect(status(page)).to_have_attribute("data-status", "accepted")
    # The history names the rating and the statuses as the page does, not by stored value.
    with translation.override("zh-hans"):
        good = str(Rating.GOOD.label)
        draft_to_submitted = f"{InspectionStatus.DRAFT.label} → {InspectionStatus.SUBMITTED.label}"
    history = page.locator('table[data-table="history"]')
    expect(history.locator('tr[data-action="updated"]')).to_contain_text(good)
    expect(history.locator('tr[data-action="submitted"]')).to_contain_text(draft_to_submitted)
    assert_no_horizontal_scroll(page, "accepted report")

    # and the inspector orders the school to rectify the finding by a deadline
    switch_user(page, sign_in_fast, inspection_setup["inspector"])
    page.goto(live_url("inspections:inspection-detail", inspection.pk))
    page.locator('[data-finding] [data-action="issue-order"]').click()
    order_form = 'form[data-form="order"]'
    page.fill(f'{order_form} textarea[name="requirement"]', REQUIREMENT)
    page.fill(f'{order_form} input[name="deadline"]', deadline.isoformat())
    assert_no_horizontal_scroll(page, "order form")
    submit(page, order_form)
    expect(status(page)).to_have_attribute("data-status", "open")
    expect(page.locator("[data-deadline]")).to_have_attribute("data-deadline", deadline.isoformat())
    expect(page.locator("[data-overdue]")).to_have_count(0)
    order = RectificationOrder.objects.get(finding__inspection=inspection)

    # when the school's county education staff find the order and submit their rectification
    switch_user(page, sign_in_fast, inspection_setup["target_staff"])
    page.goto(live_url("inspections:order-list"))
    order_row = page.locator(f'tr[data-order="{order.pk}"]')
    expect(order_row.locator("[data-status]")).to_have_attribute("data-status", "open")
    assert_no_horizontal_scroll(page, "order list")
    order_row.locator("a").click()
    expect(status(page)).to_have_attribute("data-status", "open")
    assert_no_horizontal_scroll(page, "open order")
    page.locator('[data-action="rectify"]').click()
    rectification_form = 'form[data-form="rectification"]'
    page.fill(f'{rectification_form} textarea[name="text"]', RECTIFICATION)
    page.locator(f'{rectification_form} input[type="file"]').set_input_files(str(evidence_path))
    assert_no_horizontal_scroll(page, "rectification form")
    submit(page, rectification_form)

    # then the order waits for verification, with the evidence listed
    expect(status(page)).to_have_attribute("data-status", "submitted")
    expect(page.locator("[data-evidence]")).to_have_count(1)
    expect(page.locator("[data-evidence]")).to_contain_text("整改照片.png")
    expect(page.locator('[data-action="rectify"]')).to_have_count(0)

    # when the inspector verifies it
    switch_user(page, sign_in_fast, inspection_setup["inspector"])
    page.goto(live_url("inspections:order-detail", order.pk))
    with page.expect_navigation():
        page.locator('[data-action="verify"]').click()

    # then the order is closed with its whole history, on the order and on the report
    expect(status(page)).to_have_attribute("data-status", "closed")
    steps = page.locator('table[data-table="steps"] tr[data-action]')
    expect(steps).to_have_count(3)
    assert [steps.nth(i).get_attribute("data-action") for i in range(3)] == [
        RectificationAction.ISSUED,
        RectificationAction.SUBMITTED,
        RectificationAction.CLOSED,
    ]
    assert_no_horizontal_scroll(page, "closed order")
    page.goto(live_url("inspections:inspection-detail", inspection.pk))
    expect(status(page)).to_have_attribute("data-status", "accepted")
    expect(page.locator(f'[data-finding] [data-order="{order.pk}"]')).to_have_attribute(
        "data-status", "closed"
    )
    assert_no_horizontal_scroll(page, "report with a closed order")

    # and the database holds the same story
    inspection = Inspection.objects.get(pk=inspection.pk)
    assert inspection.status == InspectionStatus.ACCEPTED
    assert (inspection.rating, inspection.summary) == (Rating.GOOD, SUMMARY)
    assert inspection.submitted_by == inspection_setup["inspector"]
    assert sorted(s.score for s in inspection.scores.all()) == sorted(Decimal(v) for v in SCORES)
    (finding,) = inspection.findings.all()
    assert (finding.text, finding.severity) == (FINDING, Severity.HIGH)
    order = RectificationOrder.objects.get(pk=order.pk)
    assert order.status == RectificationStatus.CLOSED
    assert order.target_school == school
    assert order.deadline == deadline
    assert order.issued_by == inspection_setup["inspector"]
    assert order.submitted_by == inspection_setup["target_staff"]
    assert order.closed_by == inspection_setup["inspector"]
    assert order.rectification_text == RECTIFICATION
    (evidence,) = order.evidence.all()
    assert (evidence.original_name, evidence.content_type) == ("整改照片.png", "image/png")
    with evidence.file.open("rb") as stored:
        assert stored.read() == png_bytes()
