"""Forms of the commendations area; every choice of a row is limited to the user's scope."""

from __future__ import annotations

from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.commendations.choices import (
    DEEDS_MAX_CHARS,
    EVIDENCE_MAX_BYTES,
    LETTER_MAX_BYTES,
    Decision,
    NomineeKind,
    ObjectionOutcome,
    ObjectorKind,
)
from apps.core.evidence import ACCEPT
from apps.core.forms import SeenVersionForm, comment_field, decision_field
from apps.core.people import PersonChoiceField
from apps.core.scope import in_scope
from apps.counselors.choices import ETHNICITY_CHOICES, Gender
from apps.counselors.models import Counselor
from apps.organizations.models import Brigade, School, Squad, WorkCommittee

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class NominationForm(forms.Form):
    """A nomination in one category: the fields of its nominee kind, the deeds and an
    optional first evidence file."""

    deeds = forms.CharField(
        label=_("Deeds (事迹材料)"),
        max_length=DEEDS_MAX_CHARS,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("About a thousand characters."),
    )
    evidence = forms.FileField(
        label=_("Evidence file"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, actor, category, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = _("PDF, JPG or PNG, at most %(size)s.") % {
            "size": filesizeformat(EVIDENCE_MAX_BYTES)
        }
        kind = category.nominee_kind
        fields: dict[str, forms.Field] = {}
        if kind == NomineeKind.COLLECTIVE:
            fields["brigade"] = forms.ModelChoiceField(
                label=_("Brigade"),
                queryset=in_scope(Brigade.objects.select_related("school"), actor),
                required=False,
            )
            fields["squad"] = forms.ModelChoiceField(
                label=_("Squad"),
                queryset=in_scope(Squad.objects.select_related("brigade__school"), actor),
                required=False,
            )
            fields["committee"] = forms.ModelChoiceField(
                label=_("Work committee"),
                queryset=in_scope(WorkCommittee.objects.all(), actor),
                required=False,
            )
        elif kind == NomineeKind.COUNSELOR:
            fields["counselor"] = PersonChoiceField(
                label=_("Counselor"),
                queryset=in_scope(Counselor.objects.select_related("school", "county"), actor),
            )
        else:
            fields["name"] = forms.CharField(label=_("Name"), max_length=50)
            fields["gender"] = forms.ChoiceField(label=_("Gender"), choices=Gender.choices)
            fields["ethnicity"] = forms.ChoiceField(
                label=_("Ethnicity"), choices=ETHNICITY_CHOICES, initial="汉族"
            )
            if kind == NomineeKind.CHILD:
                fields["school"] = forms.ModelChoiceField(
                    label=_("School"), queryset=in_scope(School.objects.all(), actor)
                )
                fields["squad_name"] = forms.CharField(label=_("Squad"), max_length=50)
                fields["guardian_consent_on"] = forms.DateField(
                    label=_("Guardian's consent to publication recorded on"),
                    required=False,
                    widget=DATE,
                    help_text=_("Without it the child's name is not shown on the public notice."),
                )
            else:
                fields["post"] = forms.CharField(label=_("Post"), max_length=50)
                fields["unit"] = forms.CharField(label=_("Unit"), max_length=100)
        self.fields = {**fields, **self.fields}


class ConsentForm(SeenVersionForm):
    consent_on = forms.DateField(
        label=_("Guardian's consent to publication recorded on"), widget=DATE
    )


class ReviewForm(SeenVersionForm):
    decision = decision_field(_("Decision"), Decision.choices)
    comment = comment_field(_("Reason"), _("Required when returning or rejecting."), rows=3)


class EvidenceForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"), widget=forms.ClearableFileInput(attrs={"accept": ACCEPT})
    )


class NoticePublishForm(forms.Form):
    starts_on = forms.DateField(label=_("Notice starts on"), widget=DATE)


class NoticeCloseForm(forms.Form):
    override = forms.BooleanField(
        label=_("Close although the period is provisional"), required=False
    )


class FinalListForm(forms.Form):
    decision_number = forms.CharField(label=_("Decision's document number"), max_length=60)


class ObjectionForm(forms.Form):
    """A public objection: a person's real name and phone, or an organisation's name and
    letter under its seal."""

    objector_kind = forms.ChoiceField(
        label=_("Objecting as"), choices=ObjectorKind.choices, widget=forms.RadioSelect
    )
    objector_name = forms.CharField(
        label=_("Real name or organisation"), max_length=100, required=False
    )
    objector_phone = forms.CharField(label=_("Phone"), max_length=30, required=False)
    # The nominees are those of the public notice itself, marked as such.
    nomination = forms.ChoiceField(
        label=_("Nominee"), widget=forms.Select(attrs={"data-nominee": ""})
    )
    grounds = forms.CharField(
        label=_("Grounds"), widget=forms.Textarea(attrs={"rows": 6}), max_length=3000
    )
    letter = forms.FileField(
        label=_("Letter under seal (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,application/pdf"}),
    )

    def __init__(self, *args, nominees, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [("", "---------")] + [
            (n.pk, f"{n.category.name}：{n.nominee_name}（{n.nominee_unit}）") for n in nominees
        ]
        self.fields["letter"].help_text = _("Organisations only; at most %(size)s.") % {
            "size": filesizeformat(LETTER_MAX_BYTES)
        }


class ObjectionResolveForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[c for c in ObjectionOutcome.choices if c[0] != ObjectionOutcome.PENDING],
        widget=forms.RadioSelect,
    )
    resolution = forms.CharField(label=_("Finding"), widget=forms.Textarea(attrs={"rows": 4}))
    replacement = forms.ModelChoiceField(
        label=_("Reserve nominee (递补)"), queryset=None, required=False
    )

    def __init__(self, *args, reserves, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["replacement"].queryset = reserves
        self.fields["replacement"].label_from_instance = lambda n: (
            f"{n.nominee_name}（{n.nominee_unit}）"
        )
