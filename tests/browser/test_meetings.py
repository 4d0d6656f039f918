"""A joint meeting in a real browser at phone width (360 px): provincial League staff record
the meeting, a person present, its minutes (a PDF) and a decision for Kunming's education
side that is already overdue; Kunming's education staff find it in their to-do list and on
their dashboard and report it done; it leaves both."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from apps.core import clock
from apps.documents.choices import BodyKind
from apps.documents.demo import pdf_bytes
from apps.documents.models import IssuingBody
from apps.meetings.models import Decision, Meeting
from tests.browser.support import assert_no_horizontal_scroll, submit
from tests.factories import division


def test_a_decision_goes_from_the_meeting_to_done_on_a_phone(
    phone_page, live_url, sign_in, sign_in_fast, league_province, edu_kunming, tmp_path
):
    page = phone_page
    body = IssuingBody.objects.create(
        name="云南省教育厅", kind=BodyKind.EDUCATION, division=division("530000")
    )
    form = 'form[data-form="meetings"]'
    overdue_on = clock.today() - datetime.timedelta(days=14)
    held_on = overdue_on - datetime.timedelta(days=30)

    # given provincial League staff record a meeting
    sign_in(page, league_province, next=reverse("meetings:meeting-list"))
    assert_no_horizontal_scroll(page, "meeting list")
    with page.expect_navigation():
        page.locator('[data-action="create-meeting"]').click()
    page.fill(f'{form} input[name="title"]', "团教协作工作联席会议第一次会议")
    page.fill(f'{form} input[name="held_on"]', held_on.isoformat())
    page.fill(f'{form} input[name="place"]', "昆明")
    page.locator(f'{form} input[name="bodies"][value="{body.pk}"]').check()
    assert_no_horizontal_scroll(page, "meeting form")
    submit(page, form)
    meeting = Meeting.objects.get()

    # with a person present, the minutes and a decision for Kunming's education side
    with page.expect_navigation():
        page.locator('[data-action="add-attendee"]').click()
    page.fill(f'{form} input[name="person_name"]', "王建国")
    page.fill(f'{form} input[name="person_unit"]', "昆明市教育体育局")
    submit(page, form)
    expect(page.locator("[data-attendee]")).to_have_text("王建国（昆明市教育体育局）")
    with page.expect_navigation():
        page.locator('[data-action="upload-minutes"]').click()
    minutes = tmp_path / "纪要.pdf"
    minutes.write_bytes(pdf_bytes("minutes"))
    page.set_input_files(f'{form} input[name="minutes"]', str(minutes))
    submit(page, form)
    expect(page.locator('[data-action="download-minutes"]')).to_have_text("纪要.pdf")
    with page.expect_navigation():
        page.locator('[data-action="add-decision"]').click()
    page.fill(f'{form} textarea[name="text"]', "配齐配强县级少先队总辅导员")
    page.select_option(f'{form} select[name="owner_division"]', "530100")
    page.select_option(f'{form} select[name="owner_side"]', "education")
    page.select_option(f'{form} select[name="responsible"]', str(edu_kunming.pk))
    page.fill(f'{form} input[name="due_on"]', overdue_on.isoformat())
    assert_no_horizontal_scroll(page, "decision form")
    submit(page, form)
    decision = Decision.objects.get()
    assert decision.meeting == meeting
    assert_no_horizontal_scroll(page, "meeting detail")

    # then Kunming's education staff see it overdue on their dashboard and in their to-dos
    page.context.clear_cookies()
    sign_in_fast(page, edu_kunming)
    page.goto(live_url("reports:dashboard"))
    expect(
        page.locator(f'[data-panel="joint-meeting"] [data-decision="{decision.pk}"]')
    ).to_have_attribute("data-overdue", "")
    todo = page.locator("[data-todo].overdue a", has_text="联席会议")
    expect(todo).to_have_count(1)
    assert_no_horizontal_scroll(page, "dashboard")
    with page.expect_navigation():
        todo.click()
    expect(page.locator(f'[data-decision="{decision.pk}"]')).to_have_count(1)

    # and report it done from the meeting page; it leaves the dashboard
    page.goto(live_url("meetings:meeting-detail", meeting.pk))
    with page.expect_navigation():
        page.locator('[data-action="complete-decision"]').click()
    page.fill(f'{form} textarea[name="outcome"]', "已全部配齐")
    submit(page, form)
    expect(page.locator(f'[data-decision="{decision.pk}"] [data-status]')).to_have_attribute(
        "data-status", "done"
    )
    page.goto(live_url("reports:dashboard"))
    expect(page.locator(f'[data-decision="{decision.pk}"]')).to_have_count(0)
    expect(page.locator('[data-indicator="joint_meeting.decisions_overdue"]')).to_have_attribute(
        "data-value", "0"
    )
