"""Rows written in Python (apps.core.rows) write what the template wrote: the same escaping,
the same addresses, the labels in the request's language."""

from django import template
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from apps.core import rows


def test_values_are_escaped_as_a_template_escapes_them():
    template = Template("{{ value }}")
    for value in ["<b>\"甲\" & '乙'</b>", 42, None, mark_safe("<i>kept</i>")]:
        assert rows.esc(value) == template.render(Context({"value": value}))


def test_an_address_is_the_reversed_one_for_any_key():
    for pk in (1, 987654, 2147483647):
        assert rows.row_url("counselors:counselor-detail", pk) == reverse(
            "counselors:counselor-detail", args=[pk]
        )
    # a key is written as a number, whatever was passed
    assert rows.row_url("organizations:school-detail", "12") == reverse(
        "organizations:school-detail", args=[12]
    )


def test_labels_follow_the_language_and_are_escaped():
    with translation.override("zh-hans"):
        assert rows.labels("School", "Phone") == {"School": "学校", "Phone": "联系电话"}
    with translation.override("en"):
        assert rows.labels("School") == {"School": "School"}
    assert rows.rows_html(["<tr>", "</tr>"]) == "<tr></tr>"


def test_a_choice_is_shown_as_its_label_or_as_it_is():
    from apps.organizations.choices import SchoolType

    with translation.override("zh-hans"):
        assert rows.choice(SchoolType, SchoolType.PRIMARY) == str(SchoolType.PRIMARY.label)
    with translation.override("en"):
        assert rows.choice(SchoolType, "primary") == str(SchoolType.PRIMARY.label)
    assert rows.choice(SchoolType, "<unknown>") == "&lt;unknown&gt;"


def test_a_row_is_its_linked_header_cell_then_its_cells():
    detail = reverse("counselors:counselor-detail", args=[5])
    cells = (
        rows.cell("County", "Wuhua"),
        rows.cell("Phone", "138", ' class="num"'),
        "<td>edit</td>",
    )

    html = rows.row("counselor", 5, "counselors:counselor-detail", "&lt;b&gt;", *cells)

    assert html == (
        f'<tr data-counselor="5"><th scope="row"><a href="{detail}">&lt;b&gt;</a></th>'
        '<td data-label="County">Wuhua</td><td class="num" data-label="Phone">138</td>'
        "<td>edit</td></tr>"
    )
    with_attrs = rows.row("school", 5, "counselors:counselor-detail", "x", attrs=' data-county="1"')
    assert with_attrs.startswith('<tr data-school="5" data-county="1"><th scope="row">')


# A template library for the test below, registered through ``rows.list_tag``.
register = template.Library()


@rows.list_tag(register, "item_rows", ("School",))
def _item_row(item, label, suffix):
    return f'<tr><td data-label="{label["School"]}">{rows.esc(item)}{suffix}</td></tr>'


def test_a_list_tag_writes_a_row_for_each_item_of_the_page():
    engine = template.Engine(libraries={"items": __name__})
    source = "{% load items %}{% item_rows page '!' %}"
    with translation.override("zh-hans"):
        html = engine.from_string(source).render(Context({"page": ["甲", "<乙>"]}))

    assert html == (
        '<tr><td data-label="学校">甲!</td></tr><tr><td data-label="学校">&lt;乙&gt;!</td></tr>'
    )
    # the decorated function stays the one row it writes
    assert _item_row("丙", {"School": "S"}, "") == '<tr><td data-label="S">丙</td></tr>'
