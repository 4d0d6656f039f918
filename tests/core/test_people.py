"""People are shown one way: 姓名（单位）."""

from types import SimpleNamespace

from django import forms
from django.template import Context, Template

from apps.core.people import PersonChoiceField, PersonMultipleChoiceField, person_label


def _person(name, unit):
    return SimpleNamespace(person_name=name, person_unit=unit, pk=1)


def test_a_person_is_their_name_and_unit_in_full_width_brackets():
    assert person_label(_person("陶晴", "共青团云南省委")) == "陶晴（共青团云南省委）"


def test_without_a_unit_the_name_stands_alone_and_no_one_is_empty():
    assert person_label(_person("李晓梅", "")) == "李晓梅"
    assert person_label(None) == ""


def test_an_object_without_person_fields_falls_back_to_its_text():
    assert person_label("admin") == "admin"


def test_the_template_filter_and_the_pickers_use_the_same_label():
    person = _person("张伟", "五华区教育体育局")
    rendered = Template("{% load portal %}{{ p|person }}").render(Context({"p": person}))

    assert rendered == "张伟（五华区教育体育局）"
    single = PersonChoiceField(queryset=None)
    several = PersonMultipleChoiceField(queryset=None)
    assert single.label_from_instance(person) == rendered
    assert several.label_from_instance(person) == rendered
    assert isinstance(single, forms.ModelChoiceField)
