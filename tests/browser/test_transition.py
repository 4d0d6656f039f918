"""A transition pilot in a real browser at phone width (360 px): Kunming's League staff open
the pilot record of 昆明十中; the school's own League staff add a milestone, mark it done and
record the year's count of Young Pioneers reaching 14 who joined the League; the dashboard
shows it."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from apps.accounts.choices import Role
from apps.core import clock
from apps.organizations.choices import SchoolType
from apps.transition.models import HandOff, Milestone, Pilot
from tests.browser.support import assert_no_horizontal_scroll, submit
from tests.factories import SchoolFactory, UserFactory, division


def test_a_pilot_gets_its_milestones_and_counts_on_a_phone(
    phone_page, live_url, sign_in, sign_in_fast, league_kunming, divisions
):
    page = phone_page
    school = SchoolFactory(
        name="昆明市第十中学",
        county=division("530103"),
        school_type=SchoolType.COMPLETE,
        is_transition_pilot=True,
    )
    school_league = UserFactory(
        username="pilot_school", role=Role.LEAGUE, division=None, school=school
    )
    year = clock.today().year

    # given Kunming's League staff on the pilot list
    sign_in(page, league_kunming, next=reverse("transition:pilot-list"))
    assert_no_horizontal_scroll(page, "pilot list")

    # when they start the record of the flagged school
    with page.expect_navigation():
        page.locator('[data-action="create-pilot"]').click()
    form = 'form[data-form="transition"]'
    page.select_option(f'{form} select[name="school"]', str(school.pk))
    page.fill(f'{form} input[name="started_on"]', "2017-09-01")
    page.fill(f'{form} textarea[name="summary"]', "补齐初中少先队建设短板")
    assert_no_horizontal_scroll(page, "pilot form")
    submit(page, form)
    pilot = Pilot.objects.get()
    expect(page.locator('[data-field="started_on"]')).to_have_text("2017-09-01")

    # then the school's League staff add a milestone and mark it done
    page.context.clear_cookies()
    sign_in_fast(page, school_league)
    page.goto(live_url("transition:pilot-detail", pilot.pk))
    with page.expect_navigation():
        page.locator('[data-action="add-milestone"]').click()
    page.fill(f'{form} input[name="title"]', "开展14岁离队入团仪式")
    page.fill(f'{form} input[name="due_on"]', f"{year}-05-04")
    page.select_option(f'{form} select[name="status"]', "done")
    page.fill(f'{form} input[name="done_on"]', clock.today().isoformat())
    submit(page, form)
    milestone = Milestone.objects.get()
    expect(page.locator(f'[data-milestone="{milestone.pk}"] [data-status]')).to_have_attribute(
        "data-status", "done"
    )

    # and record this year's count; a negative count is refused next to the field
    with page.expect_navigation():
        page.locator('[data-action="record-handoff"]').click()
    page.fill(f'{form} input[name="year"]', str(year))
    page.fill(f'{form} input[name="joined"]', "-3")
    submit(page, form)
    expect(page.locator(f"{form} .field-error")).to_have_count(1)
    assert_no_horizontal_scroll(page, "count form with an error")
    page.fill(f'{form} input[name="joined"]', "58")
    submit(page, form)
    expect(page.locator(f'[data-year="{year}"] [data-value]')).to_have_text("58")
    assert HandOff.objects.get().joined == 58
    assert_no_horizontal_scroll(page, "pilot detail")

    # and the school's dashboard shows its pilot: the milestone done and this year's count
    page.goto(live_url("reports:dashboard"))
    expect(page.locator('[data-fact="transition.joined"]')).to_have_attribute("data-value", "58")
    expect(page.locator('[data-fact="transition.done"]')).to_have_attribute("data-value", "1")
    assert_no_horizontal_scroll(page, "dashboard")
    assert datetime.date(2017, 9, 1) == pilot.started_on
