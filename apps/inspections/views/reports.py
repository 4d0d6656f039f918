"""Supervision report pages: the list, a report with its history, filing on a phone,
findings, evidence, submission and the lead's acceptance or return."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from apps.core.views import FileDownloadView
from apps.inspections import selectors, services
from apps.inspections.choices import InspectionStatus
from apps.inspections.forms import EvidenceForm, FindingForm, ReportForm, ReturnForm
from apps.inspections.history import report_history
from apps.inspections.permissions import Perm
from apps.inspections.views.common import DetailPage, FormPage


class InspectionDetailView(DetailPage):
    selector = selectors.inspection_get

    def history(self, inspection) -> list:
        # The report's steps with the scores, findings and evidence each added.
        return report_history(inspection, viewer=self.request.user)

    def object_context(self, inspection) -> dict:
        actor = self.request.user
        scores = {score.item_id: score.score for score in inspection.scores.all()}
        checklist = selectors.campaign_checklist(campaign=inspection.campaign)
        return {
            "score_rows": [(item, scores.get(item.pk)) for item in checklist],
            "weighted_score": inspection.weighted_score(),
            "can_file": services.can_file(actor, inspection),
            "can_decide": services.can_decide_report(actor, inspection),
            "can_issue": services.can_issue_order(actor, inspection)
            and actor.has_perm(Perm.ADD_ORDER),
        }


class ReportFormPage(FormPage):
    """A form on a report the actor reached through ``inspection_get``."""

    selector = selectors.inspection_get
    object_keyword = "inspection"

    @property
    def intro(self):
        return f"{self.object.target} · {self.object.campaign.name}"


class DraftReportFormView(ReportFormPage):
    """A form that changes a draft report: offered only to whoever may file it now. A POST
    still goes to the service, which refuses and says why."""

    def get(self, request, *args, **kwargs):
        if self.object.status != InspectionStatus.DRAFT:
            messages.error(request, _("A submitted report cannot be changed."))
            return redirect(self.object.get_absolute_url())
        if not services.can_file(request.user, self.object):
            messages.error(
                request, _("Only its assigned inspectors file a report, while the campaign runs.")
            )
            return redirect(self.object.get_absolute_url())
        return super().get(request, *args, **kwargs)


class InspectionUpdateView(DraftReportFormView):
    """The report form, one column so it can be filled in on a phone during the visit."""

    template_name = "inspections/inspection_form.html"
    form_class = ReportForm
    title = _("File the report")
    success_message = _("Report saved.")
    service = services.inspection_update

    def form_context(self):
        checklist = selectors.campaign_checklist(campaign=self.object.campaign)
        return {"inspection": self.object, "checklist": checklist}

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {
            "scores": form.scores(),
            **{name: data[name] for name in services.REPORT_FIELDS},
            **self.versioned(form),
        }


class FindingCreateView(DraftReportFormView):
    form_class = FindingForm
    form_name = "finding"
    title = _("Record a finding")
    success_message = _("Finding recorded.")
    service = services.finding_add


class InspectionEvidenceCreateView(DraftReportFormView):
    form_class = EvidenceForm
    title = _("Attach evidence")
    success_message = _("Evidence attached.")
    service = services.inspection_evidence_add

    def service_kwargs(self, form):
        return {"uploads": form.cleaned_data["files"]}


class InspectionReturnView(ReportFormPage):
    form_class = ReturnForm
    title = _("Return the report to draft")
    success_message = _("Report returned to draft.")
    service = services.inspection_return

    def get(self, request, *args, **kwargs):
        if not services.can_decide_report(request.user, self.object):
            messages.error(request, _("Only the campaign lead returns a submitted report."))
            return redirect(self.object.get_absolute_url())
        return super().get(request, *args, **kwargs)


class InspectionEvidenceDownloadView(FileDownloadView):
    selector = selectors.evidence_get
