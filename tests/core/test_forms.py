"""Form helpers: a service's errors land next to their fields; a form carries its version."""

from types import SimpleNamespace

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from apps.core.forms import SeenVersionForm, VersionedFormMixin, apply_service_errors


class _Form(forms.Form):
    name = forms.CharField()


def _bound():
    form = _Form(data={"name": "红旗小学"})
    assert form.is_valid()
    return form


def test_a_field_error_goes_next_to_its_field():
    form = _bound()

    apply_service_errors(form, ValidationError({"name": "名称重复"}))

    assert form.errors["name"] == ["名称重复"]
    assert NON_FIELD_ERRORS not in form.errors


def test_errors_for_fields_the_form_does_not_show_go_above_the_form():
    form = _bound()

    apply_service_errors(form, ValidationError({"county": "不在您的范围内", "name": "太长"}))

    assert form.non_field_errors() == ["不在您的范围内"]
    assert form.errors["name"] == ["太长"]


def test_a_plain_error_goes_above_the_form():
    form = _bound()

    apply_service_errors(form, ValidationError("已被他人处理"))

    assert form.non_field_errors() == ["已被他人处理"]


class _Versioned(VersionedFormMixin, forms.Form):
    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)


def test_a_versioned_form_carries_the_version_it_was_loaded_with():
    form = _Versioned(instance=SimpleNamespace(pk=7, version=4))

    assert form.fields["version"].initial == 4
    assert form.fields["version"].widget.is_hidden
    posted = _Versioned(data={"version": "4"}, instance=SimpleNamespace(pk=7, version=5))
    assert posted.is_valid()
    assert posted.cleaned_data["version"] == 4


def test_a_new_row_needs_no_version():
    form = _Versioned(data={}, instance=SimpleNamespace(pk=None, version=1))

    assert form.is_valid()
    assert form.cleaned_data["version"] is None


def test_a_seen_version_form_requires_the_version_the_page_showed():
    assert SeenVersionForm({"version": "3"}).is_valid()
    assert not SeenVersionForm({}).is_valid()
    assert not SeenVersionForm({"version": "0"}).is_valid()
