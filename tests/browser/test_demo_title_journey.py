"""The README's title journey, played on the demo with the README's accounts: the ``counselor``
signs in with the documented password, follows the dashboard's to-do to the application its
school returned, resubmits it, and ``edu_school``, ``edu_wuhua``, ``edu_kunming`` and
``edu_province`` each follow their dashboard's to-do to the review queue and approve it."""

import io

import pytest
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.titles.choices import ApplicationStatus
from apps.titles.models import TitleApplication

REVIEWERS = (
    ("edu_school", "school"),
    ("edu_wuhua", "county"),
    ("edu_kunming", "prefecture"),
    ("edu_province", "province"),
)


@pytest.fixture
def demo(live_server, divisions):
    call_command("seed_demo", stdout=io.StringIO())


def follow_todo(page, live_url, label: str):
    page.goto(live_url("reports:dashboard"))
    todo = page.locator('[data-panel="todos"] [data-todo] a', has_text=label)
    expect(todo).to_have_count(1)
    with page.expect_navigation():
        todo.click()


def test_the_readme_accounts_play_the_title_chain_from_their_to_dos(
    desktop_page, live_url, demo, sign_in, sign_in_fast
):
    page = desktop_page
    counselor = User.objects.get(username="counselor")
    application = TitleApplication.objects.get(
        applicant__user=counselor, status=ApplicationStatus.RETURNED
    )

    # the counselor signs in with the README's password and follows the to-do to the edit page
    sign_in(page, counselor, password=settings.DEMO_PASSWORD)
    follow_todo(page, live_url, "退回")
    expect(page.locator("[data-return-reason]")).to_be_visible()
    page.fill('textarea[name="statement"]', "已按学校意见补充近三年少先队活动课教案和获奖证书。")
    with page.expect_navigation():
        page.locator('form[data-form="application"] button[type=submit]').click()
    with page.expect_navigation():
        page.locator('form[data-form="submit"] button[type=submit]').click()
    expect(page.locator("main .page-head [data-status]")).to_have_attribute("data-level", "school")

    # each reviewer of the README finds it from the dashboard's to-do and approves it
    for username, level in REVIEWERS:
        page.context.clear_cookies()
        sign_in_fast(page, User.objects.get(username=username))
        follow_todo(page, live_url, "审核的职称申报")
        row = page.locator(f'tr[data-application="{application.pk}"]')
        expect(row).to_have_count(1)
        with page.expect_navigation():
            row.locator("a").first.click()
        form = page.locator('form[data-form="review"]')
        form.locator('input[name="decision"][value="approve"]').check()
        with page.expect_navigation():
            form.locator("button[type=submit]").click()
        expect(page.locator(".message-success")).to_be_visible()
        application.refresh_from_db()
        assert application.status != ApplicationStatus.RETURNED, username
        decided = application.steps.filter(level=level, decision="approve")
        assert decided.exists(), f"{username} did not approve at {level}"

    application.refresh_from_db()
    assert application.status == ApplicationStatus.APPROVED
