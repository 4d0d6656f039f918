"""Staff pages of documents: the list, a draft's form, the document page with its
countersigning grid, a round's changes, and the files behind them."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from apps.core import clock
from apps.core.history import history_of_related, history_panel, parts_history
from apps.core.views import (
    FileDownloadView,
    FilteredListView,
    ObjectFormView,
    ServiceFormView,
    get_or_404,
)
from apps.documents import selectors, services
from apps.documents.choices import Decision
from apps.documents.diff import changes_in_round
from apps.documents.forms import (
    CoIssuerForm,
    CountersignForm,
    DocumentForm,
    FileForm,
    InterpretationForm,
    IssueForm,
    ValidityForm,
)
from apps.documents.models import Attachment, CoIssuer, Document, IssuingBody, SignedPage
from apps.exports.mixins import ListExportMixin


def document_url(document: Document) -> str:
    return reverse("documents:document-detail", args=[document.pk])


class DocumentListView(ListExportMixin, FilteredListView):
    """Documents in the user's scope, filtered by status, kind, year, text and what waits
    for them; ``?format=xlsx|csv`` exports the filtered rows (apps.documents.exports)."""

    list_selector = selectors.document_list
    ordering = ("-dated_on", "-id")
    export_kind = "documents"
    row_fields = (
        *("title", "number", "kind", "status", "round", "valid_until"),
        *("lead_body__name", "lead_body__short_name"),
        *("amended_by__title", "repealed_by__title"),
    )


class _DocumentForm:
    """The draft's form; a save leads to the document's page."""

    template_name = "documents/document_form.html"
    form_class = DocumentForm
    detail_url = "documents:document-detail"


class DocumentCreateView(_DocumentForm, ServiceFormView):
    """Start a draft in the name of a body the user works for."""

    title = _("New policy document")
    success_message = _("Draft saved. Add the co-issuing bodies and attachments, then send it.")
    service = services.document_create

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["lead_bodies"] = selectors.bodies_for_drafting(actor=self.request.user)
        return kwargs


class DocumentUpdateView(_DocumentForm, ObjectFormView):
    """The drafting office changes a draft, or a document sent back to it."""

    selector = selectors.document_get
    title = _("Edit the draft")
    success_message = _("Draft saved.")
    edits_object = True
    service = services.document_update


def _turn_form(turn, data=None, files=None) -> CountersignForm:
    body = turn.step.body
    return CountersignForm(
        data,
        files,
        prefix=f"turn-{body.pk}",
        bodies=type(body).objects.filter(pk=body.pk),
        on_behalf=turn.on_behalf,
        initial={"body": body.pk, "round": turn.step.round, "decision": Decision.SIGN},
    )


def document_history(document: Document, *, viewer) -> list:
    """The document's changes (each countersigning step saves it with its reason), those of
    its co-issuing bodies (added, moved, given a new date, removed), its attachments' and
    the signed pages recorded for bodies without staff."""
    names = dict(IssuingBody.objects.values_list("pk", "name"))
    label = CoIssuer._meta.verbose_name
    coissuers = history_of_related(
        CoIssuer,
        viewer=viewer,
        label=lambda row: f"{label}：{names.get(row.body_id, '')}",
        document_id=document.pk,
    )
    pages = history_of_related(SignedPage, viewer=viewer, step_id__in=document.steps.values("pk"))
    files = parts_history(document, ((Attachment, "document"),), viewer=viewer)
    return history_panel(document, viewer=viewer, related=[coissuers, pages, *files])


def document_page(request, document: Document, *, status: int = 200, **bound):
    """The document page: facts, the sent-back comments, the grid, the turns the user may
    take (each with what changed since the body last saw it), the text, files, rounds and
    history. ``bound`` replaces a form by the one just posted (with its errors)."""
    actor = request.user
    office = services.is_drafting_office(actor, document)
    turns = selectors.turns_for(actor=actor, document=document)
    turn_forms = bound.pop("turn_forms", {})
    seen = {"version": document.version}
    context = {
        "document": document,
        "validity": document.validity,
        "is_office": office,
        "grid": selectors.countersign_grid(document=document),
        "removed_steps": selectors.steps_of_removed_bodies(document=document),
        "send_backs": document.steps.filter(round=document.round, decision=Decision.SEND_BACK)
        .select_related("body", "acted_by")
        .order_by("acted_at")
        if document.was_sent_back
        else [],
        "turns": [(turn, turn_forms.get(turn.step.body_id) or _turn_form(turn)) for turn in turns],
        "attachments": selectors.attachments_of(document=document),
        "removed_attachments": selectors.attachments_of(
            document=document, include_removed=True
        ).filter(removed_at__isnull=False),
        "rounds": list(document.versions.order_by("round").values_list("round", flat=True)),
        "history": document_history(document, viewer=actor),
        "unsigned": services.unsigned_bodies(document),
        "today": clock.today(),
    }
    if office and document.is_drafting:
        context["coissuer_form"] = bound.get("coissuer_form") or CoIssuerForm(
            bodies=selectors.bodies_for_grid(document=document)
        )
        context["file_form"] = bound.get("file_form") or FileForm()
    if office and not document.is_issued and not context["unsigned"]:
        can_issue = document.is_countersigning or not document.co_issuers.exists()
        if can_issue:
            context["issue_form"] = bound.get("issue_form") or IssueForm(
                initial={**seen, "number": document.number, "dated_on": clock.today()}
            )
    if office and document.is_issued:
        context["interpretation_form"] = bound.get("interpretation_form") or InterpretationForm(
            initial={**seen, "interpretation": document.interpretation}
        )
    later = selectors.later_documents(actor=actor, document=document)
    if document.is_issued and (office or later.exists()):
        context["validity_form"] = bound.get("validity_form") or ValidityForm(
            later_documents=later,
            initial={
                **seen,
                "validity": document.validity
                if document.validity in ("amended", "repealed")
                else "in_force",
                "later_document": document.repealed_by_id or document.amended_by_id,
                "valid_until": document.valid_until,
            },
        )
    return render(request, "documents/document_detail.html", context, status=status)


class DocumentDetailView(View):
    def get(self, request, pk):
        document = get_or_404(selectors.document_get, actor=request.user, pk=pk)
        return document_page(request, document)


class DocumentRoundView(TemplateView):
    """One round's version: its text, and what changed since the round before."""

    template_name = "documents/document_round.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        document = get_or_404(selectors.document_get, actor=self.request.user, pk=kwargs["pk"])
        version = document.versions.filter(round=kwargs["round"]).first()
        if version is None:
            raise Http404
        context.update(
            document=document,
            version=version,
            changes=changes_in_round(document, version.round),
        )
        return context


class AttachmentDownloadView(FileDownloadView):
    """A document's file for staff in scope (drafts and removed files included)."""

    selector = selectors.attachment_get


class SignedPageDownloadView(FileDownloadView):
    """The signed page of a body without staff, for staff in scope; never public."""

    selector = selectors.signed_page_get
