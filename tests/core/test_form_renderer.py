"""The portal's form renderer (apps/core/forms.py) writes select widgets out in Python: the
same characters as Django's templates, for every kind of choice a select may hold, and
selects of the portal's filter forms still show the chosen value."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from apps.core.forms import PortalFormRenderer
from apps.organizations.models import Division

STOCK = DjangoTemplates()
PORTAL = PortalFormRenderer()

CHOICES = [
    ("", "---------"),
    (1, "One"),
    ("2", _("Yes")),
    ("a&b", 'Tom & "Jerry" <b>'),
    ("safe", mark_safe("<em>safe</em>")),
    (
        "Group <1>",
        [("g1", "In a group"), (3, 3), ("g<3", "three & more")],
    ),
    (None, "None"),
    (2026, 2026),
]


def both(widget, name, value, attrs=None) -> tuple[str, str]:
    return (
        widget.render(name, value, attrs, renderer=STOCK),
        widget.render(name, value, attrs, renderer=PORTAL),
    )


@pytest.mark.parametrize("value", [None, "", 1, "1", "2", "a&b", "g1", "2026", "missing"])
def test_a_select_renders_as_djangos_templates_do(value):
    stock, portal = both(forms.Select(choices=CHOICES), "choice", value, {"id": "id_choice"})

    assert portal == stock


def test_attributes_true_false_and_escaped_render_as_djangos():
    attrs = {
        "id": "id_x",
        "required": True,
        "disabled": False,
        "aria-describedby": 'id_x_helptext "quoted"',
        "data-safe": mark_safe("a&amp;b"),
        "data-number": 7,
    }
    stock, portal = both(forms.Select(choices=CHOICES), "x<y", "3", attrs)

    assert portal == stock
    assert " required" in portal and "disabled" not in portal


def test_multiple_and_yes_no_selects_render_as_djangos():
    multiple = forms.SelectMultiple(choices=CHOICES)
    stock, portal = both(multiple, "many", ["1", "g1", "3"], {"id": "id_many"})
    assert portal == stock and "multiple" in portal and portal.count(" selected") == 3

    for value in (None, True, False, "unknown"):
        assert len(set(both(forms.NullBooleanSelect(), "flag", value))) == 1


def test_an_empty_select_renders_as_djangos():
    stock, portal = both(forms.Select(choices=[]), "nothing", None)

    assert portal == stock == '<select name="nothing">\n</select>'


@pytest.mark.django_db
def test_a_model_choice_field_renders_as_djangos(divisions):
    class CountyForm(forms.Form):
        county = forms.ModelChoiceField(
            Division.objects.filter(code__startswith="5301", level="county").order_by("code"),
            empty_label="All counties",
        )

    field = CountyForm(data={"county": "530102"})["county"]
    rendered = {
        name: field.field.widget.render(
            "county", field.value(), {"id": "id_county"}, renderer=renderer
        )
        for name, renderer in (("stock", STOCK), ("portal", PORTAL))
    }

    assert rendered["portal"] == rendered["stock"]
    assert '<option value="530102" selected>' in rendered["portal"]


def test_a_select_whose_options_use_another_template_goes_through_the_templates():
    class Custom(forms.Select):
        option_template_name = "django/forms/widgets/input_option.html"

    stock, portal = both(Custom(choices=[("1", "One")]), "custom", "1")

    assert portal == stock


def test_the_portal_renders_forms_with_its_renderer():
    assert isinstance(get_default_renderer(), PortalFormRenderer)


@pytest.mark.django_db
def test_a_filter_form_keeps_the_chosen_county_and_its_labels(login, edu_kunming):
    response = login(edu_kunming).get(
        reverse("organizations:school-list"), {"county": "530102", "school_type": "primary"}
    )

    html = response.content.decode()
    form = html.split('data-form="school-filter">', 1)[1].split("</form>", 1)[0]
    chosen = re.findall(r'<option value="([^"]+)" selected>', form)
    assert chosen == ["530102", "primary"]
    assert '<label for="id_county">' in form
    assert '<optgroup label="昆明市">' in form
