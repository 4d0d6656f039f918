"""Charts (apps/core/charts.py and the ``charts`` tags): the description keeps the
indicators' figures exactly, and the rendered figure is accessible and CSP-safe: a heading
naming it, a one-sentence summary, an image container named by the title, the same figures
as a table, and the data as a JSON data element, with no inline script or style."""

import io
import json
import random
import re
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.template import Context, Template, TemplateSyntaxError
from django.test.html import Element, parse_html
from django.urls import reverse
from django.utils import translation

from apps.core.charts import Chart, Series, from_breakdown, from_figures, scope_breakdown
from apps.organizations import demo as organizations_demo
from apps.reports.indicators import compute, province_division

BREAKDOWN = {
    # Out of order on purpose: a chart lists divisions in code order.
    "530300": {"name": "曲靖市", "compliant": 7, "total": 10},
    "530100": {"name": "昆明市", "compliant": 15, "total": 15},
    "530400": {"name": "玉溪市", "compliant": 0, "total": 10},
}


@pytest.fixture(autouse=True)
def chinese():
    # The portal's language, whatever an earlier test on this worker left active.
    with translation.override("zh-hans"):
        yield


def dual_chair_chart(**options) -> Chart:
    return from_breakdown(
        id="dual-chair",
        title="双主任制落实情况",
        breakdown=BREAKDOWN,
        series=[("compliant", "落实双主任制"), ("total", "应建少工委")],
        **options,
    )


# A small tree walker over django.test.html's parsed elements.


def walk(node):
    yield node
    for child in getattr(node, "children", []):
        if isinstance(child, Element):
            yield from walk(child)


def attrs(node) -> dict:
    return dict(node.attributes)


def find_all(node, name=None, **wanted) -> list[Element]:
    return [
        el
        for el in walk(node)
        if isinstance(el, Element)
        and (name is None or el.name == name)
        and all(attrs(el).get(key.replace("_", "-")) == value for key, value in wanted.items())
    ]


def find(node, name=None, **wanted) -> Element:
    (found,) = find_all(node, name, **wanted)
    return found


def text(node) -> str:
    if isinstance(node, str):
        return node
    return "".join(text(child) for child in node.children)


def render(source: str, **context) -> str:
    return Template("{% load charts %}" + source).render(Context(context))


def table_rows(figure) -> dict[str, tuple[str, list[str], list[str]]]:
    """{category key: (row header, data-values, cell texts)}."""
    rows = {}
    for row in find_all(find(figure, "tbody"), "tr"):
        cells = find_all(row, "td")
        rows[attrs(row)["data-category"]] = (
            text(find(row, "th")),
            [attrs(cell)["data-value"] for cell in cells],
            [text(cell) for cell in cells],
        )
    return rows


# The description.


def test_a_breakdown_chart_has_the_divisions_in_code_order_and_exactly_their_figures():
    chart = dual_chair_chart()

    assert chart.categories == ("昆明市", "曲靖市", "玉溪市")
    assert chart.category_keys == ("530100", "530300", "530400")
    assert [(s.key, s.name, s.values) for s in chart.series] == [
        ("compliant", "落实双主任制", (15, 7, 0)),
        ("total", "应建少工委", (15, 10, 10)),
    ]
    assert chart.kind == "bar"


def test_without_a_summary_one_sentence_is_written_from_the_figures():
    chart = dual_chair_chart()

    # It names the series, the number of divisions and the one with the most.
    assert "落实双主任制" in chart.summary
    assert "3" in chart.summary
    assert "昆明市" in chart.summary and "15" in chart.summary
    assert chart.summary.count("。") <= 1

    zero = from_breakdown(
        id="zero",
        title="x",
        breakdown={"530100": {"name": "昆明市", "n": 0}},
        series=[("n", "数量")],
    )
    assert "昆明市" not in zero.summary
    assert dual_chair_chart(summary="自己写的一句话。").summary == "自己写的一句话。"


def test_a_breakdown_without_names_takes_them_from_a_names_mapping():
    # The training figures keep the prefecture names beside the breakdown.
    chart = from_breakdown(
        id="training",
        title="培训",
        breakdown={"530100": {"target": 40, "trained": 12}},
        names={"530100": "昆明市"},
        series=[("trained", "已培训"), ("target", "目标")],
    )

    assert chart.categories == ("昆明市",)
    assert chart.series[0].values == (12,)


def test_the_breakdown_follows_the_scope():
    figures = {"by_prefecture": {"530100": {}}, "by_county": {"530102": {}}}
    province = {"scope": {"level": "province"}, "dual_chair": figures}
    prefecture = {"scope": {"level": "prefecture"}, "dual_chair": figures}
    training = {"scope": {"level": "county"}, "training": {"by_prefecture": {"530100": {}}}}

    assert list(scope_breakdown(province, "dual_chair").rows) == ["530100"]
    assert list(scope_breakdown(prefecture, "dual_chair").rows) == ["530102"]
    # A section without a county breakdown stays by prefecture at every level.
    assert list(scope_breakdown(training, "training").rows) == ["530100"]
    assert (
        scope_breakdown(province, "dual_chair").label
        != scope_breakdown(prefecture, "dual_chair").label
    )


def test_money_is_shown_in_yuan_and_handed_over_to_the_fen():
    chart = from_breakdown(
        id="funds",
        title="经费",
        breakdown={
            "530100": {"name": "昆明市", "amount": "3000000.00"},
            "530300": {"name": "曲靖市", "amount": Decimal("1234.5")},
        },
        series=[("amount", "下达经费")],
        value_format="money",
    )

    assert chart.series[0].values == (Decimal("3000000.00"), Decimal("1234.50"))
    (kunming, qujing) = chart.rows()
    assert kunming.cells[0].value == "3000000.00"
    assert kunming.cells[0].text == "3,000,000.00 元"
    assert qujing.cells[0].text == "1,234.50 元"
    # The browser gets the exact strings, never a float.
    assert chart.payload()["series"][0]["values"] == ["3000000.00", "1234.50"]
    assert chart.payload()["series"][0]["labels"] == ["3,000,000.00 元", "1,234.50 元"]
    with pytest.raises(TypeError):
        Chart(
            id="f",
            title="t",
            summary="s",
            categories=["a"],
            series=[Series("x", [1.5])],
            value_format="money",
        )
    with pytest.raises(ValidationError):
        Chart(
            id="f",
            title="t",
            summary="s",
            categories=["a"],
            series=[Series("x", ["1.005"])],
            value_format="money",
        )


@pytest.mark.parametrize(
    "change, message",
    [
        ({"kind": "map"}, "kind"),
        ({"id": "Has Spaces"}, "id"),
        ({"summary": " "}, "summary"),
        ({"series": [Series("x", [1])]}, "values"),
        ({"series": [Series("x", [1, 2.0])]}, "count"),
        ({"series": [Series("x", [1, True])]}, "count"),
        ({"kind": "pie", "series": [Series("x", [1, 2]), Series("y", [3, 4])]}, "pie"),
        ({"category_keys": ["530100"]}, "key"),
        ({"value_format": "percent"}, "format"),
    ],
)
def test_a_chart_refuses_what_it_could_not_show_truthfully(change, message):
    options = {
        "id": "c",
        "title": "t",
        "summary": "s",
        "categories": ["a", "b"],
        "series": [Series("x", [1, 2])],
        **change,
    }
    with pytest.raises(ValueError, match=message):
        Chart(**options)


# The rendered figure.


def test_the_figure_is_named_summarised_and_carries_its_figures_as_a_table_and_json():
    chart = dual_chair_chart(summary="三个州（市）的落实情况。")

    html = render("{% chart c %}", c=chart)
    figure = find(parse_html(html), "figure")

    # a heading names the figure, and the drawing's container is an image with that name
    heading = find(figure, id="chart-dual-chair-title")
    assert heading.name == "h3"
    assert text(heading) == "双主任制落实情况"
    assert attrs(figure)["aria-labelledby"] == "chart-dual-chair-title"
    canvas = find(figure, role="img")
    assert attrs(canvas)["aria-label"] == "双主任制落实情况"
    # described by the one-sentence summary
    summary = find(figure, id=attrs(canvas)["aria-describedby"])
    assert text(summary) == "三个州（市）的落实情况。"
    # its table is the breakdown, row by row, inside a details that starts open
    details = find(figure, "details")
    assert "open" in attrs(details)
    table = find(details, "table")
    assert text(find(table, "caption")) == "双主任制落实情况"
    assert [text(th) for th in find_all(find(table, "thead"), "th")] == [
        "州（市）",
        "落实双主任制",
        "应建少工委",
    ]
    assert all(attrs(th)["scope"] == "col" for th in find_all(find(table, "thead"), "th"))
    figures = {code: [str(row["compliant"]), str(row["total"])] for code, row in BREAKDOWN.items()}
    assert table_rows(figure) == {
        code: (row["name"], figures[code], figures[code]) for code, row in BREAKDOWN.items()
    }
    assert list(table_rows(figure)) == ["530100", "530300", "530400"]
    # and the data is a JSON data element the script reads, equal to the description
    data = find(figure, "script")
    assert attrs(data) == {"id": "chart-dual-chair-data", "type": "application/json"}
    assert attrs(canvas)["data-chart-source"] == "chart-dual-chair-data"
    assert json.loads(text(data)) == chart.payload()
    assert json.loads(text(data))["series"][0]["values"] == [15, 7, 0]


def test_a_page_links_the_chart_assets_once_and_has_no_inline_script_or_style():
    first = dual_chair_chart()
    second = from_figures(
        id="school-types",
        title="各类型学校",
        figures={"primary": 845, "junior": 256},
        parts=[("primary", "小学"), ("junior", "初级中学")],
        name="学校",
    )

    html = render("{% chart a %}<div>{% chart b %}</div>", a=first, b=second)

    scripts = re.findall(r"<script\b[^>]*>", html)
    assert scripts.count('<script src="/static/vendor/echarts/echarts.min.js" defer>') == 1
    assert scripts.count('<script src="/static/js/charts.js" defer>') == 1
    assert html.count('href="/static/css/charts.css"') == 1
    # Every other script element is a data element, and nothing carries an inline style.
    executable = [s for s in scripts if "src=" not in s and 'type="application/json"' not in s]
    assert executable == []
    assert not re.search(r"\sstyle=", html)
    assert not re.search(r"\son[a-z]+=", html)
    assert "<style" not in html
    # And no request leaves the portal.
    assert not re.search(r"(src|href)=\"(https?:)?//", html)


def test_a_pie_of_totals_has_one_row_per_part():
    chart = from_figures(
        id="school-types",
        title="各类型学校",
        figures={"primary": 1845, "junior": 256, "total": 2101},
        parts=[("primary", "小学"), ("junior", "初级中学")],
        name="学校",
        category_label="学校类型",
    )

    figure = find(parse_html(render("{% chart c %}", c=chart)), "figure")

    assert chart.kind == "pie"
    assert [text(th) for th in find_all(find(figure, "thead"), "th")] == ["学校类型", "学校"]
    assert table_rows(figure) == {
        "primary": ("小学", ["1845"], ["1,845"]),
        "junior": ("初级中学", ["256"], ["256"]),
    }
    assert "chart-pie" in attrs(figure)["class"]


def test_the_breakdown_tag_builds_a_chart_for_the_scope_in_a_template():
    indicators = {"scope": {"level": "province"}, "dual_chair": {"by_prefecture": BREAKDOWN}}

    html = render(
        '{% breakdown_chart indicators "dual_chair" "compliant" "落实" "total" "应建" '
        'id="dual" title="双主任制" kind="stacked_bar" as c %}{% chart c %}',
        indicators=indicators,
    )

    figure = find(parse_html(html), "figure")
    assert attrs(figure)["data-chart"] == "dual"
    assert table_rows(figure)["530300"] == ("曲靖市", ["7", "10"], ["7", "10"])
    assert json.loads(text(find(figure, "script")))["kind"] == "stacked_bar"
    with pytest.raises(TemplateSyntaxError):
        render(
            '{% breakdown_chart indicators "dual_chair" "compliant" id="d" title="t" as c %}',
            indicators=indicators,
        )


# The public home's first charts.


@pytest.fixture
def province(divisions):
    organizations_demo.seed(rng=random.Random(2018), stdout=io.StringIO())


def test_the_public_homes_charts_show_the_province_indicators(province, client):
    response = client.get(reverse("core:home"))

    (public,) = [
        s["data"]
        for s in response.context["sections"]
        if s["template"] == "reports/_public_figures.html"
    ]
    figures = compute(scope=province_division(), year=int(public["year"]))
    page = parse_html(response.content.decode())
    shown = {attrs(f)["data-chart"]: table_rows(f) for f in find_all(page, "figure")}
    dual = figures["dual_chair"]["by_prefecture"]
    chief = figures["chief_counselor"]["by_prefecture"]
    assert {code: values for code, (_n, values, _t) in shown["dual-chair"].items()} == {
        code: [str(row["compliant"]), str(row["total"])] for code, row in dual.items()
    }
    assert {code: values for code, (_n, values, _t) in shown["chief-counselor-hosts"].items()} == {
        code: [str(row["in_education_bureau"]), str(row["in_league_committee"])]
        for code, row in chief.items()
    }
    assert {key: values for key, (_n, values, _t) in shown["school-types"].items()} == {
        key: [str(figures["schools"][key])]
        for key in ("primary", "junior", "nine_year", "complete")
    }
    assert next(name for name, _v, _t in shown["dual-chair"].values()) == "昆明市"
    # The comparison means something: the demo province has figures other than zero.
    assert shown["dual-chair"]["530100"][1] != ["0", "0"]
    # Three charts, one set of assets, all from the portal.
    html = response.content.decode()
    assert html.count("vendor/echarts/echarts.min.js") == 1
    assert html.count("js/charts.js") == 1
