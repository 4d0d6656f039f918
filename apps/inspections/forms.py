"""Forms of joint inspections. Every choice is limited to rows the user may use, so a forged
id outside them is a field error and nothing is saved."""

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core.evidence import ACCEPT, DEFAULT_MAX_BYTES, validate_evidence_upload
from apps.core.forms import VersionedFormMixin
from apps.core.people import PersonChoiceField, PersonMultipleChoiceField
from apps.inspections.choices import CircularKind, Rating
from apps.inspections.models import (
    Campaign,
    ChecklistItem,
    Circular,
    EvaluationScheme,
    Finding,
    Inspection,
    TeamMember,
    plain_number,
)
from apps.inspections.services import lead_candidates, score_field
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field; each is checked by content (PDF, JPG or PNG)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ACCEPT}),
        )
        kwargs.setdefault(
            "help_text",
            _("PDF, JPG or PNG, at most %(mb)s MB each.") % {"mb": DEFAULT_MAX_BYTES // 2**20},
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        if not files:
            if self.required:
                raise ValidationError(self.error_messages["required"], code="required")
            return []
        cleaned = [single(f, initial) for f in files]
        for upload in cleaned:
            validate_evidence_upload(upload)
        return cleaned


# --- Campaigns ----------------------------------------------------------------------------


class CampaignForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "year", "start_date", "end_date", "division", "lead", "scope_note"]
        widgets = {
            "start_date": DATE_INPUT,
            "end_date": DATE_INPUT,
            "scope_note": forms.Textarea(attrs={"rows": 3}),
        }
        field_classes = {"lead": PersonChoiceField}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.for_actor(actor)
        self.fields["lead"].queryset = lead_candidates(actor)
        if self.instance.pk:
            # The area is fixed once the campaign exists: its reports are scoped by it.
            self.fields["division"].disabled = True


class TeamMemberForm(forms.ModelForm):
    class Meta:
        model = TeamMember
        fields = ["user", "name", "body", "position"]
        field_classes = {"user": PersonChoiceField}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = User.objects.for_actor(actor).filter(is_active=True)
        self.fields["user"].help_text = _("Members with an account can be assigned reports.")
        self.fields["name"].required = False
        self.fields["name"].help_text = _("Leave empty to use the account's name.")

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("name") and not cleaned.get("user"):
            self.add_error("name", _("Give a name or choose an account."))
        return cleaned


class ChecklistItemForm(forms.ModelForm):
    class Meta:
        model = ChecklistItem
        fields = ["name", "max_score", "weight"]
        widgets = {
            "max_score": forms.NumberInput(attrs={"min": "0.01", "step": "0.01"}),
            "weight": forms.NumberInput(attrs={"min": "0.01", "step": "0.01"}),
        }


class FanOutForm(forms.Form):
    prefectures = forms.ModelMultipleChoiceField(
        label=_("Prefectures"),
        queryset=Division.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    counties = forms.ModelMultipleChoiceField(
        label=_("Counties"),
        queryset=Division.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    schools = forms.ModelMultipleChoiceField(
        label=_("Schools"),
        queryset=School.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Offered for campaigns over a prefecture or a county."),
    )
    inspectors = PersonMultipleChoiceField(
        label=_("Assigned inspectors"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Team members with an account; each chosen target gets them all."),
    )

    def __init__(self, *args, actor, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        area = Division.objects.for_actor(actor).filter(code__startswith=campaign.division.prefix)
        self.fields["prefectures"].queryset = area.filter(level=DivisionLevel.PREFECTURE)
        self.fields["counties"].queryset = area.filter(level=DivisionLevel.COUNTY)
        schools = School.objects.none()
        if campaign.division.level != DivisionLevel.PROVINCE:
            # A province has thousands of schools; its rounds go to prefectures and counties.
            schools = School.objects.for_actor(actor).filter(
                county__code__startswith=campaign.division.prefix
            )
        self.fields["schools"].queryset = schools.only("id", "name", "county_id")
        self.fields["inspectors"].queryset = User.objects.filter(
            pk__in=campaign.team.exclude(user=None).values("user")
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(n) for n in ("prefectures", "counties", "schools")):
            raise ValidationError(_("Choose at least one target."), code="no_targets")
        return cleaned

    def targets(self) -> list:
        return [
            *self.cleaned_data["prefectures"],
            *self.cleaned_data["counties"],
            *self.cleaned_data["schools"],
        ]


# --- Reports ------------------------------------------------------------------------------


class ReportForm(VersionedFormMixin, forms.Form):
    """One column, a number input per checklist item with its own bounds: easy on a phone."""

    inspected_on = forms.DateField(label=_("Inspected on"), required=False, widget=DATE_INPUT)
    summary = forms.CharField(
        label=_("Summary"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    rating = forms.ChoiceField(
        label=_("Overall rating"),
        choices=Rating.choices,
        required=False,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args, inspection: Inspection, checklist: list[ChecklistItem], **kwargs):
        current = {score.item_id: score.score for score in inspection.scores.all()}
        initial = {
            "inspected_on": inspection.inspected_on,
            "summary": inspection.summary,
            "rating": inspection.rating,
            **{score_field(item): current.get(item.pk) for item in checklist},
        }
        kwargs["initial"] = {**initial, **(kwargs.get("initial") or {})}
        super().__init__(*args, **kwargs)
        self.carry_version(inspection)
        self.checklist = checklist
        for item in checklist:
            self.fields[score_field(item)] = forms.DecimalField(
                label=_("%(item)s (0–%(max)s)")
                % {"item": item.name, "max": plain_number(item.max_score)},
                min_value=Decimal(0),
                max_value=item.max_score,
                max_digits=6,
                decimal_places=2,
                required=False,
                help_text=_("Weight %(weight)s") % {"weight": plain_number(item.weight)},
                widget=forms.NumberInput(
                    attrs={
                        "min": "0",
                        "max": str(item.max_score),
                        "step": "0.01",
                        "inputmode": "decimal",
                        "data-score-item": item.pk,
                    }
                ),
            )
        # The rating and summary come after the scores, in the order an inspector works.
        order = ["inspected_on", *(score_field(i) for i in checklist), "rating", "summary"]
        self.order_fields(order)

    def scores(self) -> dict[int, Decimal | None]:
        return {item.pk: self.cleaned_data.get(score_field(item)) for item in self.checklist}


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["text", "severity"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 4}),
            "severity": forms.RadioSelect,
        }


class EvidenceForm(forms.Form):
    files = MultipleFileField(label=_("Evidence files"))


class ReturnForm(forms.Form):
    reason = forms.CharField(label=_("Reason for return"), widget=forms.Textarea(attrs={"rows": 4}))


# --- Rectification orders -----------------------------------------------------------------


class OrderForm(forms.Form):
    requirement = forms.CharField(
        label=_("What must be rectified"), widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_INPUT)
    target_division = forms.ModelChoiceField(
        label=_("To a division"),
        queryset=Division.objects.none(),
        required=False,
        help_text=_("Leave both empty to send the order to the inspected unit."),
    )
    target_school = forms.ModelChoiceField(
        label=_("To a school"), queryset=School.objects.none(), required=False
    )

    def __init__(self, *args, actor, finding: Finding, **kwargs):
        super().__init__(*args, **kwargs)
        inspection = finding.inspection
        if inspection.target_school_id:
            divisions = Division.objects.none()
            schools = School.objects.filter(pk=inspection.target_school_id)
        else:
            prefix = inspection.target_division.prefix
            divisions = Division.objects.filter(code__startswith=prefix)
            schools = School.objects.filter(county__code__startswith=prefix)
        # Only units inside the inspected one, and inside what the issuer may see.
        self.fields["target_division"].queryset = divisions & Division.objects.for_actor(actor)
        self.fields["target_school"].queryset = (schools & School.objects.for_actor(actor)).only(
            "id", "name", "county_id"
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_division") and cleaned.get("target_school"):
            self.add_error("target_school", _("Choose a division or a school, not both."))
        return cleaned

    def target(self):
        return self.cleaned_data.get("target_division") or self.cleaned_data.get("target_school")


class RectificationForm(forms.Form):
    text = forms.CharField(label=_("What was rectified"), widget=forms.Textarea(attrs={"rows": 6}))
    files = MultipleFileField(label=_("Evidence files"), required=False)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"), widget=forms.Textarea(attrs={"rows": 4})
    )
    deadline = forms.DateField(
        label=_("New deadline"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Leave empty to keep the current deadline."),
    )


class RevisitForm(forms.Form):
    revisit_on = forms.DateField(label=_("Re-visit on"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


# --- Circulars ----------------------------------------------------------------------------


class CircularForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Circular
        fields = ["kind", "title", "body", "named_divisions", "named_schools", "findings"]
        widgets = {
            "kind": forms.RadioSelect,
            "body": forms.Textarea(attrs={"rows": 10}),
            "named_divisions": forms.CheckboxSelectMultiple,
            "named_schools": forms.CheckboxSelectMultiple,
            "findings": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, actor, campaign: Campaign, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = CircularKind.choices
        reports = Inspection.objects.for_actor(actor).filter(campaign=campaign)
        # The units a circular names are the ones the campaign inspected.
        self.fields["named_divisions"].queryset = Division.objects.filter(
            code__in=reports.exclude(target_division=None).values("target_division")
        )
        self.fields["named_schools"].queryset = School.objects.filter(
            pk__in=reports.exclude(target_school=None).values("target_school")
        )
        self.fields["findings"].queryset = Finding.objects.filter(
            inspection__in=reports.values("pk")
        ).select_related("inspection__target_division", "inspection__target_school")
        self.fields["findings"].label_from_instance = lambda f: (
            f"{f.inspection.target} · {f.get_severity_display()} · {f.text[:60]}"
        )


# --- Evaluation schemes -------------------------------------------------------------------


class EvaluationSchemeForm(VersionedFormMixin, forms.ModelForm):
    young_pioneer_weight = forms.DecimalField(
        label=_("Weight of Young Pioneer work"),
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        # xgettext:no-python-format
        help_text=_("At least 10% of the total weight of all items."),
        widget=forms.NumberInput(attrs={"min": "0.01", "step": "0.01", "inputmode": "decimal"}),
    )

    class Meta:
        model = EvaluationScheme
        fields = ["name", "year", "division", "description", "young_pioneer_weight"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["division"].queryset = Division.objects.for_actor(actor)
        if self.instance.pk:
            yp = self.instance.items.filter(is_young_pioneer_work=True).first()
            if yp is not None:
                self.initial.setdefault("young_pioneer_weight", yp.weight)


class EvaluationItemForm(forms.Form):
    name = forms.CharField(label=_("Item"), max_length=200, required=False)
    weight = forms.DecimalField(
        label=_("Weight"),
        min_value=Decimal("0.01"),
        max_digits=6,
        decimal_places=2,
        required=False,
        widget=forms.NumberInput(attrs={"min": "0.01", "step": "0.01", "inputmode": "decimal"}),
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("name") and cleaned.get("weight") is None:
            self.add_error("weight", _("Give the item a weight."))
        if cleaned.get("weight") is not None and not cleaned.get("name"):
            self.add_error("name", _("Name the item."))
        return cleaned


class BaseEvaluationItemFormSet(forms.BaseFormSet):
    def items(self) -> list[tuple[str, Decimal]]:
        return [
            (form.cleaned_data["name"], form.cleaned_data["weight"])
            for form in self.forms
            if form.cleaned_data.get("name")
        ]


EvaluationItemFormSet = forms.formset_factory(
    EvaluationItemForm, formset=BaseEvaluationItemFormSet, extra=3, max_num=30, validate_max=True
)


def item_formset_initial(scheme: EvaluationScheme | None) -> list[dict]:
    """The other (non Young Pioneer) items of a scheme, as formset initial data."""
    if scheme is None:
        return []
    return [
        {"name": item.name, "weight": item.weight}
        for item in scheme.items.all()
        if not item.is_young_pioneer_work
    ]
