"""Browser tests: a real headless Chromium, driven by Playwright, against ``live_server``.

Every test under ``tests/browser/`` is marked ``browser`` (``pytest -m browser`` runs only
these, ``-m "not browser"`` skips them). Chromium is the system one: ``CHROMIUM_PATH``, default
``/usr/bin/chromium``; nothing is downloaded. Tests run under pytest-xdist, so each one builds
its own data with the factories (``tests/factories``) and the persona fixtures
(``tests/conftest.py``) and never relies on another test's state. ``live_server`` makes the
test transactional: rows the test creates are committed, so the server thread sees them, and
the database is emptied afterwards.

Fixtures
- ``browser`` (session): the launched Chromium, one per xdist worker.
- ``desktop_page``: a new page in a fresh context, 1280x800.
- ``phone_page``: a new page in a fresh context, 360x740, ``is_mobile``, ``has_touch``.
- ``page``: parametrized over both; a test taking it runs once as ``[desktop]`` and once as
  ``[phone]``. ``request.node.callspec.params["page"]`` says which, and so does
  ``is_phone(page)``.
  Every context has locale zh-CN and time zone Asia/Shanghai, like the portal's users,
  prefers reduced motion (nothing animates while a test measures it), has a 30 s default
  timeout (a province dashboard on a busy 2-core machine can take over 10 s to load; a
  wait that never ends still fails), and no network beyond the live server (other requests
  are aborted: the portal runs on closed networks and must load no external asset).
- ``live_url``: ``live_url("reports:dashboard")`` or ``live_url("/some/path/")``; a URL name
  takes ``*args``/``**kwargs`` like ``reverse`` and an optional ``query`` dict.
- ``sign_in``: ``sign_in(page, user)`` signs ``user`` in through the real login form (password
  ``tests.conftest.PASSWORD``, which the persona fixtures and ``UserFactory`` set) and waits
  until the browser has left the login page; ``next=`` picks the page to land on.
- ``sign_in_fast``: ``sign_in_fast(page, user)`` puts a session cookie straight into the
  page's context, for tests about something other than signing in.

Helpers in ``tests/browser/support.py``: ``assert_no_horizontal_scroll(page)`` (fails naming
the elements that stick out; it measures against the context's width, because a mobile
viewport widens ``window.innerWidth`` to fit an overflowing page, and only once the page has
settled), ``wait_until_settled(page)`` (loaded, styled, fonts ready, drawn: call it before
reading a layout), ``horizontal_overflow(page)``, ``is_phone(page)``,
``save_screenshot(page, name)`` (``test-artifacts/<name>.png``), ``switch_user(page,
sign_in_fast, user)`` (signs the page out, then ``user`` in) and ``submit(page, form_selector)``
(submits the form and waits for the page it leads to).

When a test fails, a full-page screenshot of each page it opened is saved under
``test-artifacts/`` (gitignored; CI uploads the folder), named after the test.
"""

import os
import re
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.db import connections
from django.test import Client
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.support import save_screenshot
from tests.conftest import PASSWORD

HERE = Path(__file__).parent
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI and the development containers run as root
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
VIEWPORTS = {
    "desktop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True},
}
DEFAULT_TIMEOUT_MS = 30_000
# Anything not served by the live server (it listens on localhost).
EXTERNAL_URL = re.compile(r"^(?!https?://(localhost|127\.0\.0\.1)(:\d+)?/)(?!data:|blob:)")


def pytest_collection_modifyitems(items):
    # Mark every test in this folder, so a new browser test file cannot forget it.
    for item in items:
        if item.path.is_relative_to(HERE):
            item.add_marker(pytest.mark.browser)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    # Keep each phase's report on the test item, so page fixtures can tell a failure at teardown.
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    # The sync API runs an event loop in the test thread, and Django refuses ORM calls where a
    # loop runs; the tests and the fixtures they use are synchronous, so this is safe.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"),
            headless=True,
            args=CHROMIUM_ARGS,
        )
        yield chromium
        chromium.close()
        # While the loop runs, Django keeps this thread's connections apart from the ones it
        # opened before (asgiref's Local goes by the loop's context), so every test after the
        # first browser test used a second connection. Close it while the loop still runs:
        # left to the garbage collector, it may still be open when the test database is
        # dropped, and the drop fails ("1 other session using the database").
        connections.close_all()


def _new_context(browser: Browser, kind: str) -> BrowserContext:
    context = browser.new_context(
        locale="zh-CN",
        timezone_id=settings.TIME_ZONE,
        # No animations (charts drawing in, transitions): what is measured has stopped moving.
        reduced_motion="reduce",
        **VIEWPORTS[kind],
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    context.route(EXTERNAL_URL, lambda route: route.abort())
    return context


def _failed(item) -> bool:
    return any(
        getattr(item, f"report_{when}", None) is not None and getattr(item, f"report_{when}").failed
        for when in ("setup", "call")
    )


@pytest.fixture
def _open_page(browser, request, live_server) -> Iterator[Callable[[str], Page]]:
    """Opens pages of a given kind; screenshots them if the test fails, then closes them."""
    opened: list[tuple[str, Page]] = []

    def open_page(kind: str) -> Page:
        page = _new_context(browser, kind).new_page()
        opened.append((kind, page))
        return page

    yield open_page
    for kind, page in opened:
        if _failed(request.node) and page.url != "about:blank":
            name = f"{request.node.module.__name__.rsplit('.', 1)[-1]}-{request.node.name}"
            if f"[{kind}" not in request.node.name:
                name += f"-{kind}"
            try:
                save_screenshot(page, name)
            except Exception as error:  # a crashed page must not hide the test's own failure
                warnings.warn(f"Could not save a screenshot of {name}: {error}", stacklevel=1)
        page.context.close()


@pytest.fixture
def desktop_page(_open_page) -> Page:
    return _open_page("desktop")


@pytest.fixture
def phone_page(_open_page) -> Page:
    return _open_page("phone")


@pytest.fixture(params=list(VIEWPORTS))
def page(request, _open_page) -> Page:
    return _open_page(request.param)


@pytest.fixture
def live_url(live_server) -> Callable[..., str]:
    def url(name_or_path: str, *args, query: dict | None = None, **kwargs) -> str:
        path = (
            name_or_path
            if name_or_path.startswith("/")
            else reverse(name_or_path, args=args or None, kwargs=kwargs or None)
        )
        return live_server.url + path + (f"?{urlencode(query, doseq=True)}" if query else "")

    return url


@pytest.fixture
def sign_in(live_url) -> Callable[..., Page]:
    def _sign_in(page: Page, user, *, password: str = PASSWORD, next: str | None = None) -> Page:
        page.goto(live_url("accounts:login", query={"next": next} if next else None))
        form = page.locator("main form").filter(has=page.locator("input[name=password]"))
        form.locator("input[name=username]").fill(user.username)
        form.locator("input[name=password]").fill(password)
        with page.expect_navigation():
            form.locator("[type=submit]").click()
        login_path = reverse("accounts:login")
        if page.url.split("?")[0].endswith(login_path):
            errors = page.locator(".form-errors, .error-text").all_inner_texts()
            raise AssertionError(f"{user.username} could not sign in: {errors}")
        return page

    return _sign_in


@pytest.fixture
def sign_in_fast(live_server) -> Callable[[Page, object], Page]:
    def _sign_in_fast(page: Page, user) -> Page:
        client = Client()
        client.force_login(user, backend="apps.accounts.backends.PortalBackend")
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )
        return page

    return _sign_in_fast
