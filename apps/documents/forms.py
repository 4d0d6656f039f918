"""Forms of the documents area. Choices are limited to what the user may use (the bodies they
work for, the bodies of the document's division, documents in their scope), so a forged id
is a field error; the services check everything again."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from apps.core.evidence import accept
from apps.core.forms import (
    DecisionForm,
    SeenVersionForm,
    ServiceModelForm,
    VersionedFormMixin,
    comment_field,
    decision_field,
)
from apps.documents.choices import (
    ATTACHMENT_MAX_BYTES,
    ATTACHMENT_TYPES,
    SIGNED_PAGE_TYPES,
    Decision,
    Validity,
)
from apps.documents.models import CoIssuer, Document, IssuingBody, Notice

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class DocumentForm(VersionedFormMixin, ServiceModelForm):
    """A draft's own fields; the lead body is chosen once, when the draft is started."""

    class Meta:
        model = Document
        fields = [
            "title",
            "kind",
            "lead_body",
            "signing_order",
            "number",
            "effective_from",
            "valid_until",
            "text",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 18}),
            "effective_from": DATE_INPUT,
            "valid_until": DATE_INPUT,
            "signing_order": forms.RadioSelect,
        }
        help_texts = {
            "number": _(
                "文号, e.g. 云少工委发〔2018〕12号. May be left empty until the document is issued."
            ),
        }

    def __init__(self, *args, lead_bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["lead_body"]
        else:
            self.fields["lead_body"].queryset = lead_bodies
            self.fields["lead_body"].empty_label = None


class CoIssuerForm(ServiceModelForm):
    class Meta:
        model = CoIssuer
        fields = ["body", "due_on", "position"]
        widgets = {"due_on": DATE_INPUT}
        help_texts = {"position": _("Leave empty to put the body last.")}

    def __init__(self, *args, bodies=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies
        self.fields["position"].required = False


class CoIssuerUpdateForm(VersionedFormMixin, ServiceModelForm):
    """A body's date and place in the grid, as of the document's version: the grid is the
    document's, and any change of it raises that version."""

    class Meta:
        model = CoIssuer
        fields = ["due_on", "position"]
        widgets = {"due_on": DATE_INPUT}

    def versioned_row(self):
        return self.instance.document


class FileForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_("PDF, DOCX or OFD, at most %(mb)d MB.") % {"mb": ATTACHMENT_MAX_BYTES // 2**20},
        widget=forms.ClearableFileInput(attrs={"accept": accept(ATTACHMENT_TYPES)}),
    )


class CountersignForm(DecisionForm):
    """One body's opinion; ``round`` is the round the signer was shown."""

    body = forms.ModelChoiceField(queryset=IssuingBody.objects.none(), widget=forms.HiddenInput)
    round = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    decision = decision_field(_("Opinion"), Decision.choices)
    comment = comment_field(
        _("Comments"),
        _("Required when sending the document back: the drafting office reads it."),
    )
    signed_page = forms.FileField(
        label=_("Signed page (PDF)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": accept(SIGNED_PAGE_TYPES)}),
        help_text=_("The page the body signed, scanned to PDF."),
    )
    comment_needed_for = (Decision.SEND_BACK,)
    comment_missing = _("Say what should change when sending it back.")

    def __init__(self, *args, bodies=None, on_behalf=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = bodies if bodies is not None else IssuingBody.objects.none()
        if not on_behalf:
            del self.fields["signed_page"]


class IssueForm(SeenVersionForm):
    number = forms.CharField(
        label=_("Document number"),
        max_length=40,
        help_text=_("文号, e.g. 云少工委发〔2018〕12号."),
    )
    dated_on = forms.DateField(
        label=_("Date of the document"),
        widget=DATE_INPUT,
        help_text=_("成文日期: for a joint document, the day of the last signature or later."),
    )


class InterpretationForm(SeenVersionForm):
    interpretation = forms.CharField(
        label=_("Interpretation"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("政策解读: what the document changes and for whom, in plain words."),
    )


class ValidityForm(SeenVersionForm):
    validity = forms.ChoiceField(
        label=_("Validity"),
        choices=[
            (Validity.IN_FORCE, Validity.IN_FORCE.label),
            (Validity.AMENDED, _("Amended by a later document")),
            (Validity.REPEALED, _("Repealed by a later document")),
        ],
        widget=forms.RadioSelect,
    )
    later_document = forms.ModelChoiceField(
        label=_("Later document"), queryset=Document.objects.none(), required=False
    )
    valid_until = forms.DateField(
        label=_("Valid until"),
        required=False,
        widget=DATE_INPUT,
        help_text=_("Past this date the document is marked expired."),
    )

    def __init__(self, *args, later_documents=None, **kwargs):
        super().__init__(*args, **kwargs)
        if later_documents is not None:
            self.fields["later_document"].queryset = later_documents


class NoticeForm(VersionedFormMixin, ServiceModelForm):
    class Meta:
        model = Notice
        fields = ["title", "office", "dated_on", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 14}), "dated_on": DATE_INPUT}

    def __init__(self, *args, offices=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices
        self.fields["office"].empty_label = None
