"""Forms of counselor records. Every choice is limited to the user's scope."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.forms import VersionedFormMixin
from apps.core.security import note_unmasked
from apps.counselors.masking import (
    can_see_full_birth_date,
    can_see_full_id_number,
    can_see_full_phone,
    mask_birth_date,
    mask_id_number,
    mask_phone,
)
from apps.counselors.models import Counselor
from apps.counselors.services import STAFF_FIELDS, check_id_number_free
from apps.counselors.validators import normalize_id_number, validate_phone
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School


class SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.county.name} · {obj.name}"


class MaskedPersonalDataMixin:
    """Never send a viewer a birth date, ID number or phone they may not see in full.

    On an existing record those fields then start empty and show the masked value; an
    empty field keeps what is stored, a filled one replaces it.
    """

    def mask_personal_data(self, viewer) -> None:
        self.viewer = viewer
        self.keeps_id_number = False
        self.keeps_phone = False
        self.keeps_birth_date = False
        if not self.instance.pk:
            return
        if not can_see_full_birth_date(viewer, self.instance):
            self.keeps_birth_date = True
            self._as_replacement("birth_date", mask_birth_date(self.instance.birth_date))
        if not can_see_full_id_number(viewer):
            self.keeps_id_number = True
            self._as_replacement("id_number", mask_id_number(self.instance.id_number))
        if not can_see_full_phone(viewer, self.instance):
            self.keeps_phone = True
            self._as_replacement("phone", mask_phone(self.instance.phone))
        kept = {"birth_date": self.keeps_birth_date, "id_number": self.keeps_id_number}
        kept["phone"] = self.keeps_phone
        in_full = [
            name for name, keeps in kept.items() if not keeps and getattr(self.instance, name)
        ]
        if in_full and self.instance.user_id != viewer.pk:
            # The form carries them in full: on record in the security log, as on a page.
            note_unmasked(viewer, self.instance, in_full)

    def _as_replacement(self, name: str, masked: str) -> None:
        field = self.fields.get(name)
        if field is None:
            # A read-only admin page has no field; it shows the masked value instead.
            return
        field.required = False
        field.help_text = _("Currently %(masked)s. Leave empty to keep it.") % {
            "masked": masked or "—"
        }
        self.initial[name] = ""

    def clean_birth_date(self):
        value = self.cleaned_data.get("birth_date")
        if value is None and self.keeps_birth_date:
            return self.instance.birth_date
        return value

    def validate_unique(self):
        # A taken ID number gets the services' one neutral message, whether the holder is in
        # the viewer's area or not (Django's own would say the record exists).
        exclude = self._get_validation_exclusions()
        try:
            self.instance.validate_unique(exclude=exclude | {"id_number"})
            if "id_number" not in exclude and self.instance.id_number:
                check_id_number_free(
                    actor=self.viewer, id_number=self.instance.id_number, pk=self.instance.pk
                )
        except ValidationError as error:
            self._update_errors(error)

    def clean_id_number(self):
        value = normalize_id_number(self.cleaned_data.get("id_number") or "")
        if not value and self.keeps_id_number:
            return self.instance.id_number
        return value

    def clean_phone(self):
        value = (self.cleaned_data.get("phone") or "").strip()
        if not value and self.keeps_phone:
            return self.instance.phone
        return value


class CounselorForm(MaskedPersonalDataMixin, VersionedFormMixin, forms.ModelForm):
    """Create or edit a counselor record (education staff), choices limited to the scope; an
    edit carries the version it was loaded with, so it cannot overwrite a newer change."""

    school = SchoolChoiceField(queryset=School.objects.none(), required=False, label=_("School"))

    class Meta:
        model = Counselor
        fields = list(STAFF_FIELDS)
        widgets = {
            "birth_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "id_number": forms.TextInput(attrs={"autocomplete": "off", "maxlength": 18}),
            "phone": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"}),
        }

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["county"].queryset = Division.objects.for_actor(actor).filter(
            level=DivisionLevel.COUNTY
        )
        self.fields["school"].queryset = School.objects.for_actor(actor).select_related("county")
        self.fields["school"].help_text = _("Leave empty for a county chief counselor.")
        self.mask_personal_data(actor)


class CounselorAdminForm(MaskedPersonalDataMixin, VersionedFormMixin, forms.ModelForm):
    """The admin's counselor form; the admin binds ``viewer`` to the request's user."""

    viewer = None

    class Meta:
        model = Counselor
        fields = [*STAFF_FIELDS, "user"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.mask_personal_data(self.viewer)

    def clean_user(self):
        user = self.cleaned_data.get("user")
        if user is not None and user.role != Role.COUNSELOR:
            raise forms.ValidationError(_("Only an account with the counselor role fits."))
        return user


class CounselorPhoneForm(forms.Form):
    """What a counselor may correct on their own record: the phone, nothing else."""

    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        validators=[validate_phone],
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
