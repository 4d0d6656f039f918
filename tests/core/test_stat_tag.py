"""``{% stat %}``: one dashboard figure, the same markup in every area's panel."""

from django.template import Context, Template
from django.utils import translation


def render(source: str, **context) -> str:
    return Template("{% load i18n portal %}" + source).render(Context(context))


def test_a_figure_is_shown_as_the_panels_showed_it_and_keeps_its_raw_value_and_indicator():
    with translation.override("zh-hans"):
        html = render(
            '{% stat figures.schools "divisions.schools" _("schools") %}',
            figures={"schools": 12345},
        )
        shown = render("{% load humanize %}{{ 12345|intcomma }}")

    assert html == (
        '<div class="stat"><span class="stat-value" data-indicator="divisions.schools" '
        f'data-value="12345">{shown}</span><span class="stat-label">学校</span></div>'
    )


def test_a_label_with_figures_in_it_is_translated_once_and_escaped_once():
    source = (
        "{% blocktranslate asvar stat_label with year=year %}issued in {{ year }}"
        "{% endblocktranslate %}"
        '{% stat n "documents.issued_in_year" stat_label %}'
    )

    with translation.override("en"):
        english = render(source, n=3, year="<2018>")
    with translation.override("zh-hans"):
        chinese = render(source, n=3, year="<2018>")

    assert (
        'data-value="3">3</span><span class="stat-label">issued in &lt;2018&gt;</span>' in english
    )
    assert '<span class="stat-label">&lt;2018&gt;年印发</span>' in chinese
