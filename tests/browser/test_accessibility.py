"""Accessibility of every area's main pages, on the whole demo, at 1280 px and at 360 px.

- axe-core (vendored in ``tests/browser/vendor/axe-core``, MPL-2.0, since the tests run
  offline) audits the dashboard and every list page each README account may open (each
  area's entry in the navigation and its lists, 我的档案 for the counselor), and the public
  home and public lists for an anonymous visitor. Any finding of impact serious or critical
  fails, naming the rule, the page, the account and the elements. The dashboard is audited
  for each role and level of scope; any other page once, with the first account that may
  open it (the administrator, who sees every control, for most). Each public page has a
  meta description of its own.
- On a phone, the main lists are laid out as cards: nothing scrolls sideways, every cell
  (the status and review columns too) lies wholly inside the screen under its column's name,
  and no date is broken over two lines (WCAG 1.4.10, reflow).

The demo is seeded once per module, committed so that the module's own live server sees it,
and the database is emptied afterwards; the pages are only read.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import URLResolver, get_resolver, reverse
from playwright.sync_api import Browser, Page
from pytest_django.live_server_helper import LiveServer

from apps.accounts.models import User
from apps.core.access import url_allowed
from apps.core.registry import nav_items, url_rules
from tests.browser.conftest import _new_context
from tests.browser.support import assert_no_horizontal_scroll, save_screenshot
from tests.test_signed_in_links import ACCOUNTS

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text()
FAILING_IMPACTS = ("serious", "critical")
ANONYMOUS = "anonymous"
# Argument-free pages that list things; with each area's navigation entries, what is audited.
LIST = re.compile(r"-(list|queue|handled|overview|browser|hours)$")
# Pages whose content depends on the role and level of scope (each role and level sees its own
# panels and to-do list); any other page is audited once, with the first account of the README
# that may open it (the administrator first, who sees every control).
PER_ROLE_AND_LEVEL = ("reports:dashboard",)

RUN_AXE = """async () => {
  const result = await axe.run(document, {resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact,
    targets: v.nodes.map((n) => n.target.join(" ")),
  }));
}"""

# The main lists on a phone, each opened by an account of the README that sees rows in it.
PHONE_LISTS = {
    "titles:application-list": "counselor",
    "titles:review-queue": "edu_school",
    "titles:review-handled": "edu_wuhua",
    "titles:application-overview": "official",
    "organizations:school-list": "edu_wuhua",
    "counselors:counselor-list": "edu_wuhua",
    "training:plan-list": "edu_province",
    "training:course-list": "edu_province",
    "inspections:campaign-list": "league_province",
    "inspections:inspection-list": "inspector",
    "inspections:order-list": "league_province",
    "inspections:circular-list": "league_province",
    "inspections:scheme-list": "league_province",
    "funding:program-list": "edu_province",
    "funding:allocation-list": "edu_province",
    "documents:document-list": "doc_office",
    "documents:notice-list": "doc_office",
    "meetings:meeting-list": "admin",
    "meetings:decision-list": "admin",
    "pairing:wish-list": "pair_league_wuhua",
    "pairing:pairing-list": "pair_league_wuhua",
    "pairing:institution-list": "pair_league_wuhua",
    "pairing:service-hours": "pair_league_wuhua",
    "commendations:nomination-list": "award_prov",
    "commendations:objection-list": "award_prov",
    "transition:pilot-list": "league_province",
    "funding:public-program-list": ANONYMOUS,
}
# Lists that are not tables of records: the division browser is a tree, the public notice,
# document, circular and commendation lists are lists of links; a user's exports start empty.
NOT_CARD_LISTS = {
    # The inbox and the to-do page are short lists of links, not tables of records.
    "inbox:todo-list",
    "inbox:notification-list",
    "organizations:division-browser",
    "inspections:public-circular-list",
    "documents:public-document-list",
    "documents:public-notice-list",
    "commendations:public-notice-list",
    "commendations:public-decision-list",
    "exports:job-list",
}

# Every data table's body cells that stick out of the screen or out of a box that clips them,
# cells without their column's name, and dates broken over two lines.
CELLS_JS = r"""(width) => {
  const problems = [];
  const tables = document.querySelectorAll("main table.data-table");
  let rows = 0;
  tables.forEach((table, t) => {
    // A column's visible name (an actions column's is for screen readers only).
    const heads = [...table.querySelectorAll("thead th")].map((th) => {
      const copy = th.cloneNode(true);
      copy.querySelectorAll(".visually-hidden").forEach((hidden) => hidden.remove());
      return copy.textContent.replace(/\s+/g, " ").trim();
    });
    table.querySelectorAll("tbody tr").forEach((tr, r) => {
      const cells = [...tr.children];
      if (cells.length !== heads.length) return;  // the "nothing found" row
      rows += 1;
      cells.forEach((cell, c) => {
        const where = `table ${t + 1} row ${r + 1} column "${heads[c]}"`;
        const box = cell.getBoundingClientRect();
        let right = width, left = 0;
        for (let p = cell.parentElement; p; p = p.parentElement) {
          if (getComputedStyle(p).overflowX !== "visible") {
            const clip = p.getBoundingClientRect();
            right = Math.min(right, clip.right); left = Math.max(left, clip.left);
          }
        }
        if (box.left < left - 0.5 || box.right > right + 0.5) {
          problems.push(`${where}: ${Math.round(box.left)}–${Math.round(box.right)} px`
            + ` outside ${Math.round(left)}–${Math.round(right)} px`);
        }
        if (cell.tagName === "TD" && heads[c] && cell.dataset.label !== heads[c]) {
          problems.push(`${where}: data-label ${JSON.stringify(cell.dataset.label)}`);
        }
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const m of node.data.matchAll(/\d{4}-\d{2}-\d{2}( \d{2}:\d{2})?/g)) {
            const range = document.createRange();
            range.setStart(node, m.index);
            range.setEnd(node, m.index + m[0].length);
            const tops = new Set([...range.getClientRects()].map((b) => Math.round(b.top)));
            if (tops.size > 1) problems.push(`${where}: "${m[0]}" is broken over two lines`);
          }
        }
      });
    });
  });
  return {tables: tables.length, rows, problems: problems.slice(0, 20)};
}"""


def _pages() -> list[str]:
    """URL names of the pages to audit: each area's navigation entries and every
    argument-free list of the portal (the public ones too), and the public home."""
    names = {item.url_name for item in nav_items()} | {"core:home", "documents:public-search"}

    def walk(resolver: URLResolver, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
                walk(pattern, inner)
            elif pattern.name and not pattern.pattern.regex.groups and LIST.search(pattern.name):
                names.add(f"{namespace}{pattern.name}")

    walk(get_resolver(), "")
    rules = url_rules()
    return sorted(name for name in names if name in rules)


@dataclass
class Visitor:
    cookie: str | None = None
    audited: list[str] = field(default_factory=list)  # URL names


def _visitors() -> dict[str, Visitor]:
    """Each README account's session and the pages audited with it."""
    rules = url_rules()
    pages = _pages()
    visitors = {ANONYMOUS: Visitor(audited=[name for name in pages if rules[name].public])}
    seen: set[tuple] = set()
    for username in ACCOUNTS:
        user = User.objects.select_related("division").get(username=username)
        level = "school" if user.school_id else user.division.level if user.division_id else ""
        client = Client()
        client.force_login(user, backend="apps.accounts.backends.PortalBackend")
        visitor = visitors[username] = Visitor(client.cookies[settings.SESSION_COOKIE_NAME].value)
        for name in pages:
            if rules[name].public or not url_allowed(user, name):
                continue
            key = (name, user.role, level) if name in PER_ROLE_AND_LEVEL else name
            if key not in seen:
                seen.add(key)
                visitor.audited.append(name)
    return visitors


@dataclass
class Site:
    url: str
    visitors: dict[str, Visitor]

    def open(self, browser: Browser, kind: str, visitor: str) -> Page:
        context = _new_context(browser, kind)
        cookie = self.visitors[visitor].cookie
        if cookie:
            context.add_cookies(
                [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": self.url}]
            )
        return context.new_page()

    def goto(self, page: Page, name: str) -> None:
        response = page.goto(self.url + reverse(name))
        assert response is not None and response.ok, f"{name}: {response and response.status}"


@pytest.fixture(scope="module")
def site(django_db_setup, django_db_blocker) -> Iterator[Site]:
    # The live server's thread reads the database while the module's tests run.
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)
        try:
            call_command("load_divisions", province="53", stdout=io.StringIO())
            call_command("seed_demo", stdout=io.StringIO())
            server = LiveServer("localhost")
            server._live_server_modified_settings.enable()
            try:
                yield Site(server.url, _visitors())
            finally:
                server._live_server_modified_settings.disable()
                server.stop()
        finally:
            call_command("flush", interactive=False, verbosity=0)


def axe_findings(page: Page) -> list[dict]:
    # Evaluated, not added as a <script>: the portal's Content-Security-Policy refuses
    # inline scripts.
    page.evaluate(AXE_SOURCE)
    return [v for v in page.evaluate(RUN_AXE) if v["impact"] in FAILING_IMPACTS]


@pytest.mark.parametrize("kind", ["desktop", "phone"])
def test_no_serious_or_critical_axe_finding_on_any_main_page(site, db, browser, kind):
    findings: list[str] = []
    audited = 0
    descriptions: dict[str, str] = {}
    for visitor, pages in site.visitors.items():
        page = site.open(browser, kind, visitor)
        try:
            for name in pages.audited:
                site.goto(page, name)
                if visitor == ANONYMOUS:
                    meta = page.locator('head meta[name="description"]')
                    descriptions[name] = meta.get_attribute("content").strip()
                found = axe_findings(page)
                audited += 1
                findings += [
                    f"{v['id']} ({v['impact']}) on {name} as {visitor}: "
                    + "; ".join(v["targets"][:5])
                    for v in found
                ]
                if found:
                    save_screenshot(page, f"test_accessibility-{kind}-{visitor}-{name}")
        finally:
            page.context.close()

    assert not findings, "\n".join(findings)
    # Each public page says what it is about in its own words to search engines.
    assert all(descriptions.values()) and len(set(descriptions.values())) == len(descriptions), (
        descriptions
    )
    # The walk reached the public pages, the administrator's lists and the counselor's own.
    assert audited > 40
    assert all(site.visitors[name].audited for name in (ANONYMOUS, "admin", "counselor"))


def test_every_list_page_is_checked_on_a_phone():
    lists = {name for name in _pages() if LIST.search(name)}
    assert lists == set(PHONE_LISTS) | NOT_CARD_LISTS


@pytest.mark.parametrize("name", list(PHONE_LISTS))
def test_a_list_reads_as_cards_on_a_phone(site, db, browser, name):
    visitor = PHONE_LISTS[name]
    page = site.open(browser, "phone", visitor)
    try:
        site.goto(page, name)
        assert_no_horizontal_scroll(page, f"{name} as {visitor}")
        cells = page.evaluate(CELLS_JS, page.viewport_size["width"])
        if cells["problems"]:
            save_screenshot(page, f"test_accessibility-phone-list-{name}")
    finally:
        page.context.close()

    assert cells["tables"] and cells["rows"], f"{name} as {visitor} shows no rows"
    assert not cells["problems"], f"{name} as {visitor}:\n" + "\n".join(cells["problems"])
