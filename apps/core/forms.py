"""Form pieces every area uses: service errors next to their fields, stale-save protection,
and the form renderer that writes select widgets out in Python."""

from __future__ import annotations

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.forms.renderers import DjangoTemplates
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

from apps.core.versioning import StaleEditError

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class PortalFormRenderer(DjangoTemplates):
    """Django's default form renderer (``settings.FORM_RENDERER``), but for the select
    widget, whose stock templates it writes out in Python to the same characters.

    A list's filter form offers hundreds of options (a county's schools, a province's
    counties); Django's template renders each through two includes, which made most of a
    list page's time. The select's context is still built by the widget (``optgroups``
    decides what is selected), only its template is skipped; a select whose options use
    another template goes through the templates as before."""

    def render(self, template_name, context, request=None):
        if template_name == SELECT_TEMPLATE:
            html = _select_html(context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)


def _text(value) -> str:
    """``{{ value }}`` in a template: localized, escaped unless already safe."""
    value = localize(value)
    return conditional_escape(value if isinstance(value, str) else str(value))


def _attr_value(value) -> str:
    """``{{ value|stringformat:'s' }}``: formatted with %s, escaped unless it was safe."""
    text = "%s" % (str(value) if isinstance(value, tuple) else value)
    return text if isinstance(value, SafeData) else escape(text)


def _attrs(attrs: dict) -> str:
    """django/forms/widgets/attrs.html: False leaves the attribute out, True writes it bare."""
    parts = []
    for name, value in attrs.items():
        if value is False:
            continue
        parts.append(
            f" {_text(name)}" if value is True else f' {_text(name)}="{_attr_value(value)}"'
        )
    return "".join(parts)


def _select_html(widget: dict) -> str | None:
    """django/forms/widgets/select.html and select_option.html for ``widget`` (a select's
    context), or None when an option uses another template or a label is callable."""
    parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
    for group_name, options, _index in widget["optgroups"]:
        if group_name:
            parts.append(f'\n  <optgroup label="{_text(group_name)}">')
        for option in options:
            label = option["label"]
            if option["template_name"] != OPTION_TEMPLATE or callable(label):
                return None
            parts.append(
                f'\n  <option value="{_attr_value(option["value"])}"'
                f"{_attrs(option['attrs'])}>{_text(label)}</option>\n"
            )
        if group_name:
            parts.append("\n  </optgroup>")
    parts.append("\n</select>")
    return "".join(parts)


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


def decision_field(label, choices) -> forms.ChoiceField:
    """A reviewer's or signer's decision among ``choices``, as radio buttons."""
    return forms.ChoiceField(label=label, choices=choices, widget=forms.RadioSelect)


def comment_field(label, help_text, *, rows: int = 4) -> forms.CharField:
    """The comment that goes with a decision, optional unless the decision needs one."""
    return forms.CharField(
        label=label,
        required=False,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class DecisionForm(forms.Form):
    """A ``decision`` (``decision_field``) with a ``comment`` (``comment_field``) that the
    decisions in ``comment_needed_for`` (a return, a rejection...) require: a blank one is
    refused next to the comment with ``comment_missing``."""

    comment_needed_for: tuple = ()
    comment_missing = ""

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in self.comment_needed_for
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", self.comment_missing)
        return cleaned


class SeenVersionForm(forms.Form):
    """A form about a row, carrying the version the page showed it at (required): its
    service refuses the step over a newer change (``core.versioning``)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


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
