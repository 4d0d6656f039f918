"""The dashboard's charts for every role of the README, on a desktop and on a phone: each
is drawn (an SVG inside an image named by its title) from the portal's own assets, and every
cell of its table is the indicator figure it names. A user scoped to one school has no
county chart: their dashboard shows the school's own facts, each the count in the tables."""

import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.reports.indicators import compute, scope_division_for
from tests.browser.conftest import EXTERNAL_URL
from tests.browser.support import assert_no_horizontal_scroll
from tests.reports.school_facts import expected_facts

# One account per role and level (README): province, prefecture, county, school, read-only.
ACCOUNTS = (
    "admin",
    "league_province",
    "edu_kunming",
    "edu_wuhua",
    "edu_school",
    "counselor",
    "inspector",
    "official",
)
# 2017: every area has figures (the funds, the training plan, the titles and inspections).
YEAR = 2017
# Charts each account's dashboard must have whatever its scope.
EVERYWHERE = {"dashboard-dual-chair", "dashboard-chief-counselors", "dashboard-titles"}


def lookup(figures: dict, path: str):
    value = figures
    for part in path.split("."):
        value = value[part] if part in value else value[int(part)]
    return value


def raw(value) -> str:
    return f"{value:.2f}" if isinstance(value, Decimal) else str(value)


def check_school_dashboard(page, user):
    """No county chart or indicator; the school's facts, each the count in the tables."""
    expect(page.locator("figure[data-chart]")).to_have_count(0)
    expect(page.locator("[data-indicator]")).to_have_count(0)
    facts = page.locator("[data-fact]")
    shown = {
        facts.nth(i).get_attribute("data-fact"): facts.nth(i).get_attribute("data-value")
        for i in range(facts.count())
    }
    expected = expected_facts(user.school, YEAR)
    assert {key: shown.get(key) for key in expected} == expected, user.username
    expect(page.locator("h1")).to_contain_text(user.school.name)
    if page.viewport_size["width"] < 600:
        assert_no_horizontal_scroll(page, user.username)


@pytest.fixture
def demo(live_server, divisions):
    call_command("seed_demo", stdout=io.StringIO())


def test_each_roles_dashboard_draws_its_charts_from_the_indicators(
    desktop_page, phone_page, live_url, demo, sign_in_fast
):
    url = live_url("reports:dashboard", query={"year": YEAR})
    for page in (desktop_page, phone_page):
        requests: list[str] = []
        page.on("request", lambda request, seen=requests: seen.append(request.url))
        for username in ACCOUNTS:
            user = User.objects.get(username=username)
            page.context.clear_cookies()
            sign_in_fast(page, user)
            page.goto(url)
            if user.school_id is not None:
                check_school_dashboard(page, user)
                continue
            figures = compute(scope=scope_division_for(user), year=YEAR)

            charts = page.locator("figure[data-chart]")
            ids = {charts.nth(i).get_attribute("data-chart") for i in range(charts.count())}
            assert ids >= EVERYWHERE, username
            checked = 0
            for chart_id in ids:
                figure = page.locator(f'figure[data-chart="{chart_id}"]')
                title = figure.locator(".chart-title").inner_text()
                image = figure.get_by_role("img", name=title, exact=True)
                expect(image.locator("svg")).to_have_count(1)
                expect(image.locator("svg")).to_be_visible()
                cells = figure.locator("table td")
                for i in range(cells.count()):
                    cell = cells.nth(i)
                    path = cell.get_attribute("data-indicator")
                    assert path, f"{username} {chart_id}: a cell without its indicator"
                    assert cell.get_attribute("data-value") == raw(lookup(figures, path)), (
                        f"{username} {chart_id} {path}"
                    )
                    checked += 1
            assert checked, username
            if page is phone_page:
                assert_no_horizontal_scroll(page, username)
        assert [u for u in requests if EXTERNAL_URL.match(u)] == []
        assert any(u.endswith("/static/vendor/echarts/echarts.min.js") for u in requests)

    # The comparison means something: the province's 2017 funds are not zero.
    admin_figures = compute(scope=scope_division_for(User.objects.get(username="admin")), year=YEAR)
    assert admin_figures["funding"]["allocated_yuan"] != "0.00"
