"""Forms of the pairing pages: choices limited to what the actor may use (the services check
again), amounts typed in yuan and read as Decimal to the fen."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.evidence import EvidenceType, accept
from apps.core.forms import VersionedFormMixin
from apps.core.money import to_fen
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Brigade, Division
from apps.pairing.choices import CAMPAIGN_2017, ActivityKind, WishCategory
from apps.pairing.models import Institution
from apps.pairing.services import institutions

PHOTO_TYPES = (EvidenceType.JPEG, EvidenceType.PNG)
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MoneyField(forms.Field):
    """Yuan as typed ("45", "1,200.50") to a Decimal to the fen; the service checks the range."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        text = str(value or "").replace("元", "").replace(" ", "").strip()
        if not text:
            return None
        if len(text) > 20:
            raise forms.ValidationError(_("Enter an amount in yuan, e.g. 3000.00."))
        return to_fen(text)


class InstitutionForm(VersionedFormMixin, forms.ModelForm):
    class Meta:
        model = Institution
        fields = list(institutions.FIELDS)  # what the service takes, no more

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["prefecture"].queryset = Division.objects.filter(
            level=DivisionLevel.PREFECTURE
        ).order_by("code")
        self.fields["prefecture"].empty_label = _("Outside the province")

    def clean(self):
        # The service checks the place and the constraints, with messages by the fields.
        return self.cleaned_data

    def validate_unique(self):
        return None


class PairingForm(forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), label=_("Institution")
    )
    brigade = forms.ModelChoiceField(queryset=Brigade.objects.none(), label=_("Brigade"))
    squad = forms.CharField(
        label=_("Squad (optional)"),
        max_length=50,
        required=False,
        help_text=_("To pair with one squad of the brigade, its name, e.g. 三年级（2）班中队."),
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    campaign = forms.CharField(label=_("Campaign name"), max_length=50, required=False)
    started_on = forms.DateField(label=_("Paired on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.for_actor(actor)
        self.fields["brigade"].queryset = (
            Brigade.objects.for_actor(actor).select_related("school").order_by("school__name", "id")
        )
        today = clock.today()
        self.fields["year"].initial = today.year
        self.fields["started_on"].initial = today
        self.fields["campaign"].initial = CAMPAIGN_2017

    def clean(self):
        data = super().clean()
        brigade, name = data.get("brigade"), (data.get("squad") or "").strip()
        data["organization"] = brigade
        if brigade is not None and name:
            squad = brigade.squads.filter(name=name).first()
            if squad is None:
                self.add_error("squad", _("The brigade has no squad of this name."))
            data["organization"] = squad
        return data


class ActivityForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DATE)
    kind = forms.ChoiceField(label=_("Kind"), choices=ActivityKind.choices)
    volunteers = forms.IntegerField(label=_("Volunteers"), min_value=0)
    service_hours = forms.DecimalField(
        label=_("Service hours"), min_value=0, max_digits=8, decimal_places=1
    )
    children_reached = forms.IntegerField(label=_("Children reached"), min_value=0)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class WishForm(forms.Form):
    brigade = forms.ModelChoiceField(queryset=Brigade.objects.none(), label=_("Brigade"))
    card_label = forms.CharField(
        label=_("Wish card"),
        max_length=30,
        help_text=_("No name: e.g. 某校三年级队员."),
    )
    text = forms.CharField(
        label=_("Wish"), max_length=300, widget=forms.Textarea(attrs={"rows": 3})
    )
    category = forms.ChoiceField(label=_("Category"), choices=WishCategory.choices)
    estimated_value = MoneyField(label=_("Estimated value (yuan)"))

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        brigades = Brigade.objects.filter(school_id=actor.school_id).order_by("id")
        self.fields["brigade"].queryset = brigades
        if len(brigades) == 1:
            self.fields["brigade"].initial = brigades[0].pk
        self.fields["card_label"].initial = "某校三年级队员"


class ClaimForm(VersionedFormMixin, forms.Form):
    institution = forms.ModelChoiceField(
        queryset=Institution.objects.none(), label=_("Claimed for")
    )

    def __init__(self, *args, actor, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["institution"].queryset = Institution.objects.for_actor(actor)


class FulfilForm(VersionedFormMixin, forms.Form):
    fulfilled_on = forms.DateField(label=_("Fulfilled on"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=200, required=False)
    photo = forms.FileField(
        label=_("Photo of the gift (optional)"),
        required=False,
        help_text=_("JPEG or PNG of the gift only, never of a child."),
        widget=forms.ClearableFileInput(
            attrs={"accept": accept((EvidenceType.JPEG, EvidenceType.PNG))}
        ),
    )

    def __init__(self, *args, instance=None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.fields["fulfilled_on"].initial = clock.today()
