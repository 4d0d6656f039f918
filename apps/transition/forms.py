"""Forms of the pilot pages; every choice is limited to what the actor may use, and the
services check again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import VersionedFormMixin
from apps.documents.models import Document
from apps.transition import selectors
from apps.transition.choices import MilestoneStatus
from apps.transition.models import FIRST_YEAR, LAST_YEAR

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"《{obj.title}》{obj.number}" if obj.number else f"《{obj.title}》"


def _plan_documents():
    """Issued documents: public, whichever body issued them."""
    return Document.objects.issued().order_by("-issued_on", "-id")


class PilotForm(VersionedFormMixin, forms.Form):
    school = forms.ModelChoiceField(queryset=None, label=_("Pilot school"))
    started_on = forms.DateField(label=_("Pilot started on"), widget=DATE_INPUT)
    plan_document = DocumentChoiceField(
        queryset=None,
        label=_("Plan document"),
        required=False,
        help_text=_("The issued document the pilot's plan follows."),
    )
    summary = forms.CharField(
        label=_("What the pilot does"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, actor, pilot=None, **kwargs):
        if pilot is not None:
            current = {
                "started_on": pilot.started_on,
                "plan_document": pilot.plan_document_id,
                "summary": pilot.summary,
            }
            # The view passes an initial of its own (empty): the row's values stand.
            kwargs["initial"] = {**current, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.fields["plan_document"].queryset = _plan_documents()
        if pilot is None:
            self.fields["school"].queryset = selectors.schools_without_pilot(actor=actor)
        else:
            del self.fields["school"]
            self.carry_version(pilot)

    def terms(self) -> dict:
        data = self.cleaned_data
        return {key: data[key] for key in ("started_on", "plan_document", "summary")}


class MilestoneForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT)
    status = forms.ChoiceField(label=_("Status"), choices=MilestoneStatus.choices)
    done_on = forms.DateField(
        label=_("Done on"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Only for a done milestone; today if left empty."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, milestone=None, **kwargs):
        if milestone is not None:
            current = {
                name: getattr(milestone, name)
                for name in ("title", "due_on", "status", "done_on", "note")
            }
            # The view passes an initial of its own (empty): the row's values stand.
            kwargs["initial"] = {**current, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        if milestone is not None:
            self.carry_version(milestone)


class HandOffForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR)
    joined = forms.IntegerField(
        label=_("Young Pioneers reaching 14 who joined the League"),
        min_value=0,
        max_value=100000,
        help_text=_("A count only: no names or other details of any child."),
    )
