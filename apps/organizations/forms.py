"""Forms of the organization pages. Every choice of a division offers only the user's scope.

The forms check each field; the services check the model's constraints (a school name used
twice in a county, an end date before the start...) and the view puts the service's errors
next to the fields they are about (``apps.core.forms``), so the checks live in one place for
portal, admin and commands alike.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.forms import ServiceModelForm, VersionedFormMixin
from apps.core.scope import code_prefix
from apps.organizations import models
from apps.organizations.choices import ChiefCounselorHost, DivisionLevel
from apps.organizations.services import (
    CHIEF_COUNSELOR_FIELDS,
    COMMITTEE_FIELDS,
    MEMBER_FIELDS,
    SCHOOL_FIELDS,
)
from apps.organizations.services.brigades import MAX_COUNT

if TYPE_CHECKING:
    from apps.accounts.models import User


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        # The browser's date picker sends and expects ISO dates whatever the language.
        super().__init__(attrs, format="%Y-%m-%d")


class CountyChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: models.Division) -> str:
        return f"{obj.parent.name} · {obj.name}"


class SchoolForm(VersionedFormMixin, ServiceModelForm):
    """A school's data; the county list holds only the user's in-scope counties."""

    class Meta:
        model = models.School
        fields = SCHOOL_FIELDS
        field_classes = {"county": CountyChoiceField}

    def __init__(self, *args, actor: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = (
            models.Division.objects.for_actor(actor)
            .filter(level=DivisionLevel.COUNTY)
            .select_related("parent")
            .order_by("code")
        )
        code = actor.scope_code
        if self.instance.pk is None and code and code_prefix(code) == code:
            # A county (or school) user adds schools to their own county.
            self.initial.setdefault("county", code)


class SchoolCreateForm(SchoolForm):
    """A new school with how many brigades and squads it starts with; they become rows,
    renamed, added and removed on the school's page afterwards."""

    brigade_count = forms.IntegerField(
        label=_("Brigades"), min_value=0, max_value=MAX_COUNT, initial=1
    )
    squad_count = forms.IntegerField(
        label=_("Squads"),
        min_value=0,
        max_value=MAX_COUNT,
        initial=0,
        help_text=_("Usually one a class; name each on the school's page afterwards."),
    )


class CommitteeForm(VersionedFormMixin, ServiceModelForm):
    class Meta:
        model = models.WorkCommittee
        fields = COMMITTEE_FIELDS
        widgets = {"established_on": DateInput()}


class MemberForm(VersionedFormMixin, ServiceModelForm):
    class Meta:
        model = models.CommitteeMember
        fields = MEMBER_FIELDS
        widgets = {
            "start_date": DateInput(),
            "end_date": DateInput(),
            "secondment_start": DateInput(),
            "secondment_end": DateInput(),
        }


class ChiefCounselorPostForm(VersionedFormMixin, ServiceModelForm):
    class Meta:
        model = models.ChiefCounselorPost
        fields = CHIEF_COUNSELOR_FIELDS
        widgets = {"host_body": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Radio buttons need no "choose one" entry: the two hosts are the choices.
        self.fields["host_body"].choices = ChiefCounselorHost.choices


class BrigadeForm(VersionedFormMixin, ServiceModelForm):
    class Meta:
        model = models.Brigade
        fields = ["name"]


class SquadForm(VersionedFormMixin, ServiceModelForm):
    class Meta:
        model = models.Squad
        fields = ["name"]
        help_texts = {"name": _("Usually the class, e.g. 三年级（2）班中队.")}
