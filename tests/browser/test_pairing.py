"""A micro-wish in a real browser at phone width (360 px): the school's counselor posts it
without the child's name; Wuhua's League staff claim it for a university's volunteers and
record its fulfilment; the school's staff confirm the gift arrived."""

from types import SimpleNamespace

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from apps.pairing.choices import WishStatus
from apps.pairing.models import Wish
from tests.browser.support import assert_no_horizontal_scroll, submit, switch_user
from tests.pairing.conftest import (
    make_counselor,
    make_league_wuhua,
    make_school,
    make_school_staff,
    make_university,
)

WISH = "想要一套水彩笔和一本图画本"


@pytest.fixture
def people(divisions):
    """The pairing tests' counselor and staff of their school, Wuhua's League staff, and a
    university those staff created."""
    school = make_school()
    counselor, school_staff = make_counselor(school), make_school_staff(school)
    league_wuhua = make_league_wuhua()
    return SimpleNamespace(
        counselor=counselor,
        school_staff=school_staff,
        league_wuhua=league_wuhua,
        university=make_university(league_wuhua),
    )


def status(page):
    return page.locator("main .page-head [data-status]").first


def test_a_wish_goes_from_posted_to_confirmed_on_a_phone(
    phone_page, live_url, sign_in, sign_in_fast, people
):
    page = phone_page
    counselor, school_staff = people.counselor, people.school_staff
    league_wuhua, university = people.league_wuhua, people.university

    # given the school's counselor signed in on the wish list
    sign_in(page, counselor, next=reverse("pairing:wish-list"))
    assert_no_horizontal_scroll(page, "wish list")

    # when they post a wish, first with a name on the card
    with page.expect_navigation():
        page.locator('[data-action="post-wish"]').click()
    form = 'form[data-form="pairing-form"]'
    page.fill(f'{form} input[name="card_label"]', "张小明")
    page.fill(f'{form} textarea[name="text"]', WISH)
    page.select_option(f'{form} select[name="category"]', "arts")
    page.fill(f'{form} input[name="estimated_value"]', "45")
    assert_no_horizontal_scroll(page, "wish form")
    submit(page, form)
    # then the card is refused next to it and nothing is lost
    expect(page.locator(f"{form} .field-error, {form} .errorlist").first).to_be_visible()
    expect(page.locator(f'{form} textarea[name="text"]')).to_have_value(WISH)
    assert not Wish.objects.exists()
    page.fill(f'{form} input[name="card_label"]', "某校三年级队员")
    submit(page, form)
    expect(status(page)).to_have_attribute("data-status", "open")
    expect(page.locator("[data-wish-text]")).to_contain_text(WISH)
    wish = Wish.objects.get()

    # when Wuhua's League staff claim it for the university
    switch_user(page, sign_in_fast, league_wuhua)
    page.goto(live_url("pairing:wish-detail", wish.pk))
    with page.expect_navigation():
        page.locator('[data-action="claim"]').click()
    page.select_option('form[data-form="step"] select[name="institution"]', str(university.pk))
    assert_no_horizontal_scroll(page, "claim form")
    submit(page, 'form[data-form="step"]')
    expect(status(page)).to_have_attribute("data-status", "claimed")
    expect(page.locator("[data-institution]")).to_contain_text("云南大学")

    # and record its fulfilment
    with page.expect_navigation():
        page.locator('[data-action="fulfil"]').click()
    page.fill('form[data-form="step"] input[name="note"]', "志愿者已将礼物送到学校")
    assert_no_horizontal_scroll(page, "fulfilment form")
    submit(page, 'form[data-form="step"]')
    expect(status(page)).to_have_attribute("data-status", "fulfilled")

    # then the school's staff confirm the gift arrived
    switch_user(page, sign_in_fast, school_staff)
    page.goto(live_url("pairing:wish-list", query={"waiting": "confirm"}))
    expect(page.locator(f'tr[data-wish="{wish.pk}"]')).to_be_visible()
    page.goto(live_url("pairing:wish-detail", wish.pk))
    with page.expect_navigation():
        page.locator('[data-action="confirm"]').click()
    expect(status(page)).to_have_attribute("data-status", "confirmed")
    assert_no_horizontal_scroll(page, "confirmed wish")

    wish.refresh_from_db()
    assert wish.status == WishStatus.CONFIRMED
    assert wish.institution == university
    assert wish.card_label == "某校三年级队员"
    assert [h.history_user for h in wish.history.order_by("history_id")] == [
        counselor,
        league_wuhua,
        league_wuhua,
        school_staff,
    ]
