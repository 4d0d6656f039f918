"""Pages of title applications: the applicant's list, draft, edit page and evidence, and the
reviewers' queue and decision. Rows come from scoped selectors (a 404 outside them)."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from apps.core.history import history_panel, parts_history
from apps.core.views import FileDownloadView, ObjectFormView, ServiceFormView, get_or_404
from apps.counselors.selectors import counselor_for_user
from apps.exports.mixins import ListExportMixin
from apps.titles import selectors, services
from apps.titles.choices import EVIDENCE_MAX_FILES, ApplicationStatus, Decision
from apps.titles.forms import EvidenceUploadForm, ReviewDecisionForm, TitleApplicationForm
from apps.titles.models import EvidenceFile

EDIT_TEMPLATE = "titles/titleapplication_form.html"
DETAIL_TEMPLATE = "titles/titleapplication_detail.html"


def _edit_context(application, *, form=None, upload_form=None, submit_error=None) -> dict:
    """The applicant's edit page: the application form, the evidence and its upload form,
    the reason of the last return, and why a submission was refused."""
    return {
        "application": application,
        "form": form or TitleApplicationForm(instance=application),
        "upload_form": upload_form or EvidenceUploadForm(),
        "evidence": selectors.evidence_list(application=application),
        "evidence_limit": EVIDENCE_MAX_FILES,
        "last_return": selectors.review_history(application=application)
        .filter(decision=Decision.RETURN)
        .last(),
        "submit_error": submit_error,
        "title_won_in": selectors.title_won_before(application=application),
        "is_applicant": True,
    }


def _open_application(form) -> int | None:
    """The open application of the chosen round, when that is what stands in the way of
    the form (the service's ``open_application`` error on the year)."""
    for error in form.errors.as_data().get("year", []):
        if error.code == "open_application":
            return error.params["open_application"]
    return None


def _detail_context(actor, application, *, review_form=None) -> dict:
    """An application with its evidence, review history and what the portal knows of the
    applicant; the decision form for a reviewer at the level it waits at."""
    level = selectors.reviewer_level(actor)
    is_applicant = application.applicant.user_id == actor.pk
    can_review = (
        level is not None
        and not is_applicant
        and application.status == ApplicationStatus.SUBMITTED
        and application.current_level == level
    )
    if can_review and review_form is None:
        review_form = ReviewDecisionForm(application=application)
    return {
        "application": application,
        "steps": selectors.review_history(application=application),
        "evidence": selectors.evidence_list(application=application),
        "profile": selectors.applicant_profile(application=application, viewer=actor),
        "title_won_in": selectors.title_won_before(application=application),
        "is_applicant": is_applicant,
        "can_edit": is_applicant and application.is_editable,
        "review_form": review_form,
        "reviewer_level": level,
        "history": history_panel(
            application,
            viewer=actor,
            related=parts_history(application, ((EvidenceFile, "application"),), viewer=actor),
        ),
    }


class TitleApplicationListView(ListExportMixin, TemplateView):
    """The signed-in counselor's own applications; ``?format=xlsx|csv`` exports them
    (apps.titles.exports)."""

    template_name = "titles/titleapplication_list.html"
    export_kind = "my-title-applications"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counselor"] = counselor_for_user(user=self.request.user)
        context["applications"] = selectors.title_application_list_own(actor=self.request.user)
        return context


class TitleApplicationCreateView(ServiceFormView):
    """A counselor starts a draft; evidence is added on the edit page it leads to."""

    template_name = "titles/titleapplication_create.html"
    form_class = TitleApplicationForm
    success_message = _("Draft saved. Add your evidence files, then submit.")

    def load(self):
        if counselor_for_user(user=self.request.user) is None:
            raise Http404

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.title_application_create(actor=self.request.user, **data)

    def form_invalid(self, form):
        self.open_application = _open_application(form)
        return super().form_invalid(form)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["open_application"] = getattr(self, "open_application", None)
        return context

    def success_url_for(self, saved):
        return reverse("titles:application-update", args=[saved.pk])


class _ApplicantFormView(ObjectFormView):
    """A form on the applicant's edit page about one of their own applications; its errors
    are shown on that page."""

    template_name = EDIT_TEMPLATE
    selector = selectors.title_application_get_own

    def success_url_for(self, saved):
        return reverse("titles:application-update", args=[self.object.pk])


class TitleApplicationUpdateView(_ApplicantFormView):
    """The applicant edits a draft or returned application and manages its evidence; a save
    over a change made since the page was loaded is refused."""

    form_class = TitleApplicationForm
    success_message = _("Application saved.")

    def get(self, request, *args, **kwargs):
        if not self.object.is_editable:
            return redirect("titles:application-detail", pk=self.object.pk)
        return super().get(request, *args, **kwargs)

    def get_instance(self):
        return self.object

    def get_context_data(self, **kwargs):
        form = kwargs.pop("form", None) or self.get_form()
        if form.is_bound:
            # The form changed the instance it was given; the page shows what is stored.
            self.object.refresh_from_db()
        return {
            **super().get_context_data(**kwargs),
            **_edit_context(self.object, form=form),
            "open_application": _open_application(form) if form.is_bound else None,
        }

    def perform(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        return services.title_application_update(
            actor=self.request.user,
            application=self.object,
            seen_version=form.cleaned_data["version"],
            **data,
        )


class EvidenceAddView(_ApplicantFormView):
    """The applicant uploads one evidence file to their draft or returned application."""

    http_method_names = ["post"]
    form_class = EvidenceUploadForm
    success_message = _("Evidence file added.")

    def get_context_data(self, **kwargs):
        upload_form = kwargs.pop("form")
        return {
            **super().get_context_data(**kwargs),
            **_edit_context(self.object, upload_form=upload_form),
        }

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def perform(self, form):
        try:
            return services.evidence_add(
                actor=self.request.user, application=self.object, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            # Every refusal is about the file (its type, size, or one too many).
            raise ValidationError({"file": error}) from error


class TitleApplicationSubmitView(View):
    """The applicant submits a draft, or resubmits a returned application."""

    http_method_names = ["post"]

    def post(self, request, pk):
        application = get_or_404(selectors.title_application_get_own, actor=request.user, pk=pk)
        submit = (
            services.title_application_resubmit
            if application.status == ApplicationStatus.RETURNED
            else services.title_application_submit
        )
        try:
            submit(actor=request.user, application=application)
        except ValidationError as error:
            context = _edit_context(application, submit_error=error.messages)
            return render(request, EDIT_TEMPLATE, context, status=400)
        messages.success(request, _("Application submitted for review."))
        return redirect("titles:application-detail", pk=application.pk)


class EvidenceRemoveView(View):
    """The applicant removes an evidence file from their draft or returned application."""

    http_method_names = ["post"]

    def post(self, request, pk):
        evidence = get_or_404(selectors.evidence_get, actor=request.user, pk=pk)
        application_pk = evidence.application_id
        try:
            services.evidence_remove(actor=request.user, evidence=evidence)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Evidence file removed."))
        return redirect("titles:application-update", pk=application_pk)


class EvidenceDownloadView(FileDownloadView):
    """An evidence file, as an attachment, for the applicant or a reviewer in scope."""

    selector = selectors.evidence_get


class TitleApplicationDetailView(View):
    """An application with its evidence, review history and the applicant's record; the
    decision form for a reviewer at the level it waits at."""

    def get(self, request, pk):
        application = get_or_404(selectors.title_application_get, actor=request.user, pk=pk)
        return render(request, DETAIL_TEMPLATE, _detail_context(request.user, application))


class TitleApplicationReviewView(ObjectFormView):
    """A reviewer's decision, posted from the detail page; a decision taken on a page loaded
    before someone else's is refused (409) with a message to reload."""

    http_method_names = ["post"]
    template_name = DETAIL_TEMPLATE
    form_class = ReviewDecisionForm
    selector = selectors.title_application_get
    object_keyword = "application"
    form_takes_object = True
    service = services.title_application_review

    def get_context_data(self, **kwargs):
        review_form = kwargs.pop("form")
        return _detail_context(self.request.user, self.object, review_form=review_form)

    def form_invalid(self, form):
        stale = any(error.code == "stale" for error in form.non_field_errors().as_data())
        if stale:
            self.object.refresh_from_db()
        response = super().form_invalid(form)
        response.status_code = 409 if stale else 400
        return response

    def perform(self, form):
        step = super().perform(form)
        self.success_message = _("Decision recorded: %(decision)s.") % {
            "decision": step.get_decision_display()
        }
        return step

    def success_url_for(self, saved):
        return reverse("titles:review-queue")


def _numbered_page(request, rows) -> dict:
    """A page of ``rows`` by number (these lists are short and ordered by dates that may be
    empty, so not by keyset), with the query string the page links keep."""
    page = Paginator(rows, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {"page": page, "applications": page.object_list, "query": query.urlencode()}


class ApplicationOverviewView(TemplateView):
    """Every submitted application of the user's scope, read-only (职称申报一览)."""

    template_name = "titles/titleapplication_overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = selectors.title_application_overview(
            actor=self.request.user, filters=self.request.GET or None
        )
        context.update(filter=filterset, **_numbered_page(self.request, filterset.qs))
        return context


class ReviewHandledView(TemplateView):
    """What the reviewer already decided on (已处理), their last decision first."""

    template_name = "titles/titleapplication_handled.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        handled = selectors.title_applications_handled(actor=self.request.user)
        context.update(
            **_numbered_page(self.request, handled),
            decisions=dict(Decision.choices),
            level=selectors.reviewer_level(self.request.user),
        )
        return context


class ReviewQueueView(ListExportMixin, TemplateView):
    """What waits at the reviewer's level inside their scope, oldest first; ``?format=xlsx|csv``
    exports the filtered queue (apps.titles.exports)."""

    template_name = "titles/titleapplication_queue.html"
    export_kind = "title-queue"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = selectors.title_application_queue(
            actor=self.request.user, filters=self.request.GET or None
        )
        context.update(
            filter=filterset,
            **_numbered_page(self.request, filterset.qs),
            level=selectors.reviewer_level(self.request.user),
        )
        return context
