"""Forms of the joint-meeting pages; choices are limited to what the actor may use, and the
services check again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core.evidence import DOCUMENTS, accept
from apps.core.forms import VersionedFormMixin
from apps.core.people import PersonChoiceField
from apps.documents.models import IssuingBody
from apps.meetings.choices import OwnerSide
from apps.organizations.models import Division

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int):
    return forms.Textarea(attrs={"rows": rows})


class BodyChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class MeetingForm(VersionedFormMixin, forms.Form):
    title = forms.CharField(label=pgettext_lazy("meeting", "Title"), max_length=200)
    held_on = forms.DateField(label=_("Held on"), widget=DATE_INPUT)
    place = forms.CharField(label=_("Place"), max_length=100, required=False)
    bodies = BodyChoiceField(
        queryset=IssuingBody.objects.none(),
        label=_("Attending bodies"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(
        label=pgettext_lazy("meeting", "Summary"), required=False, widget=_textarea(4)
    )

    def __init__(self, *args, division, meeting=None, **kwargs):
        if meeting is not None:
            current = {
                "title": meeting.title,
                "held_on": meeting.held_on,
                "place": meeting.place,
                "bodies": list(meeting.bodies.all()),
                "summary": meeting.summary,
            }
            # The view passes an initial of its own (empty): the row's values stand.
            kwargs["initial"] = {**current, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        if meeting is not None:
            self.carry_version(meeting)
        self.fields["bodies"].queryset = IssuingBody.objects.filter(
            division__code__startswith=division.code[:2]
        ).order_by("division_id", "kind", "name")


class AttendeeForm(forms.Form):
    person_name = forms.CharField(label=pgettext_lazy("person", "Name"), max_length=50)
    person_unit = forms.CharField(
        label=_("Unit"), max_length=100, help_text=_("e.g. 共青团云南省委 少年部")
    )


class MinutesForm(forms.Form):
    minutes = forms.FileField(
        label=_("Minutes"),
        widget=forms.ClearableFileInput(attrs={"accept": accept(DOCUMENTS)}),
        help_text=_("PDF, DOCX or OFD, at most 20 MB; replaces the minutes kept so far."),
    )


class DivisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name}（{obj.code}）"


class DecisionForm(VersionedFormMixin, forms.Form):
    text = forms.CharField(label=pgettext_lazy("joint meeting", "Decision"), widget=_textarea(3))
    owner_division = DivisionChoiceField(
        queryset=Division.objects.none(), label=_("Owner division")
    )
    owner_side = forms.ChoiceField(label=_("Owner body"), choices=OwnerSide.choices)
    responsible = PersonChoiceField(
        queryset=User.objects.none(),
        label=_("Responsible person"),
        help_text=_("Staff of the owner body: its League or education side at that division."),
    )
    due_on = forms.DateField(label=_("Due on"), widget=DATE_INPUT)

    def __init__(self, *args, meeting, decision=None, **kwargs):
        self.instance = decision
        if decision is not None:
            current = {
                "text": decision.text,
                "owner_division": decision.owner_division_id,
                "owner_side": decision.owner_side,
                "responsible": decision.responsible_id,
                "due_on": decision.due_on,
            }
            # The view passes an initial of its own (empty): the row's values stand.
            kwargs["initial"] = {**current, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        prefix = meeting.division.prefix
        self.fields["owner_division"].queryset = Division.objects.filter(
            code__startswith=prefix
        ).order_by("code")
        self.fields["responsible"].queryset = User.objects.filter(
            is_active=True,
            role__in=[Role.LEAGUE, Role.EDUCATION],
            division__code__startswith=prefix,
        ).order_by("division_id", "role", "full_name", "id")

    def terms(self) -> dict:
        data = self.cleaned_data
        return {
            key: data[key]
            for key in ("text", "owner_division", "owner_side", "responsible", "due_on")
        }


class CompleteForm(VersionedFormMixin, forms.Form):
    outcome = forms.CharField(label=_("What was done"), widget=_textarea(4))
    done_on = forms.DateField(
        label=_("Done on"), required=False, widget=DATE_INPUT, help_text=_("Today if left empty.")
    )

    def __init__(self, *args, decision=None, **kwargs):
        self.instance = decision
        super().__init__(*args, **kwargs)
