"""Helpers for browser tests (the fixtures are in ``tests/browser/conftest.py``)."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

ARTIFACTS_DIR = Path(settings.BASE_DIR) / "test-artifacts"
PHONE_MAX_WIDTH = 699  # the stylesheet's first breakpoint is 700 px

# Elements sticking out past the viewport's right edge, outermost first.
_OVERFLOW_JS = """(width) => {
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    // Inside a box that scrolls or clips (a .table-wrap) is fine: only that box scrolls. An
    // absolutely positioned element is clipped only from its containing block outwards.
    const position = getComputedStyle(el).position;
    const start = ["absolute", "fixed"].includes(position) ? el.offsetParent : el.parentElement;
    let contained = false;
    for (let p = start; p && p !== document.body; p = p.parentElement) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(p).overflowX)
          && p.getBoundingClientRect().right <= width + 0.5) { contained = true; break; }
    }
    if (contained || culprits.some((c) => c.el.contains(el))) continue;
    const classes = typeof el.className === "string" && el.className.trim()
      ? "." + el.className.trim().split(/\\s+/).join(".") : "";
    culprits.push({el, text: `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : ""}${classes}`
      + ` (right edge at ${Math.round(box.right)} px)`});
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: culprits.slice(0, 5).map((c) => c.text),
  };
}"""


def horizontal_overflow(page: Page) -> dict:
    """How wide the page is against its viewport, and up to five elements that stick out.

    Keys: ``scrollWidth``, ``innerWidth``, ``viewportWidth`` (the width the context was opened
    with) and ``culprits``. A mobile viewport widens ``window.innerWidth`` to fit content
    that overflows, so the page is measured against the context's width as well.
    """
    width = page.viewport_size["width"]
    return {**page.evaluate(_OVERFLOW_JS, width), "viewportWidth": width}


# True once the document in the page has finished loading (stylesheets, deferred scripts)
# and its fonts are ready. Asked of the document itself, so it is the page being measured.
_SETTLED_JS = '() => document.readyState === "complete" && document.fonts.status === "loaded"'

# Stylesheets the document links that did not load: Chromium leaves a failed one an empty
# sheet whose rules cannot be read.
_MISSING_STYLESHEETS_JS = """() => Array.from(document.querySelectorAll('link[rel~="stylesheet"]'))
  .filter((link) => {
    try { return !link.sheet || link.sheet.cssRules === null; } catch (error) { return true; }
  }).map((link) => link.href)"""

# Two animation frames: what scripts drew on load (charts) has been laid out and painted.
_NEXT_FRAMES_JS = """() => new Promise(
  (done) => requestAnimationFrame(() => requestAnimationFrame(done)))"""


def wait_until_settled(page: Page) -> None:
    """Wait until the page shows what a visitor sees: loaded, styled, drawn.

    Right after a click that navigates, the new page's elements are there (a test can fill a
    field) while its stylesheet is still on the way; a layout read then is of the unstyled
    page (a textarea its default 40 columns wide), which no visitor sees, since a stylesheet
    in <head> blocks rendering. Call it once the page meant is showing (an ``expect`` on its
    content), so that it is not the previous page that is measured."""
    page.wait_for_function(_SETTLED_JS)
    missing = page.evaluate(_MISSING_STYLESHEETS_JS)
    assert not missing, f"{page.url}: stylesheets did not load: {missing}"
    page.evaluate(_NEXT_FRAMES_JS)


def assert_no_horizontal_scroll(page: Page, label: str = "") -> None:
    """Fail, naming the elements responsible, when the page scrolls sideways.

    Measured once the page has settled (``wait_until_settled``)."""
    wait_until_settled(page)
    overflow = horizontal_overflow(page)
    limit = min(overflow["innerWidth"], overflow["viewportWidth"])
    assert overflow["scrollWidth"] <= limit, f"{label or page.url} scrolls sideways: {overflow}"


def is_phone(page: Page) -> bool:
    return page.viewport_size is not None and page.viewport_size["width"] <= PHONE_MAX_WIDTH


def safe_filename(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("_")[:150]


def save_screenshot(page: Page, name: str) -> Path:
    """A full-page screenshot at ``test-artifacts/<name>.png``, for people to look at."""
    ARTIFACTS_DIR.mkdir(exist_ok=True)
    path = ARTIFACTS_DIR / f"{safe_filename(name)}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def switch_user(page: Page, sign_in_fast, user) -> None:
    """Sign ``page`` out and ``user`` in (with the ``sign_in_fast`` fixture)."""
    page.context.clear_cookies()
    sign_in_fast(page, user)


def submit(page: Page, form_selector: str) -> None:
    """Click the form's (first) submit button and wait for the page it leads to."""
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").first.click()
