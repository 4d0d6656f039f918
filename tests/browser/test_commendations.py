"""A commendation in a real browser at phone width: county League staff nominate a Young
Pioneer, the county, prefecture and province approve, the province publishes the 公示, a
visitor signed out objects, the province dismisses the objection, closes the notice after
its five working days and publishes the final list; the certificate downloads and its
number opens the public verification page."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from playwright.sync_api import expect

from apps.accounts.choices import Role
from apps.commendations.choices import NomineeKind
from apps.commendations.models import Nomination, PublicNotice
from apps.core import clock
from tests.browser.support import assert_no_horizontal_scroll, switch_user
from tests.commendations.conftest import make_category, make_round
from tests.factories import SchoolFactory, UserFactory, division


@pytest.fixture
def setting(divisions, edu_wuhua, edu_kunming, edu_province):
    round_ = make_round()
    category = make_category(round_, "pupils", NomineeKind.CHILD, 5)
    category.name = "优秀少先队员"
    category.save()
    return {
        "round": round_,
        "school": SchoolFactory(name="五华区红旗小学", county=division("530102")),
        "nominator": UserFactory(
            username="award_county_league", role=Role.LEAGUE, division=division("530102")
        ),
        "county": edu_wuhua,
        "prefecture": edu_kunming,
        "province": edu_province,
    }


def submit(page, form):
    with page.expect_navigation():
        form.locator("button[type=submit]").click()


def test_nominate_review_notice_objection_final_list_certificate_and_verification(
    phone_page, live_url, sign_in, sign_in_fast, setting
):
    page = phone_page
    round_ = setting["round"]

    # given county League staff signed in on the round's page
    sign_in(
        page, setting["nominator"], next=reverse("commendations:round-detail", args=[round_.pk])
    )
    page.locator('[data-action="nominate-pupils"]').click()
    form = page.locator('form[data-form="nomination"]')
    form.locator('input[name="name"]').fill("刘思雨")
    form.locator('select[name="gender"]').select_option("female")
    form.locator('select[name="ethnicity"]').select_option("彝族")
    form.locator('select[name="school"]').select_option(str(setting["school"].pk))
    form.locator('input[name="squad_name"]').fill("四年级（2）中队")
    form.locator('input[name="guardian_consent_on"]').fill(clock.today().isoformat())
    form.locator('textarea[name="deeds"]').fill("热爱集体，带领中队开展红领巾志愿服务。")
    assert_no_horizontal_scroll(page, "nomination form")
    submit(page, form)
    expect(page.locator('[data-field="status"]')).to_have_attribute("data-value", "submitted")
    nomination = Nomination.objects.get(child__name="刘思雨")

    # when the county, the prefecture and the province approve in turn
    for level in ("county", "prefecture", "province"):
        switch_user(page, sign_in_fast, setting[level])
        page.goto(live_url("commendations:nomination-list", query={"waiting": "1"}))
        page.locator("tr[data-nomination] a", has_text="刘思雨").click()
        form = page.locator('form[data-form="review"]')
        form.locator('input[name="decision"][value="approve"]').check()
        submit(page, form)
        expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator('[data-field="status"]')).to_have_attribute("data-value", "approved")
    expect(page.locator("tr[data-step]")).to_have_count(3)

    # and the province closes review and publishes the 公示 from today
    page.goto(live_url("commendations:round-detail", round_.pk))
    submit(page, page.locator("form:has([data-action=close-review])"))
    submit(page, page.locator('form[data-form="publish"]'))
    notice = PublicNotice.objects.get(round=round_)
    assert notice.published_at is not None

    # then a visitor signed out reads it at 360 px and objects under a real name
    page.context.clear_cookies()
    page.goto(live_url("commendations:public-notice-list"))
    page.locator(f"[data-notice='{notice.pk}'] a").click()
    expect(page.locator("[data-nominee]")).to_contain_text("刘思雨")
    expect(page.locator("[data-office-contact]")).to_contain_text("0871-65141234")
    assert_no_horizontal_scroll(page, "public notice")
    page.locator('[data-action="object"]').click()
    form = page.locator('form[data-form="objection"]')
    form.locator('input[name="objector_kind"][value="person"]').check()
    form.locator('select[name="nomination"]').select_option(str(nomination.pk))
    form.locator('textarea[name="grounds"]').fill("反映该队员事迹中的获奖情况需核实。")
    submit(page, form)  # no name: refused next to the field, the grounds kept
    expect(page.locator('textarea[name="grounds"]')).to_have_value(
        "反映该队员事迹中的获奖情况需核实。"
    )
    form.locator('input[name="objector_name"]').fill("赵建国")
    form.locator('input[name="objector_phone"]').fill("13800001111")
    assert_no_horizontal_scroll(page, "objection form")
    submit(page, form)
    expect(page.locator(".message-success")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("13800001111")

    # when the province dismisses the objection (维持)
    switch_user(page, sign_in_fast, setting["province"])
    page.goto(live_url("commendations:objection-list"))
    expect(page.locator("[data-objector]")).to_contain_text("13800001111")
    page.locator('[data-action="resolve"]').click()
    form = page.locator('form[data-form="resolve"]')
    form.locator('input[name="outcome"][value="dismissed"]').check()
    form.locator('textarea[name="resolution"]').fill("经核实，获奖证书真实，维持推荐。")
    submit(page, form)
    expect(page.locator('[data-outcome="dismissed"]')).to_have_count(1)

    # and, once the five working days are over, closes the notice and publishes the list
    notice.refresh_from_db()
    after = datetime.datetime.combine(
        notice.ends_on + datetime.timedelta(days=1), datetime.time(10)
    )
    with time_machine.travel(after.astimezone(datetime.UTC), tick=True):
        switch_user(page, sign_in_fast, setting["province"])  # a session of the days after
        page.goto(live_url("commendations:round-detail", round_.pk))
        submit(page, page.locator('form[data-form="close"]'))
        form = page.locator('form[data-form="final"]')
        form.locator('input[name="decision_number"]').fill("云少工委〔2026〕9号")
        submit(page, form)
        expect(page.locator('[data-field="status"]')).to_have_attribute("data-value", "final")

    # then the certificate downloads and its number is confirmed on the public page
    nomination.refresh_from_db()
    page.goto(live_url("commendations:nomination-detail", nomination.pk))
    with page.expect_download() as download:
        page.locator('[data-link="certificate"]').click()
    assert download.value.suggested_filename == f"{nomination.serial}.pdf"
    page.context.clear_cookies()
    page.goto(live_url("commendations:public-decision-list"))
    page.locator(f"[data-decision='{round_.pk}'] a").click()
    # (the final list showing, not the page the click left, is what is measured)
    serial_link = page.locator("a", has_text=nomination.serial)
    expect(serial_link).to_be_visible()
    assert_no_horizontal_scroll(page, "final list")
    serial_link.click()
    expect(page.locator(f"[data-verified='{nomination.serial}']")).to_contain_text("刘思雨")
    assert_no_horizontal_scroll(page, "verification page")
