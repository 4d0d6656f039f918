"""The to-do count beside the menu and the inbox, in a real browser at phone width (360 px):
Kunming's education staff have a joint-meeting decision due in one working day; the day's
send_reminders reminds them; they find the count in the menu, the item on the to-do page and
the reminder in the inbox, open it, and the unread count is gone."""

import datetime

from django.urls import reverse
from playwright.sync_api import expect

from apps.core import clock, workdays
from apps.inbox.reminders import reminders_send
from apps.meetings import services
from apps.meetings.choices import OwnerSide
from tests.browser.support import assert_no_horizontal_scroll
from tests.factories import division


def test_the_menu_counts_lead_to_the_todo_and_the_reminder_on_a_phone(
    phone_page, live_url, sign_in_fast, league_province, edu_kunming
):
    # given a decision for Kunming's education side due in one working day, and its reminder
    today = clock.today()
    due = workdays.add_workdays(today, 1).date
    meeting = services.meeting_create(
        actor=league_province,
        division=division("530000"),
        title="团教协作工作联席会议",
        held_on=today - datetime.timedelta(days=30),
    )
    decision = services.decision_create(
        actor=league_province,
        meeting=meeting,
        text="配齐县级少先队总辅导员",
        owner_division=division("530100"),
        owner_side=OwnerSide.EDUCATION,
        responsible=edu_kunming,
        due_on=due,
    )
    assert reminders_send(today=today).reminders == 1
    page = sign_in_fast(phone_page, edu_kunming)

    # when they open the menu on any page
    page.goto(live_url("organizations:school-list"))
    page.locator("button.nav-toggle").tap()
    nav = page.locator("#site-nav")

    # then the to-do and the inbox entries carry their counts
    expect(nav.locator('[data-nav-count="inbox:todo-list"]')).to_have_text("1")
    expect(nav.locator('[data-nav-count="inbox:notification-list"]')).to_have_text("1")
    assert_no_horizontal_scroll(page, "open menu with counts")

    # and the to-do page lists the decision, linking to where they act
    with page.expect_navigation():
        nav.locator(f'a[href="{reverse("inbox:todo-list")}"]').tap()
    todo = page.locator("[data-todo]")
    expect(todo).to_have_count(1)
    expect(todo.locator("[data-count]")).to_have_text("1")
    assert_no_horizontal_scroll(page, "to-do page")

    # and the inbox holds the reminder, naming the item, the unit and the due date
    page.goto(live_url("inbox:notification-list"))
    reminder = page.locator('[data-notification="reminder"]')
    expect(reminder).to_contain_text(due.isoformat())
    expect(reminder).to_contain_text("昆明市")
    assert_no_horizontal_scroll(page, "inbox")
    with page.expect_navigation():
        reminder.locator("[data-open]").tap()
    expect(page).to_have_url(live_url("meetings:meeting-detail", decision.meeting_id))

    # once opened it is read: the inbox's count is gone from the menu
    page.goto(live_url("inbox:notification-list"))
    expect(page.locator("[data-unread]")).to_have_attribute("data-unread", "0")
    expect(page.locator('[data-nav-count="inbox:notification-list"]')).to_have_count(0)
    expect(page.locator('[data-nav-count="inbox:todo-list"]')).to_have_count(1)
