from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import TemplateView

from apps.core.evidence import evidence_response
from apps.exports.mixins import ListExportMixin
from apps.titles import selectors, services
from apps.titles.choices import EVIDENCE_MAX_FILES, ApplicationStatus, Decision
from apps.titles.forms import EvidenceUploadForm, ReviewDecisionForm, TitleApplicationForm


def _add_service_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: next to its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def _render_edit_page(
    request, application, *, form=None, upload_form=None, submit_error=None, status=200
):
    context = {
        "application": application,
        "form": form or TitleApplicationForm(instance=application),
        "upload_form": upload_form or EvidenceUploadForm(),
        "evidence": selectors.evidence_list(application=application),
        "evidence_limit": EVIDENCE_MAX_FILES,
        "last_return": selectors.review_history(application=application)
        .filter(decision=Decision.RETURN)
        .last(),
        "submit_error": submit_error,
    }
    return render(request, "titles/titleapplication_form.html", context, status=status)


def _render_detail_page(request, application, *, review_form=None, status=200):
    actor = request.user
    level = selectors.reviewer_level(actor)
    is_applicant = application.applicant.user_id == actor.pk
    can_review = (
        level is not None
        and not is_applicant
        and application.status == ApplicationStatus.SUBMITTED
        and application.current_level == level
    )
    if can_review and review_form is None:
        review_form = ReviewDecisionForm(initial={"expected_version": application.version})
    context = {
        "application": application,
        "steps": selectors.review_history(application=application),
        "evidence": selectors.evidence_list(application=application),
        "profile": selectors.applicant_profile(application=application),
        "is_applicant": is_applicant,
        "can_edit": is_applicant and application.is_editable,
        "review_form": review_form if can_review or review_form is not None else None,
        "reviewer_level": level,
    }
    return render(request, "titles/titleapplication_detail.html", context, status=status)


class TitleApplicationListView(ListExportMixin, TemplateView):
    """The signed-in counselor's own applications; ``?format=xlsx|csv`` exports them
    (apps.titles.exports)."""

    template_name = "titles/titleapplication_list.html"
    export_kind = "my-title-applications"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counselor"] = selectors.counselor_for_user(user=self.request.user)
        context["applications"] = selectors.title_application_list_own(actor=self.request.user)
        return context


class TitleApplicationCreateView(View):
    """A counselor starts a draft; evidence is added on the edit page it leads to."""

    template_name = "titles/titleapplication_create.html"

    def dispatch(self, request, *args, **kwargs):
        self.counselor = selectors.counselor_for_user(user=request.user)
        if self.counselor is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return render(request, self.template_name, {"form": TitleApplicationForm()})

    def post(self, request):
        form = TitleApplicationForm(request.POST)
        if form.is_valid():
            try:
                application = services.title_application_create(
                    actor=request.user, **form.cleaned_data
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Draft saved. Add your evidence files, then submit."))
                return redirect("titles:application-update", pk=application.pk)
        return render(request, self.template_name, {"form": form})


class TitleApplicationUpdateView(View):
    """The applicant edits a draft or returned application and manages its evidence."""

    def get(self, request, pk):
        application = selectors.title_application_get_own(actor=request.user, pk=pk)
        if not application.is_editable:
            return redirect("titles:application-detail", pk=application.pk)
        return _render_edit_page(request, application)

    def post(self, request, pk):
        application = selectors.title_application_get_own(actor=request.user, pk=pk)
        form = TitleApplicationForm(request.POST, instance=application)
        if form.is_valid():
            try:
                services.title_application_update(
                    actor=request.user, application=application, **form.cleaned_data
                )
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(request, _("Application saved."))
                return redirect("titles:application-update", pk=application.pk)
        application.refresh_from_db()
        return _render_edit_page(request, application, form=form)


class TitleApplicationSubmitView(View):
    """The applicant submits a draft, or resubmits a returned application."""

    def post(self, request, pk):
        application = selectors.title_application_get_own(actor=request.user, pk=pk)
        submit = (
            services.title_application_resubmit
            if application.status == ApplicationStatus.RETURNED
            else services.title_application_submit
        )
        try:
            submit(actor=request.user, application=application)
        except ValidationError as error:
            return _render_edit_page(request, application, submit_error=error.messages, status=400)
        messages.success(request, _("Application submitted for review."))
        return redirect("titles:application-detail", pk=application.pk)


class EvidenceAddView(View):
    """The applicant uploads one evidence file to their draft or returned application."""

    def post(self, request, pk):
        application = selectors.title_application_get_own(actor=request.user, pk=pk)
        upload_form = EvidenceUploadForm(request.POST, request.FILES)
        if upload_form.is_valid():
            try:
                services.evidence_add(
                    actor=request.user,
                    application=application,
                    upload=upload_form.cleaned_data["file"],
                )
            except ValidationError as error:
                upload_form.add_error("file", error)
            else:
                messages.success(request, _("Evidence file added."))
                return redirect("titles:application-update", pk=application.pk)
        return _render_edit_page(request, application, upload_form=upload_form, status=400)


class EvidenceRemoveView(View):
    """The applicant removes an evidence file from their draft or returned application."""

    def post(self, request, pk):
        evidence = selectors.evidence_get(actor=request.user, pk=pk)
        application_pk = evidence.application_id
        try:
            services.evidence_remove(actor=request.user, evidence=evidence)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Evidence file removed."))
        return redirect("titles:application-update", pk=application_pk)


class EvidenceDownloadView(View):
    """An evidence file, as an attachment, for the applicant or a reviewer in scope."""

    def get(self, request, pk):
        evidence = selectors.evidence_get(actor=request.user, pk=pk)
        return evidence_response(
            evidence.file, filename=evidence.download_name, content_type=evidence.content_type
        )


class TitleApplicationDetailView(View):
    """An application with its evidence, review history and the applicant's record; the
    decision form for a reviewer at the level it waits at."""

    def get(self, request, pk):
        application = selectors.title_application_get(actor=request.user, pk=pk)
        return _render_detail_page(request, application)


class TitleApplicationReviewView(View):
    """A reviewer's decision, posted from the detail page."""

    def post(self, request, pk):
        application = selectors.title_application_get(actor=request.user, pk=pk)
        form = ReviewDecisionForm(request.POST)
        if form.is_valid():
            try:
                step = services.title_application_review(
                    actor=request.user, application=application, **form.cleaned_data
                )
            except services.StaleApplicationError as error:
                form.add_error(None, error)
                application.refresh_from_db()
                return _render_detail_page(request, application, review_form=form, status=409)
            except ValidationError as error:
                _add_service_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Decision recorded: %(decision)s.")
                    % {"decision": step.get_decision_display()},
                )
                return redirect("titles:review-queue")
        return _render_detail_page(request, application, review_form=form, status=400)


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
        paginator = Paginator(filterset.qs, settings.PORTAL_PAGE_SIZE)
        page = paginator.get_page(self.request.GET.get("page"))
        query = self.request.GET.copy()
        query.pop("page", None)
        context.update(
            filter=filterset,
            page=page,
            applications=page.object_list,
            level=selectors.reviewer_level(self.request.user),
            query=query.urlencode(),
        )
        return context
