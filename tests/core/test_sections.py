"""{% section %} and {% dashboard_panel %}: a part of a page under a heading that names it."""

import pytest
from django.template import TemplateSyntaxError

from tests.portal_tags import render


def test_a_section_is_named_by_its_heading_with_its_buttons_beside_it():
    html = render(
        '{% section "decisions" heading %}<a class="button">新</a>{% section_body %}'
        "<p>正文</p>{% end_section %}",
        heading="决定 <事项>",
    )

    assert html == (
        '<section aria-labelledby="decisions-heading"><div class="page-head">'
        '<h2 id="decisions-heading">决定 &lt;事项&gt;</h2><a class="button">新</a></div>'
        "<p>正文</p></section>"
    )


def test_a_section_without_buttons_is_all_body():
    html = render('{% section "notes" "备注" %}<p>正文</p>{% end_section %}')

    assert html == (
        '<section aria-labelledby="notes-heading"><div class="page-head">'
        '<h2 id="notes-heading">备注</h2></div><p>正文</p></section>'
    )


def test_a_section_needs_its_name_and_heading():
    with pytest.raises(TemplateSyntaxError):
        render('{% section "notes" %}<p>正文</p>{% end_section %}')


def test_a_panel_shows_the_areas_figures_under_its_heading():
    html = render(
        '{% dashboard_panel "pairing" "结对" %}<p>{{ figures.wishes }}</p>'
        "{% end_dashboard_panel %}",
        indicators={"pairing": {"wishes": 3}},
    )

    assert html == (
        '<section class="dashboard-panel" data-panel="pairing" aria-labelledby="panel-pairing">'
        '<h2 id="panel-pairing">结对</h2><p>3</p></section>'
    )


@pytest.mark.parametrize("indicators", [{}, {"pairing": {}}, None])
def test_a_panel_without_figures_shows_only_its_heading(indicators):
    html = render(
        '{% dashboard_panel "pairing" "结对" %}<p>{{ figures }}</p>{% end_dashboard_panel %}',
        indicators=indicators,
    )

    assert html == (
        '<section class="dashboard-panel" data-panel="pairing" aria-labelledby="panel-pairing">'
        '<h2 id="panel-pairing">结对</h2></section>'
    )
