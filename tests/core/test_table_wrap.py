"""{% table_wrap %}: every data table has a caption and, when it scrolls, can be scrolled
from the keyboard."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import TemplateSyntaxError

from tests.portal_tags import render

TEMPLATE_DIRS = [
    Path(settings.BASE_DIR) / "templates",
    *Path(settings.BASE_DIR).glob("apps/*/templates"),
]


def test_the_box_is_a_focusable_region_named_by_the_tables_caption():
    html = render(
        '{% table_wrap caption %}<table class="data-table" data-table="x"><tbody></tbody>'
        "</table>{% end_table_wrap %}",
        caption="学校 <名单>",
    )

    assert html == (
        '<div class="table-wrap" role="region" tabindex="0" aria-label="学校 &lt;名单&gt;">'
        '<table class="data-table" data-table="x">'
        '<caption class="visually-hidden">学校 &lt;名单&gt;</caption>'
        "<tbody></tbody></table></div>"
    )


def test_a_box_without_a_table_is_refused():
    with pytest.raises(TemplateSyntaxError):
        render("{% table_wrap 'x' %}<p>no table</p>{% end_table_wrap %}")


@pytest.mark.parametrize(
    "path",
    [p for d in TEMPLATE_DIRS for p in sorted(d.rglob("*.html")) if "<table" in p.read_text()],
    ids=lambda p: str(p.relative_to(settings.BASE_DIR)),
)
def test_every_data_table_of_the_portal_is_in_a_table_wrap(path):
    source = path.read_text()

    assert len(re.findall(r"<table\b", source)) == source.count("{% table_wrap ")
    assert "<caption" not in source  # the tag gives the caption
    assert 'class="table-wrap"' not in source
