"""The steps posted from the document page: the grid and the files of a draft, sending it
for countersigning, a body's opinion, issue, interpretation and validity. A refusal is shown
on the document page, next to the field it concerns."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views import View

from apps.core.forms import apply_service_errors
from apps.core.views import ObjectActionView, ObjectFormView, PageFormPostView, get_or_404
from apps.documents import selectors, services
from apps.documents.choices import Decision
from apps.documents.forms import (
    CoIssuerForm,
    CoIssuerUpdateForm,
    FileForm,
    InterpretationForm,
    IssueForm,
    ValidityForm,
)
from apps.documents.models import Attachment, CoIssuer
from apps.documents.views.documents import _turn_form, document_page, document_url


def seen_version(request) -> int:
    """The version the page was loaded at; a post without one is refused as stale."""
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        raise ValidationError(_("Reload the page and try again."), code="stale") from None


class DocumentFormStepView(PageFormPostView):
    """A form posted from the document page: valid, it goes to ``perform``; invalid or
    refused, the document page is shown again with the form and its errors."""

    selector = selectors.document_get
    form_name = ""

    def back(self, document):
        return document_url(document)

    def page(self, document, form):
        document.refresh_from_db()
        return document_page(self.request, document, status=400, **{self.form_name: form})


class CoIssuerAddView(DocumentFormStepView):
    form_name = "coissuer_form"
    success_message = _("Body added to the countersigning grid.")
    service = services.coissuer_add

    def make_form(self, document):
        return CoIssuerForm(self.request.POST, bodies=selectors.bodies_for_grid(document=document))


class CoIssuerUpdateView(ObjectFormView):
    """Change a body's requested-by date or place in the order, while drafting."""

    template_name = "documents/coissuer_form.html"
    form_class = CoIssuerUpdateForm
    title = _("Requested-by date and order")
    success_message = _("Countersigning grid saved.")

    @staticmethod
    def selector(*, actor, pk):
        return CoIssuer.objects.for_actor(actor).select_related("document", "body").get(pk=pk)

    def get_instance(self):
        return self.object

    def perform(self, form):
        return services.coissuer_update(
            actor=self.request.user,
            co_issuer=self.object,
            **self.form_values(form),
            **self.versioned(form),
        )

    def success_url_for(self, co_issuer):
        return document_url(co_issuer.document)


class CoIssuerRemoveView(ObjectActionView):
    success_message = _("Body taken out of the countersigning grid.")

    @staticmethod
    def selector(*, actor, pk):
        return CoIssuer.objects.for_actor(actor).select_related("document").get(pk=pk)

    service = services.coissuer_remove
    object_keyword = "co_issuer"

    def back(self, co_issuer):
        return document_url(co_issuer.document)


class AttachmentAddView(DocumentFormStepView):
    form_name = "file_form"
    success_message = _("Attachment added.")
    form_class = FileForm

    def perform(self, document, form):
        services.attachment_add(
            actor=self.request.user, document=document, upload=form.cleaned_data["file"]
        )


class AttachmentRemoveView(ObjectActionView):
    success_message = _("Attachment removed.")

    @staticmethod
    def selector(*, actor, pk):
        return (
            Attachment.objects.for_actor(actor)
            .filter(removed_at__isnull=True)
            .select_related("document")
            .get(pk=pk)
        )

    service = services.attachment_remove

    def back(self, attachment):
        return document_url(attachment.document)


class DocumentSubmitView(ObjectActionView):
    """Send a draft, or a document sent back, to its co-issuing bodies."""

    selector = selectors.document_get
    success_message = _("Sent for countersigning.")

    def perform(self, document):
        return services.document_submit(
            actor=self.request.user, document=document, seen_version=seen_version(self.request)
        )

    def back(self, document):
        return document_url(document)


class DocumentCountersignView(View):
    """One body's opinion, posted from its turn on the document page."""

    def post(self, request, pk):
        document = get_or_404(selectors.document_get, actor=request.user, pk=pk)
        turns = {
            t.step.body_id: t for t in selectors.turns_for(actor=request.user, document=document)
        }
        try:
            turn = turns[int(request.POST.get("turn", ""))]
        except (KeyError, ValueError):
            messages.error(
                request, _("This turn is no longer open; the page shows where the document stands.")
            )
            return redirect(document_url(document))
        form = _turn_form(turn, request.POST, request.FILES)
        if form.is_valid():
            # The form's values, the round the signer was shown as ``seen_round``.
            values = dict(form.cleaned_data)
            try:
                step = services.document_countersign(
                    actor=request.user,
                    document=document,
                    seen_round=values.pop("round"),
                    **values,
                )
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                message = (
                    _("Signed off for %(body)s.")
                    if step.decision == Decision.SIGN
                    else _("Sent back to the drafting office for %(body)s.")
                )
                messages.success(request, message % {"body": step.body.label})
                return redirect(document_url(document))
        document.refresh_from_db()
        return document_page(request, document, status=400, turn_forms={turn.step.body_id: form})


class DocumentIssueView(DocumentFormStepView):
    form_name = "issue_form"
    success_message = _("Document issued; it is now on the public list.")
    form_class = IssueForm
    service = services.document_issue


class DocumentInterpretView(DocumentFormStepView):
    form_name = "interpretation_form"
    success_message = _("Interpretation published.")
    form_class = InterpretationForm
    service = services.document_interpret


class DocumentValidityView(DocumentFormStepView):
    form_name = "validity_form"
    success_message = _("Validity recorded.")
    service = services.document_set_validity

    def make_form(self, document):
        later = selectors.later_documents(actor=self.request.user, document=document)
        return ValidityForm(self.request.POST, later_documents=later)
