"""Form pieces every area uses: service errors next to their fields, stale-save protection."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from apps.core.versioning import StaleEditError


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
    (``core.versioning.lock_version``). A model form carries its stored instance's version;
    another form calls ``carry_version(row)``. ``core.views.ServiceFormView.versioned``
    hands it to the service as ``seen_version``."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        row = self.versioned_row()
        if row is not None and row.pk is not None:
            self.fields["version"].initial = row.version
        else:
            self.fields["version"].required = False

    def versioned_row(self):
        """The row whose version the form carries: a model form's instance, unless the
        row it belongs to keeps the version (a document's countersigning grid...)."""
        return getattr(self, "instance", None)

    @property
    def carries_version(self) -> bool:
        """Whether the form is about a stored row, whose version it carries."""
        return self.fields["version"].required

    def carry_version(self, row) -> None:
        """For a form about ``row`` that is not its model form: carry ``row``'s version."""
        self.fields["version"].initial = row.version
        self.fields["version"].required = True


class AdminVersionFormMixin(VersionedFormMixin):
    """The admin's change form of a versioned row (``core.admin.ScopedAdminMixin`` adds it):
    a save over a change made since the page was loaded is refused above the form. The
    admin's services lock the row as they save, so one that slips in between waits for
    the other. A page that does not show the field (none posted) is not checked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False

    def clean(self):
        cleaned = super().clean()
        seen = cleaned.get("version")
        if self.instance.pk is not None and seen is not None and seen != self.instance.version:
            self.add_error(None, StaleEditError())
        return cleaned
