"""The public home's charts in a real browser: each is drawn as an SVG named by its title,
from the portal's own assets under a strict content security policy, its table holds the
indicators' figures, and without JavaScript or on paper the table is there."""

import io
import random

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from apps.organizations import demo as organizations_demo
from apps.organizations.choices import SchoolType
from apps.reports.indicators import compute, province_division
from tests.browser.conftest import EXTERNAL_URL, VIEWPORTS
from tests.browser.support import assert_no_horizontal_scroll, is_phone

# The policy the portal is written for: scripts and styles only from its own origin.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; form-action 'self'"
)
CHARTS = ("dual-chair", "chief-counselor-hosts", "school-types")


@pytest.fixture
def province(divisions):
    """The demo organization tree: committees, chief counselor posts and schools."""
    organizations_demo.seed(rng=random.Random(2018), stdout=io.StringIO())


def expected_tables() -> dict[str, dict[str, list[str]]]:
    """Each chart's rows as the indicators give them: {category key: [values]}."""
    figures = compute(scope=province_division(), year=timezone.localdate().year)
    dual = figures["dual_chair"]["by_prefecture"]
    chief = figures["chief_counselor"]["by_prefecture"]
    return {
        "dual-chair": {c: [str(r["compliant"]), str(r["total"])] for c, r in dual.items()},
        "chief-counselor-hosts": {
            c: [str(r["in_education_bureau"]), str(r["in_league_committee"])]
            for c, r in chief.items()
        },
        "school-types": {t: [str(figures["schools"][t])] for t in SchoolType.values},
    }


def shown_table(figure) -> dict[str, list[str]]:
    """A chart's table as the page holds it, checking each cell's text says its value."""
    rows = {}
    for row in figure.locator("table tbody tr").all():
        cells = row.locator("td")
        values = [cells.nth(i).get_attribute("data-value") for i in range(cells.count())]
        texts = [t.replace(",", "") for t in cells.all_text_contents()]
        assert texts == values, f"{row.get_attribute('data-category')}: {texts} != {values}"
        rows[row.get_attribute("data-category")] = values
    return rows


def serve_with_csp(page, url: str) -> list[str]:
    """Serve ``url`` with the portal's policy; returns the list the violations go to."""

    def with_policy(route):
        response = route.fetch()
        route.fulfill(
            response=response, headers={**response.headers, "content-security-policy": CSP}
        )

    violations: list[str] = []
    page.route(url, with_policy)
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return violations


def test_each_chart_is_drawn_from_local_assets_and_its_table_is_the_indicators(
    page, live_url, live_server, province
):
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    home = live_url("core:home")
    violations = serve_with_csp(page, home)

    # when a visitor opens the public home
    page.goto(home)

    # then each chart is an SVG inside an image named by the chart's title
    figures = page.locator("figure[data-chart]")
    expect(figures).to_have_count(len(CHARTS))
    expected = expected_tables()
    for chart_id in CHARTS:
        figure = page.locator(f'figure[data-chart="{chart_id}"]')
        title = figure.locator(".chart-title").inner_text()
        image = page.get_by_role("img", name=title, exact=True)
        expect(image).to_have_count(1)
        expect(image.locator("svg")).to_have_count(1)
        expect(image.locator("svg")).to_be_visible()
        # with its one-sentence summary as description, and the table folded but in the page
        summary = figure.locator(".chart-summary").inner_text()
        assert summary.strip()
        expect(image).to_have_accessible_description(summary)
        expect(figure.locator("details")).not_to_have_attribute("open", "")
        # and its table is the indicators, category by category
        assert shown_table(figure) == expected[chart_id], chart_id
    # The comparison means something: the demo tree has figures other than zero.
    assert expected["dual-chair"]["530100"] != ["0", "0"]

    # and everything came from the portal itself, ECharts included, within the policy
    assert [url for url in requests if EXTERNAL_URL.match(url)] == []
    assert any(url.endswith("/static/vendor/echarts/echarts.min.js") for url in requests)
    assert violations == []
    if is_phone(page):
        assert_no_horizontal_scroll(page)
        for svg in page.locator("figure[data-chart] svg").all():
            assert svg.bounding_box()["width"] <= page.viewport_size["width"]


def test_a_tooltip_shows_the_tables_text(desktop_page, live_url, province):
    page = desktop_page
    violations = serve_with_csp(page, live_url("core:home"))
    page.goto(live_url("core:home"))
    figure = page.locator('figure[data-chart="dual-chair"]')
    first_row = figure.locator("table tbody tr").first
    name = first_row.locator("th").text_content()
    compliant = first_row.locator("td").first.text_content()

    # when the pointer rests on the first prefecture's bars
    svg = figure.locator("svg")
    expect(svg).to_be_visible()
    # (in view first: a pointer only rests on what the window shows)
    svg.scroll_into_view_if_needed()
    box = svg.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 40)

    # then the tooltip names the prefecture and says the table's figure
    tooltip = figure.locator(".chart-tooltip")
    expect(tooltip).to_be_visible()
    expect(tooltip.locator(".chart-tooltip-title")).to_have_text(name)
    expect(tooltip.locator(".chart-tooltip-value").first).to_have_text(compliant)
    assert violations == []


def test_the_charts_follow_the_width_and_print_with_their_tables(desktop_page, live_url, province):
    page = desktop_page
    page.goto(live_url("core:home"))
    svg = page.locator('figure[data-chart="dual-chair"] svg')
    expect(svg).to_be_visible()
    wide = svg.bounding_box()["width"]

    # when the window narrows to a phone's width
    page.set_viewport_size({"width": 360, "height": 740})

    # then the drawing narrows with it
    page.wait_for_function(
        "() => document.querySelector('figure[data-chart=\"dual-chair\"] svg')"
        ".getBoundingClientRect().width <= 360"
    )
    assert svg.bounding_box()["width"] < wide
    assert_no_horizontal_scroll(page)

    # and on paper every table shows beside its chart, though folded on screen
    tables = page.locator("figure[data-chart] table")
    expect(tables.first).not_to_be_visible()
    page.emulate_media(media="print")
    for i in range(len(CHARTS)):
        expect(tables.nth(i)).to_be_visible()
        expect(page.locator("figure[data-chart] svg").nth(i)).to_be_visible()


def test_without_javascript_the_summary_and_table_are_the_chart(browser, live_url, province):
    context = browser.new_context(java_script_enabled=False, **VIEWPORTS["phone"])
    context.route(EXTERNAL_URL, lambda route: route.abort())
    try:
        page = context.new_page()
        page.goto(live_url("core:home"))

        for chart_id in CHARTS:
            figure = page.locator(f'figure[data-chart="{chart_id}"]')
            expect(figure.locator(".chart-summary")).to_be_visible()
            expect(figure.locator("table")).to_be_visible()
            # no empty box where the drawing would be
            expect(figure.locator("[data-chart-canvas]")).to_be_hidden()
            expect(figure.locator("svg")).to_have_count(0)
    finally:
        context.close()
