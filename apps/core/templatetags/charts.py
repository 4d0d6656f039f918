"""Chart tags (``{% load charts %}``): build a chart from the indicators and render it.

In a dashboard panel, which is given ``indicators`` for the chosen scope and year (a label
or title is a variable, a "string" or a translated _("string"); a tag stays on one line)::

    {% breakdown_chart indicators "dual_chair" "compliant" label id="dual" title=title as c %}
    {% chart c %}

``breakdown_chart`` follows the scope selector (prefectures for the province, counties
below) and the year (the indicators are the year's); ``figures_chart`` charts some totals of
a section (a pie by default); ``rows_chart`` charts any rows keyed by code (a program, a
track); ``chart`` renders any ``apps.core.charts.Chart``. Each table cell names its figure's
path in the indicators (``data-indicator``) when the chart knows its ``source``.
"""

from django import template

from apps.core.charts import Chart, from_breakdown, from_figures, scope_breakdown

register = template.Library()

# Marks, for the whole rendering of a page, that the chart assets are already linked.
_ASSETS_LINKED = "apps.core.charts.assets_linked"


def _first_chart_of_the_page(context) -> bool:
    # Every included template gets its own layer of the render context, but the bottom one
    # lives as long as the page's rendering: the first chart links the assets, no other.
    page_state = context.render_context.dicts[0]
    if page_state.get(_ASSETS_LINKED):
        return False
    page_state[_ASSETS_LINKED] = True
    return True


def _pairs(id, values) -> list[tuple]:
    if not values or len(values) % 2:
        raise template.TemplateSyntaxError(f"Chart {id}: give the series as key, label pairs.")
    return list(zip(values[::2], values[1::2], strict=True))


@register.inclusion_tag("core/_chart.html", takes_context=True)
def chart(context, chart: Chart):
    """``{% chart c %}``: the figure (heading, summary, drawing, table, JSON data element);
    the first chart of a page also links charts.css, ECharts and charts.js."""
    return {
        "chart": chart,
        "headers": chart.headers(),
        "rows": chart.rows(),
        "payload": chart.payload(),
        "data_id": f"{chart.dom_id}-data",
        "with_assets": _first_chart_of_the_page(context),
    }


@register.simple_tag
def breakdown_chart(indicators, section, *series, **options) -> Chart:
    """``{% breakdown_chart indicators "section" "key" label ... id= title= as c %}``: one
    category per division of the section's breakdown for the scope, one series per key and
    label. Options: ``summary``, ``kind``, ``unit``, ``value_format``, ``names`` (division
    names by code, for a breakdown without them), ``heading_level``."""
    breakdown = scope_breakdown(indicators, section)
    return from_breakdown(
        breakdown=breakdown.rows,
        series=_pairs(options.get("id"), series),
        category_label=breakdown.label,
        groups=breakdown.groups,
        source=f"{section}.{breakdown.key}",
        **options,
    )


@register.simple_tag
def rows_chart(rows, *series, **options) -> Chart:
    """``{% rows_chart indicators.titles.by_track "submitted" label ... names=names id=
    title= category_label= groups= source="titles.by_track" as c %}``: one category per key
    of a dict of rows (``names`` gives their words), one series per key and label."""
    return from_breakdown(breakdown=rows, series=_pairs(options.get("id"), series), **options)


@register.simple_tag
def figures_chart(figures, *parts, **options) -> Chart:
    """``{% figures_chart indicators.schools "primary" label ... id= title= name= as c %}``:
    one category per key of a totals dict, as one series called ``name`` (a pie unless
    ``kind`` says otherwise)."""
    return from_figures(figures=figures, parts=_pairs(options.get("id"), parts), **options)
