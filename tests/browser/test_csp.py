"""The content security policy holds on the main pages of every role.

The demo is seeded once; each README account signs in through the real form and opens its
dashboard, every page of its navigation and the first record listed on each of them (one
page per URL pattern across the walk, the dashboard for every account), and the admin
site for the administrator; a visitor opens the public pages. Any violation reported by the
browser (a ``securitypolicyviolation`` event or a console message) fails the test, and so
does a response without the portal's policy.
"""

from __future__ import annotations

import io
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management import call_command
from django.urls import Resolver404, resolve
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

from tests.test_signed_in_links import ACCOUNTS

# What every HTML response's Content-Security-Policy must say, directive by directive.
REQUIRED = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.effectiveDirective} blocked ${event.blockedURI || "inline"}`
    + ` (${event.sourceFile || "page"}:${event.lineNumber})`
  );
});
"""
# Pages that end the session or answer with a file rather than a page.
SKIP_VIEWS = {"accounts:logout", "admin:logout"}
PUBLIC_PAGES = ("/", "/documents/", "/documents/notices/", "/inspections/circulars/")
DETAIL_LINK = "main table a[href], main .record-list a[href], main li a[href]"


def _policy(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        name, _, value = part.strip().partition(" ")
        directives[name] = value
    return directives


class Walk:
    """Opens pages in one browser page, noting every violation and policy-less response."""

    def __init__(self, live_server_url: str, seen: set[str]):
        self.base = live_server_url
        self.seen = seen
        self.problems: list[str] = []
        self.opened = 0

    def watch(self, page: Page, who: str) -> None:
        page.context.add_init_script(WATCH_VIOLATIONS)
        page.on(
            "console",
            lambda message: (
                self.problems.append(f"{who} {page.url}: console: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )

    def key(self, url: str) -> str | None:
        parts = urlsplit(url)
        if parts.netloc and not url.startswith(self.base):
            return None
        try:
            match = resolve(parts.path)
        except Resolver404:
            return None
        return match.view_name

    def open(self, page: Page, who: str, url: str, *, always: bool = False) -> bool:
        key = self.key(url)
        if key is None or key in SKIP_VIEWS or (key in self.seen and not always):
            return False
        self.seen.add(key)
        try:
            response = page.goto(url if url.startswith("http") else self.base + url)
        except PlaywrightError as error:
            if "Download is starting" in str(error):
                return False
            raise
        page.wait_for_load_state("networkidle")
        self.opened += 1
        self.check(page, who, response)
        return True

    def check(self, page: Page, who: str, response) -> None:
        where = f"{who} {page.url}"
        if response is not None and "text/html" in (response.headers.get("content-type") or ""):
            policy = _policy(response.headers.get("content-security-policy", ""))
            wrong = {k: policy.get(k) for k, v in REQUIRED.items() if policy.get(k) != v}
            if wrong:
                self.problems.append(f"{where}: policy differs: {wrong}")
        for violation in page.evaluate("window.__cspViolations || []"):
            self.problems.append(f"{where}: {violation}")

    def links(self, page: Page, selector: str) -> list[str]:
        return [
            href
            for href in page.locator(selector).evaluate_all("(els) => els.map((a) => a.href)")
            if href.startswith(self.base) and "format=" not in href
        ]

    def first_new(self, page: Page, selector: str) -> str | None:
        for href in self.links(page, selector):
            key = self.key(href)
            if key is not None and key not in self.seen and key not in SKIP_VIEWS:
                return href
        return None


def _sign_in(walk: Walk, page: Page, username: str) -> None:
    page.goto(walk.base + "/accounts/login/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(settings.DEMO_PASSWORD)
    with page.expect_navigation():
        form.locator("[type=submit]").click()
    assert "/accounts/login/" not in page.url, f"{username} could not sign in"
    page.wait_for_load_state("networkidle")
    walk.check(page, username, None)


def _walk_account(walk: Walk, page: Page, username: str) -> None:
    _sign_in(walk, page, username)
    walk.open(page, username, "/dashboard/", always=True)
    for nav_url in walk.links(page, "#site-nav a[href]"):
        if not walk.open(page, username, nav_url):
            continue
        detail = walk.first_new(page, DETAIL_LINK)
        if detail:
            walk.open(page, username, detail)
    if username == "admin":
        for url in ("/admin/", "/admin/accounts/user/", "/admin/organizations/school/"):
            walk.open(page, username, url, always=True)
        change = walk.first_new(page, "#result_list a[href]")
        if change:
            walk.open(page, username, change)


def test_no_page_of_any_role_breaks_the_content_security_policy(live_server, _open_page, divisions):
    call_command("seed_demo", stdout=io.StringIO())
    walk = Walk(live_server.url, seen=set())

    visitor = _open_page("desktop")
    walk.watch(visitor, "visitor")
    for url in PUBLIC_PAGES:
        walk.open(visitor, "visitor", url, always=True)
        detail = walk.first_new(visitor, DETAIL_LINK)
        if detail:
            walk.open(visitor, "visitor", detail)

    for username in ACCOUNTS:
        page = _open_page("desktop")
        walk.watch(page, username)
        _walk_account(walk, page, username)
        page.context.close()

    assert not walk.problems, "\n".join(dict.fromkeys(walk.problems))
    # The walk went through the portal: many distinct pages, not a login page each time.
    assert walk.opened > 40
