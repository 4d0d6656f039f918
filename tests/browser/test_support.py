"""The browser tests' own measuring (``tests/browser/support.py``) and the stylesheet's promise
it relies on: a page is measured as a visitor sees it, styled, never half-loaded; and a form
control of any default width stays inside a phone's screen."""

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.support import (
    assert_no_horizontal_scroll,
    horizontal_overflow,
    wait_until_settled,
)

STYLESHEET = "**/static/css/portal.css"
# Controls as wide as a browser makes them by default or as their attributes ask, put
# straight into the login card, outside the .field blocks the form partial renders.
WIDE_CONTROLS_JS = """() => {
  const card = document.querySelector("main form");
  const textarea = document.createElement("textarea");
  textarea.cols = 80;
  textarea.id = "wide-textarea";
  const input = document.createElement("input");
  input.size = 80;
  input.id = "wide-input";
  const select = document.createElement("select");
  select.id = "wide-select";
  select.add(new Option("云南省昆明市五华区红旗小学少先队大队辅导员工作室".repeat(3)));
  card.append(textarea, input, select);
}"""


def test_measuring_waits_until_the_stylesheet_has_arrived(phone_page, live_url):
    page = phone_page
    held = []
    page.route(STYLESHEET, lambda route: held.append(route))  # on its way, and staying there

    # given a page whose elements are there while its stylesheet has not arrived
    page.goto(live_url("accounts:login"), wait_until="commit")
    page.locator("input[name=password]").fill("x")  # a test can already fill a field
    assert page.evaluate("document.readyState") != "complete"

    # then nothing is measured: the check waits, and gives up only at its timeout
    page.set_default_timeout(1_000)
    with pytest.raises(PlaywrightError, match="Timeout"):
        assert_no_horizontal_scroll(page, "login page without its stylesheet")
    assert len(held) == 1

    # when the stylesheet arrives, the page is measured styled
    held[0].continue_()
    page.set_default_timeout(10_000)
    assert_no_horizontal_scroll(page, "login page")
    card = page.locator("main .card")
    assert card.evaluate("card => getComputedStyle(card).borderTopStyle") == "solid"


def test_a_stylesheet_that_did_not_load_fails_the_check_by_name(phone_page, live_url):
    page = phone_page
    page.route(STYLESHEET, lambda route: route.abort())
    page.goto(live_url("accounts:login"))

    with pytest.raises(AssertionError, match=r"stylesheets did not load: .*portal\.css"):
        wait_until_settled(page)


def test_a_control_of_any_default_width_stays_inside_a_phone(phone_page, live_url):
    page = phone_page
    page.goto(live_url("accounts:login"))
    wait_until_settled(page)

    # when a textarea of 80 columns, an input of size 80 and a select with a long option
    # sit in the card outside any .field
    page.evaluate(WIDE_CONTROLS_JS)
    for control in ("#wide-textarea", "#wide-input", "#wide-select"):
        expect(page.locator(control)).to_be_visible()

    # then none sticks out of the card, and the page does not scroll sideways
    card = page.locator("main .card").bounding_box()
    for control in ("#wide-textarea", "#wide-input", "#wide-select"):
        box = page.locator(control).bounding_box()
        assert box["x"] + box["width"] <= card["x"] + card["width"], (control, box, card)
    assert horizontal_overflow(page)["culprits"] == []
    assert_no_horizontal_scroll(page, "login page with wide controls")
