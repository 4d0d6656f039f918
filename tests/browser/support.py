"""Helpers for browser tests (the fixtures are in ``tests/browser/conftest.py``)."""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page

ARTIFACTS_DIR = Path(settings.BASE_DIR) / "test-artifacts"
PHONE_MAX_WIDTH = 699  # the stylesheet's first breakpoint is 700 px

# Elements wider than the viewport, outermost first: what makes a page scroll sideways.
_OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll("*")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    // Inside a scrolling box (a .table-wrap) is fine: only that box scrolls.
    let clipped = false;
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const style = getComputedStyle(p);
      if (["auto", "scroll", "hidden", "clip"].includes(style.overflowX)
          && p.getBoundingClientRect().right <= width + 0.5) { clipped = true; break; }
    }
    if (clipped) continue;
    if (culprits.some((c) => c.el.contains(el))) continue;
    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
      + (el.className && typeof el.className === "string"
         ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    culprits.push({el, text: name + " right=" + Math.round(box.right)});
  }
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: culprits.slice(0, 5).map((c) => c.text),
  };
}"""


def horizontal_overflow(page: Page) -> dict:
    """``scrollWidth``, ``innerWidth`` and up to five elements sticking out to the right.

    A page scrolls sideways when ``scrollWidth > innerWidth``; ``culprits`` names the outermost
    elements responsible, for the assertion message.
    """
    return page.evaluate(_OVERFLOW_JS)


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
