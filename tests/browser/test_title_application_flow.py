"""A title application in a real browser, at desktop and phone width: a counselor applies
with evidence, the school returns it with a reason, the counselor edits and resubmits, and
the school, county, prefecture and province approve it in turn."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.accounts.choices import Role
from apps.titles.models import TitleApplication
from tests.browser.support import assert_no_horizontal_scroll
from tests.factories import SchoolFactory, UserFactory, division
from tests.factories.titles import PDF_BYTES, THIS_YEAR, ApplicantFactory

RETURN_REASON = "请补充近三年少先队活动课教案。"


@pytest.fixture
def people(divisions, edu_wuhua, edu_kunming, edu_province):
    school = SchoolFactory(name="五华区红旗小学", county=division("530102"))
    return {
        "applicant": ApplicantFactory(name="李晓梅", school=school, teacher_title="second"),
        "school": UserFactory(role=Role.EDUCATION, division=None, school=school),
        "county": edu_wuhua,
        "prefecture": edu_kunming,
        "province": edu_province,
    }


def status(page):
    return page.locator("main .page-head [data-status]")


def decide(page, live_url, sign_in_fast, reviewer, applicant_name, decision, comment=""):
    """``reviewer`` finds the application in their queue and decides on its page."""
    page.context.clear_cookies()
    sign_in_fast(page, reviewer)
    page.goto(live_url("titles:review-queue"))
    page.locator("tr[data-application] a", has_text=applicant_name).click()
    form = page.locator('form[data-form="review"]')
    form.locator(f'input[name="decision"][value="{decision}"]').check()
    if comment:
        form.locator('textarea[name="comment"]').fill(comment)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    expect(page.locator(".message-success")).to_be_visible()


def test_a_counselor_is_returned_resubmits_and_is_approved_at_all_four_levels(
    page, live_url, sign_in, sign_in_fast, people
):
    applicant = people["applicant"]

    # given the counselor signed in through the login form, on "my applications"
    sign_in(page, applicant.user, next=reverse("titles:application-list"))
    expect(page.locator('[data-field="teacher_title"]')).to_have_attribute("data-value", "second")

    # when they start an application, upload evidence and submit
    page.locator('[data-action="create"]').click()
    page.select_option('select[name="track"]', "yp_activities")
    page.select_option('select[name="target_title"]', "first")
    page.fill('input[name="year"]', str(THIS_YEAR))
    page.fill('textarea[name="statement"]', "担任大队辅导员八年，组织红领巾广播站。")
    with page.expect_navigation():
        page.locator("main form button[type=submit]").first.click()
    evidence_form = page.locator('form[data-form="evidence"]')
    evidence_form.locator('input[type="file"]').set_input_files(
        {"name": "获奖证书.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    with page.expect_navigation():
        evidence_form.locator("button[type=submit]").click()
    expect(page.locator("[data-evidence]")).to_have_count(1)
    assert_no_horizontal_scroll(page, "edit page")
    with page.expect_navigation():
        page.locator('form[data-form="submit"] button[type=submit]').click()

    # then it waits at school level
    expect(status(page)).to_have_attribute("data-level", "school")
    application = TitleApplication.objects.get(applicant=applicant)

    # when the school returns it with a reason
    decide(page, live_url, sign_in_fast, people["school"], "李晓梅", "return", RETURN_REASON)

    # then the counselor sees the reason, edits and resubmits
    page.context.clear_cookies()
    sign_in_fast(page, applicant.user)
    page.goto(live_url("titles:application-detail", application.pk))
    expect(status(page)).to_have_attribute("data-status", "returned")
    expect(page.locator('[data-step][data-decision="return"]')).to_contain_text(RETURN_REASON)
    page.locator('[data-action="edit"]').click()
    expect(page.locator("[data-return-reason]")).to_contain_text(RETURN_REASON)
    page.fill('textarea[name="statement"]', "补充了近三年少先队活动课教案。")
    with page.expect_navigation():
        page.locator('form[data-form="application"] button[type=submit]').click()
    with page.expect_navigation():
        page.locator('form[data-form="submit"] button[type=submit]').click()
    expect(status(page)).to_have_attribute("data-level", "school")

    # when every level approves in turn
    for level in ("school", "county", "prefecture", "province"):
        decide(page, live_url, sign_in_fast, people[level], "李晓梅", "approve")

    # then the counselor's application is approved with its whole history, and the title won
    page.context.clear_cookies()
    sign_in_fast(page, applicant.user)
    page.goto(live_url("titles:application-detail", application.pk))
    expect(status(page)).to_have_attribute("data-status", "approved")
    steps = page.locator("[data-step]")
    expect(steps).to_have_count(5)
    history = [
        (steps.nth(i).get_attribute("data-level"), steps.nth(i).get_attribute("data-decision"))
        for i in range(5)
    ]
    assert history == [
        ("school", "return"),
        ("school", "approve"),
        ("county", "approve"),
        ("prefecture", "approve"),
        ("province", "approve"),
    ]
    page.goto(live_url("titles:application-list"))
    expect(page.locator('[data-field="teacher_title"]')).to_have_attribute("data-value", "first")
    assert_no_horizontal_scroll(page, "detail page")
    application.refresh_from_db()
    applicant.refresh_from_db()
    assert application.status == "approved"
    assert applicant.teacher_title == "first"
