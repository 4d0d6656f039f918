"""Forms of the funding pages. Amounts are typed in yuan and read as Decimal to the fen; the
choices offered are limited to what the actor may use, and the services check again."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.evidence import SCANS_AND_PHOTOS, accept
from apps.core.forms import PostedVersionForm, VersionedFormMixin
from apps.core.money import to_fen
from apps.core.scope import code_prefix, in_scope
from apps.funding import rights
from apps.funding.budget import Pot
from apps.funding.choices import (
    FIRST_YEAR,
    PROGRAM_NEXT,
    TARGET_SCHOOL_FLAG,
    FundingBody,
    ProgramStatus,
    Target,
)
from apps.funding.models import Envelope, Program
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School, WorkCommittee


class MoneyField(forms.Field):
    """An amount in yuan: "3000", "3,000.00" or "3000.5" become Decimal("3000.00"); a third
    decimal, a negative amount or (unless ``allow_zero``) zero are refused."""

    def __init__(self, *, allow_zero: bool = False, **kwargs):
        self.allow_zero = allow_zero
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": "20"}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        text = str(value or "").replace("元", "").replace(" ", "").strip()
        if not text:
            return None
        if len(text) > 20:
            raise ValidationError(_("Enter an amount in yuan, e.g. 3000.00."), code="money")
        amount = to_fen(text)
        if amount < 0 or (amount == 0 and not self.allow_zero):
            raise ValidationError(_("The amount must be more than zero."), code="not_positive")
        return amount

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return f"{value:.2f}"
        return value


def _textarea(rows: int = 3) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ProgramForm(VersionedFormMixin, forms.Form):
    """A program's terms; on an existing program also its status (forward only)."""

    name = forms.CharField(label=_("Name"), max_length=200)
    year = forms.IntegerField(label=_("Year"), min_value=FIRST_YEAR, max_value=2100)
    bodies = forms.MultipleChoiceField(
        label=_("Funding bodies"),
        choices=FundingBody.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    total_budget = MoneyField(label=_("Total budget (yuan)"))
    target = forms.ChoiceField(label=_("Pays"), choices=Target.choices)
    purpose = forms.CharField(label=_("Purpose"), widget=_textarea(4))
    dual_signoff_threshold = MoneyField(
        label=_("Dual sign-off above (yuan)"),
        required=False,
        help_text=Program._meta.get_field("dual_signoff_threshold").help_text,
    )
    status = forms.ChoiceField(label=_("Status"), choices=ProgramStatus.choices)

    def __init__(self, *args, instance: Program | None = None, **kwargs):
        self.instance = instance
        if instance is not None:
            # The page's own initial values (none, usually) win over the program's.
            kwargs["initial"] = {
                "name": instance.name,
                "year": instance.year,
                "bodies": [str(body) for body in instance.bodies],
                "total_budget": instance.total_budget,
                "target": instance.target,
                "purpose": instance.purpose,
                "dual_signoff_threshold": instance.dual_signoff_threshold,
                "status": instance.status,
                **(kwargs.get("initial") or {}),
            }
        super().__init__(*args, **kwargs)
        if instance is None:
            del self.fields["status"]
        else:
            allowed = PROGRAM_NEXT[ProgramStatus(instance.status)]
            self.fields["status"].choices = [c for c in ProgramStatus.choices if c[0] in allowed]

    TERMS = (
        "name",
        "year",
        "bodies",
        "total_budget",
        "purpose",
        "target",
        "dual_signoff_threshold",
    )

    def terms(self) -> dict:
        """The program's terms as the services take them."""
        return {name: self.cleaned_data[name] for name in self.TERMS}


class EnvelopeForm(forms.Form):
    """An envelope to a division one level below a pot the actor passes money down from."""

    division = forms.ModelChoiceField(label=_("To"), queryset=Division.objects.none())
    amount = MoneyField(label=_("Amount (yuan)"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def __init__(self, *args, program: Program, actor, pots: list[Pot], **kwargs):
        super().__init__(*args, **kwargs)
        givers = [
            pot.division_id for pot in pots if rights.may_pass_envelopes(actor, pot.division_id)
        ]
        taken = Envelope.objects.filter(program=program).values("division_id")
        self.fields["division"].queryset = (
            in_scope(Division.objects.filter(parent_id__in=givers), actor)
            .filter(level__in=[DivisionLevel.PREFECTURE, DivisionLevel.COUNTY])
            .exclude(code__in=taken)
            .order_by("code")
        )

    @property
    def has_choices(self) -> bool:
        return self.fields["division"].queryset.exists()


class _SchoolChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.county.name} · {obj.name}"


class AllocationForm(forms.Form):
    """A recipient (a school of the program's kind, or a county work committee), an amount and
    what it is for. Schools outside the actor's scope are not valid choices; a school of the
    wrong kind is refused by the service with a message saying why."""

    school = _SchoolChoiceField(label=_("Recipient school"), queryset=School.objects.none())
    committee = forms.ModelChoiceField(
        label=_("Recipient committee"), queryset=WorkCommittee.objects.none()
    )
    amount = MoneyField(label=_("Amount (yuan)"))
    purpose = forms.CharField(label=_("Purpose"), max_length=200, required=False)

    def __init__(self, *args, program: Program, actor, **kwargs):
        super().__init__(*args, **kwargs)
        self.program = program
        area = code_prefix(program.division_id)
        if program.target == Target.COMMITTEES:
            del self.fields["school"]
            self.fields["committee"].queryset = in_scope(
                WorkCommittee.objects.filter(
                    division__level=DivisionLevel.COUNTY, division__code__startswith=area
                ),
                actor,
            ).order_by("division_id")
            return
        del self.fields["committee"]
        schools = in_scope(School.objects.filter(county__code__startswith=area), actor)
        field = self.fields["school"]
        field.queryset = schools.select_related("county").order_by("county_id", "name", "id")
        flag = TARGET_SCHOOL_FLAG.get(Target(program.target))
        if flag:
            # Offer the schools of the program's kind; any school in scope stays a valid
            # choice, so a wrong one reaches the service and gets its message.
            field.help_text = _("Only %(kind)s are listed.") % {
                "kind": Target(program.target).label
            }
            offered = field.queryset.filter(**{flag: True})
            field.widget.choices = [("", field.empty_label)] + [
                (school.pk, field.label_from_instance(school)) for school in offered
            ]

    @property
    def recipient(self):
        return self.cleaned_data.get("school") or self.cleaned_data.get("committee")

    @property
    def recipient_field(self) -> str:
        return "committee" if "committee" in self.fields else "school"


class ReasonForm(PostedVersionForm):
    reason = forms.CharField(label=_("Reason"), widget=_textarea(3))


class UsageReportForm(PostedVersionForm):
    spent = MoneyField(label=_("Spent (yuan)"), allow_zero=True)
    summary = forms.CharField(label=_("What the money paid for"), widget=_textarea(5))
    receipt = forms.FileField(
        label=_("Receipt or photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept(SCANS_AND_PHOTOS)}),
        help_text=_("PDF, JPG or PNG, at most 5 MB."),
    )
