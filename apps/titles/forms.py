from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.titles.choices import FIRST_YEAR, Decision
from apps.titles.models import TitleApplication


class TitleApplicationForm(forms.ModelForm):
    """The applicant's own fields. The applicant is always the signed-in counselor, so the
    form has no foreign key a forged POST could point elsewhere."""

    class Meta:
        model = TitleApplication
        fields = ["track", "target_title", "year", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A round is at most next year's: nobody applies further ahead.
        this_year = timezone.localdate().year
        self.fields["year"] = forms.IntegerField(
            label=self.fields["year"].label,
            min_value=FIRST_YEAR,
            max_value=this_year + 1,
            initial=this_year,
        )


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        help_text=_("PDF, JPG or PNG, at most 5 MB each, at most 10 files."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class ReviewDecisionForm(forms.Form):
    """A reviewer's decision; ``expected_version`` is the version the reviewer was shown."""

    decision = forms.ChoiceField(
        label=_("Decision"), choices=Decision.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when returning or rejecting: the applicant reads it."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (Decision.RETURN, Decision.REJECT)
            and not (cleaned.get("comment") or "").strip()
        ):
            self.add_error("comment", _("Give a reason when returning or rejecting."))
        return cleaned
