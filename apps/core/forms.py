"""Form pieces every area uses: service errors next to their fields, stale-save protection."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on ``form``: each message next to the field it names,
    the rest (and fields the form does not show) above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, messages in error.error_dict.items():
        on_form = name in form.fields and name != NON_FIELD_ERRORS
        form.add_error(name if on_form else None, messages)


class ServiceModelForm(forms.ModelForm):
    """A model form whose constraints are checked by the service it feeds, once, with the
    messages next to the fields (ModelForm.clean would check them here and put uniqueness
    errors above the form)."""

    def clean(self):
        return self.cleaned_data

    def add_service_errors(self, error: ValidationError) -> None:
        apply_service_errors(self, error)


class PostedVersionForm(forms.Form):
    """The version of the row a button was shown for (a step refused over a newer change)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class VersionedFormMixin(forms.Form):
    """Carries the version of the row the form was loaded with (a hidden field), so the
    service can refuse the save when someone changed the row meanwhile
    (``core.versioning.lock_version``). The view passes ``cleaned_data["version"]`` on."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk is not None:
            self.fields["version"].initial = instance.version
        else:
            self.fields["version"].required = False
