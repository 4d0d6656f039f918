"""The public home in a real browser, signed out, at a phone's and a desktop's width: the
portal's name, its own meta description, each area's section in its order without sideways
scrolling, and the search box leading to the published notices it finds."""

import io
import random

import pytest
from playwright.sync_api import expect

from apps.core import registry
from apps.organizations import demo as organizations_demo
from tests.browser.support import assert_no_horizontal_scroll, is_phone
from tests.core.test_home import HOME_DESCRIPTION, make_notices, zh


@pytest.fixture
def public_data(divisions):
    """The demo organization tree (the province's figures and charts) and two notices."""
    organizations_demo.seed(rng=random.Random(2018), stdout=io.StringIO())
    return make_notices()


def test_a_signed_out_visitor_reads_the_home_and_searches_the_notices(page, live_url, public_data):
    page.goto(live_url("core:home"))

    # the portal's name heads the page, which describes itself to search engines
    expect(page.get_by_role("heading", level=1)).to_have_text(
        zh("Yunnan Young Pioneer Work Portal")
    )
    expect(page.locator('meta[name="description"]')).to_have_attribute(
        "content", zh(HOME_DESCRIPTION)
    )
    # each area's section comes in its order, one under the other on a phone, two abreast
    # on a desktop, and nothing scrolls sideways
    boxes = page.locator(".home-section")
    orders = [int(order) for order in boxes.evaluate_all("els => els.map(e => e.dataset.order)")]
    assert orders == [section.order for section in registry.public_sections()]
    shown = [box for box in boxes.all() if box.is_visible()]
    assert len(shown) >= 5
    tops = [box.bounding_box()["y"] for box in shown]
    assert tops == sorted(tops)
    first, second = (box.bounding_box() for box in shown[:2])
    if is_phone(page):
        assert first["y"] + first["height"] <= second["y"]
        assert_no_horizontal_scroll(page, "the public home")
    else:
        assert first["y"] == second["y"] and first["x"] < second["x"]

    # when the visitor searches from the home
    box = page.get_by_role("searchbox", name=zh("Search notices and policy documents"))
    box.fill("鼓号队展演")
    with page.expect_navigation():
        box.press("Enter")

    # then the results list the published notice only, and lead to it
    results = page.locator("li[data-result]")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text(public_data["published"].title)
    results.first.get_by_role("link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(public_data["published"].title)
    if is_phone(page):
        assert_no_horizontal_scroll(page, "the notice found")
