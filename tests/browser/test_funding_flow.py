"""A special fund in a real browser at phone width (360 px): provincial League staff create a
program and open it, pass an envelope down to Kunming; Kunming's education staff allocate to a
migrant workers' children school; Kunming's League staff approve it (another person); the
allocation is disbursed; the school's staff report its usage; Kunming accepts the report."""

from decimal import Decimal

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.accounts.choices import Role
from apps.funding.choices import AllocationStatus, ProgramStatus, SignoffBody
from apps.funding.models import Allocation, Envelope, Program
from tests.browser.support import assert_no_horizontal_scroll, submit, switch_user
from tests.factories import school_user
from tests.funding.conftest import migrant_school

PROGRAM = "“我是光荣的少先队员”主题活动"
USAGE = "购置队鼓、队旗，开展建队纪念日入队仪式。"


@pytest.fixture
def school_staff(divisions):
    """Education staff of 盘龙区希望小学, a migrant workers' children school of Panlong."""
    school = migrant_school("盘龙区希望小学", "530103")
    return school_user(school, Role.EDUCATION, "staff_xiwang")


def status(page):
    return page.locator("main .page-head [data-status]")


def test_a_fund_goes_from_program_to_accepted_usage_report_on_a_phone(
    phone_page,
    live_url,
    sign_in,
    sign_in_fast,
    league_province,
    league_kunming,
    edu_kunming,
    school_staff,
):
    page = phone_page
    school = school_staff.school

    # given provincial League staff signed in on the program list
    sign_in(page, league_province, next=reverse("funding:program-list"))
    assert_no_horizontal_scroll(page, "program list")

    # when they create a program for migrant workers' children schools
    with page.expect_navigation():
        page.locator('[data-action="create-program"]').click()
    form = 'form[data-form="program"]'
    page.fill(f'{form} input[name="name"]', PROGRAM)
    page.fill(f'{form} input[name="year"]', "2017")
    page.locator(f'{form} input[name="bodies"][value="league"]').check()
    page.locator(f'{form} input[name="bodies"][value="education"]').check()
    page.fill(f'{form} input[name="total_budget"]', "3,000,000.00")
    page.select_option(f'{form} select[name="target"]', "migrant_children")
    page.fill(f'{form} textarea[name="purpose"]', "全部划拨至基层外来务工子女集中学校")
    page.fill(f'{form} input[name="dual_signoff_threshold"]', "100000")
    assert_no_horizontal_scroll(page, "program form")
    submit(page, form)
    expect(status(page)).to_have_attribute("data-status", "planning")
    expect(page.locator("[data-budget]")).to_contain_text("3,000,000.00 元")
    program = Program.objects.get()

    # and open it
    with page.expect_navigation():
        page.locator('[data-action="edit-program"]').click()
    page.select_option(f'{form} select[name="status"]', "open")
    submit(page, form)
    expect(status(page)).to_have_attribute("data-status", "open")

    # and pass 1,200,000.00 down to Kunming
    with page.expect_navigation():
        page.locator('[data-action="pass-envelope"]').click()
    page.select_option('form[data-form="envelope"] select[name="division"]', "530100")
    page.fill('form[data-form="envelope"] input[name="amount"]', "1200000")
    assert_no_horizontal_scroll(page, "envelope form")
    submit(page, 'form[data-form="envelope"]')
    kunming = page.locator('tr[data-pot="530100"] [data-remaining]')
    expect(kunming).to_have_attribute("data-remaining", "1200000.00")
    expect(page.locator("progress[data-progress]")).to_have_attribute("max", "3000000.00")
    assert_no_horizontal_scroll(page, "program page")

    # when Kunming's education staff allocate 50,000.00 to the migrant school
    switch_user(page, sign_in_fast, edu_kunming)
    page.goto(live_url("funding:program-detail", program.pk))
    with page.expect_navigation():
        page.locator('[data-action="allocate"]').click()
    page.select_option('form[data-form="allocation"] select[name="school"]', str(school.pk))
    page.fill('form[data-form="allocation"] input[name="amount"]', "50,000.00")
    page.fill('form[data-form="allocation"] input[name="purpose"]', "建队纪念日主题活动")
    assert_no_horizontal_scroll(page, "allocation form")
    submit(page, 'form[data-form="allocation"]')
    expect(status(page)).to_have_attribute("data-status", "planned")
    # the author is offered no approval of their own allocation
    expect(page.locator('[data-action="approve"]')).to_have_count(0)
    allocation = Allocation.objects.get()

    # then Kunming's League staff (another person) approve it
    switch_user(page, sign_in_fast, league_kunming)
    page.goto(live_url("funding:allocation-detail", allocation.pk))
    assert_no_horizontal_scroll(page, "planned allocation")
    with page.expect_navigation():
        page.locator('[data-action="approve"]').click()
    expect(status(page)).to_have_attribute("data-status", "approved")

    # and the education staff record the disbursement
    switch_user(page, sign_in_fast, edu_kunming)
    page.goto(live_url("funding:allocation-detail", allocation.pk))
    with page.expect_navigation():
        page.locator('[data-action="disburse"]').click()
    expect(status(page)).to_have_attribute("data-status", "disbursed")

    # when the school's staff report what they spent
    switch_user(page, sign_in_fast, school_staff)
    page.goto(live_url("funding:allocation-detail", allocation.pk))
    with page.expect_navigation():
        page.locator('[data-action="report-usage"]').click()
    page.fill('form[data-form="step"] input[name="spent"]', "48,500.50")
    page.fill('form[data-form="step"] textarea[name="summary"]', USAGE)
    assert_no_horizontal_scroll(page, "usage report form")
    submit(page, 'form[data-form="step"]')
    expect(status(page)).to_have_attribute("data-status", "usage_reported")
    expect(page.locator("[data-usage-report]")).to_contain_text(USAGE)

    # then Kunming accepts the report and the remainder goes back
    switch_user(page, sign_in_fast, edu_kunming)
    page.goto(live_url("funding:allocation-detail", allocation.pk))
    with page.expect_navigation():
        page.locator('[data-action="accept-usage"]').click()
    expect(status(page)).to_have_attribute("data-status", "usage_accepted")
    expect(page.locator("[data-remainder]")).to_have_attribute("data-remainder", "1499.50")
    expect(page.locator('table[data-table="history"] [data-history-entry]')).to_have_count(5)
    assert_no_horizontal_scroll(page, "accepted allocation")

    # and the public disclosure shows the school's total, open to anyone
    page.context.clear_cookies()
    page.goto(live_url("funding:public-program-detail", program.pk))
    expect(page.locator("[data-recipient]")).to_contain_text("盘龙区希望小学")
    expect(page.locator("[data-total]")).to_have_attribute("data-total", "48500.50")
    assert_no_horizontal_scroll(page, "public disclosure")

    # and the database holds the same story
    program.refresh_from_db()
    assert program.status == ProgramStatus.OPEN
    assert program.total_budget == Decimal("3000000.00")
    envelope = Envelope.objects.get()
    assert (envelope.division_id, envelope.amount) == ("530100", Decimal("1200000.00"))
    allocation.refresh_from_db()
    assert allocation.envelope == envelope
    assert allocation.status == AllocationStatus.USAGE_ACCEPTED
    assert (allocation.amount, allocation.spent, allocation.remainder) == (
        Decimal("50000.00"),
        Decimal("48500.50"),
        Decimal("1499.50"),
    )
    assert allocation.created_by == edu_kunming
    assert [(s.body, s.signer) for s in allocation.signoffs.all()] == [
        (SignoffBody.SINGLE, league_kunming)
    ]
    assert allocation.usage_reported_by == school_staff
