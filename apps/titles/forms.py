from django import forms
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from apps.core import clock
from apps.core.evidence import ACCEPT
from apps.core.forms import DecisionForm, VersionedFormMixin, comment_field, decision_field
from apps.core.review import REASON_REQUIRED
from apps.titles.choices import EVIDENCE_MAX_BYTES, EVIDENCE_MAX_FILES, FIRST_YEAR, Decision
from apps.titles.models import TitleApplication


class TitleApplicationForm(VersionedFormMixin, forms.ModelForm):
    """The applicant's own fields. The applicant is always the signed-in counselor, so the
    form has no foreign key a forged POST could point elsewhere. An edit carries the version
    it was loaded with, so it cannot overwrite a change made meanwhile."""

    class Meta:
        model = TitleApplication
        fields = ["track", "target_title", "year", "statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A round is at most next year's: nobody applies further ahead. A past round is
        # refused by the service, which says why.
        this_year = clock.today().year
        self.fields["year"] = forms.IntegerField(
            label=self.fields["year"].label,
            min_value=FIRST_YEAR,
            max_value=this_year + 1,
            initial=this_year,
        )


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Evidence file"),
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = _(
            "PDF, JPG or PNG, at most %(size)s each, at most %(count)d files."
        ) % {"size": filesizeformat(EVIDENCE_MAX_BYTES), "count": EVIDENCE_MAX_FILES}


class ReviewDecisionForm(VersionedFormMixin, DecisionForm):
    """A reviewer's decision on ``application``; ``version`` is the one the reviewer saw."""

    decision = decision_field(_("Decision"), Decision.choices)
    comment = comment_field(
        _("Comment"), _("Required when returning or rejecting: the applicant reads it.")
    )
    comment_needed_for = (Decision.RETURN, Decision.REJECT)
    comment_missing = REASON_REQUIRED

    def __init__(self, *args, application: TitleApplication, **kwargs):
        self.instance = application
        super().__init__(*args, **kwargs)
