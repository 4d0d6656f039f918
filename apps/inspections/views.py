"""Views of joint inspections: thin, every row fetched through a scoped selector (404 outside
scope), every write through a service. Access rules per URL are in permissions.py."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.core.evidence import evidence_response
from apps.exports.mixins import ListExportMixin
from apps.inspections import selectors, services
from apps.inspections.choices import CampaignStatus, InspectionStatus
from apps.inspections.forms import (
    CampaignForm,
    ChecklistItemForm,
    CircularForm,
    EvaluationItemFormSet,
    EvaluationSchemeForm,
    EvidenceForm,
    FanOutForm,
    FindingForm,
    OrderForm,
    RectificationForm,
    ReopenForm,
    ReportForm,
    ReturnForm,
    RevisitForm,
    TeamMemberForm,
    apply_service_errors,
    item_formset_initial,
)
from apps.inspections.permissions import Perm
from apps.inspections.services import TargetAssignment


def _get(selector, **kwargs):
    try:
        return selector(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def _page(request, queryset):
    return Paginator(queryset, settings.PORTAL_PAGE_SIZE).get_page(request.GET.get("page"))


def _query_without_page(request) -> str:
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


class FilteredListView(TemplateView):
    """A list page: the selector's FilterSet, one page of its rows, the filter form."""

    list_selector = None

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = type(self).list_selector(actor=self.request.user, filters=self.request.GET)
        context.update(
            filter=filterset,
            page_obj=_page(self.request, filterset.qs),
            query=_query_without_page(self.request),
        )
        return context


class ObjectFormView(FormView):
    """A form about one row fetched through a scoped selector; the service does the write
    and its ValidationError lands next to the field it names."""

    selector = None
    success_message = _("Saved.")

    def dispatch(self, request, *args, **kwargs):
        self.object = _get(type(self).selector, actor=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context

    def form_valid(self, form):
        try:
            result = self.perform(form)
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(result))


class ObjectActionView(View):
    """A POST-only step on one row (start, submit, accept, publish...)."""

    http_method_names = ["post"]
    selector = None
    success_message = _("Done.")

    def post(self, request, pk):
        obj = _get(type(self).selector, actor=request.user, pk=pk)
        try:
            result = self.perform(obj)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.back(obj))
        messages.success(request, self.success_message)
        return redirect(self.back(result))


# --- Campaigns ----------------------------------------------------------------------------


def campaign_url(campaign) -> str:
    return reverse("inspections:campaign-detail", args=[campaign.pk])


class CampaignListView(ListExportMixin, FilteredListView):
    """Campaigns the user sees; ``?format=xlsx|csv`` exports the filtered rows."""

    template_name = "inspections/campaign_list.html"
    list_selector = selectors.campaign_list
    export_kind = "inspection-campaigns"


class CampaignDetailView(TemplateView):
    template_name = "inspections/campaign_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        campaign = _get(selectors.campaign_get, actor=actor, pk=kwargs["pk"])
        inspections = list(selectors.inspections_of_campaign(actor=actor, campaign=campaign))
        context.update(
            campaign=campaign,
            team=selectors.campaign_team(campaign=campaign),
            checklist=selectors.campaign_checklist(campaign=campaign),
            inspections=inspections,
            circulars=list(campaign.circulars.all()),
            can_manage=services.can_manage_campaign(actor, campaign),
            is_planning=campaign.status == CampaignStatus.PLANNING,
            is_closed=campaign.status == CampaignStatus.CLOSED,
            can_draft_circular=actor.has_perm(Perm.ADD_CIRCULAR)
            and services.can_write_circular(actor, campaign),
        )
        return context


class CampaignCreateView(FormView):
    template_name = "inspections/campaign_form.html"
    form_class = CampaignForm

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            campaign = services.campaign_create(
                actor=self.request.user,
                name=data["name"],
                year=data["year"],
                start_date=data["start_date"],
                end_date=data["end_date"],
                division=data["division"],
                lead=data["lead"],
                scope_note=data["scope_note"],
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Campaign created. Add its team and checklist."))
        return redirect(campaign_url(campaign))


class CampaignUpdateView(ObjectFormView):
    template_name = "inspections/campaign_form.html"
    form_class = CampaignForm
    selector = selectors.campaign_get

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "instance": self.object}

    def perform(self, form):
        changes = {name: form.cleaned_data[name] for name in services.CAMPAIGN_FIELDS}
        # The form edits a copy: the service re-checks the stored row.
        campaign = selectors.campaign_get(actor=self.request.user, pk=self.object.pk)
        return services.campaign_update(actor=self.request.user, campaign=campaign, **changes)

    def success_url_for(self, campaign):
        return campaign_url(campaign)


class CampaignStartView(ObjectActionView):
    selector = selectors.campaign_get
    success_message = _("The campaign is running.")

    def perform(self, campaign):
        return services.campaign_start(actor=self.request.user, campaign=campaign)

    back = staticmethod(campaign_url)


class CampaignCloseView(ObjectActionView):
    selector = selectors.campaign_get
    success_message = _("The campaign is closed.")

    def perform(self, campaign):
        return services.campaign_close(actor=self.request.user, campaign=campaign)

    back = staticmethod(campaign_url)


class CampaignFanOutView(ObjectFormView):
    template_name = "inspections/campaign_fan_out.html"
    form_class = FanOutForm
    selector = selectors.campaign_get
    success_message = _("Reports created for the chosen targets.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "campaign": self.object}

    def perform(self, form):
        inspectors = tuple(form.cleaned_data["inspectors"])
        return services.campaign_fan_out(
            actor=self.request.user,
            campaign=self.object,
            targets=[TargetAssignment(t, inspectors) for t in form.targets()],
        )

    def success_url_for(self, result):
        return campaign_url(self.object)


class TeamMemberCreateView(ObjectFormView):
    template_name = "inspections/teammember_form.html"
    form_class = TeamMemberForm
    selector = selectors.campaign_get
    success_message = _("Team member added.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def perform(self, form):
        data = form.cleaned_data
        return services.team_member_add(
            actor=self.request.user,
            campaign=self.object,
            name=data["name"],
            body=data["body"],
            user=data["user"],
            position=data["position"],
        )

    def success_url_for(self, member):
        return campaign_url(self.object)


class TeamMemberDeleteView(ObjectActionView):
    selector = selectors.team_member_get
    success_message = _("Team member removed.")

    def perform(self, member):
        services.team_member_remove(actor=self.request.user, member=member)
        return member

    def back(self, member):
        return campaign_url(member.campaign)


class ChecklistItemCreateView(ObjectFormView):
    template_name = "inspections/checklistitem_form.html"
    form_class = ChecklistItemForm
    selector = selectors.campaign_get
    success_message = _("Checklist item added.")

    def perform(self, form):
        data = form.cleaned_data
        return services.checklist_item_add(
            actor=self.request.user,
            campaign=self.object,
            name=data["name"],
            max_score=data["max_score"],
            weight=data["weight"],
        )

    def success_url_for(self, item):
        return campaign_url(self.object)


class ChecklistItemDeleteView(ObjectActionView):
    selector = selectors.checklist_item_get
    success_message = _("Checklist item removed.")

    def perform(self, item):
        services.checklist_item_remove(actor=self.request.user, item=item)
        return item

    def back(self, item):
        return campaign_url(item.campaign)


# --- Reports ------------------------------------------------------------------------------


def inspection_url(inspection) -> str:
    return reverse("inspections:inspection-detail", args=[inspection.pk])


class InspectionListView(ListExportMixin, FilteredListView):
    """Supervision reports the user sees; ``?format=xlsx|csv`` exports the filtered rows."""

    template_name = "inspections/inspection_list.html"
    list_selector = selectors.inspection_list
    export_kind = "inspection-reports"


class InspectionDetailView(TemplateView):
    template_name = "inspections/inspection_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        inspection = _get(selectors.inspection_get, actor=actor, pk=kwargs["pk"])
        scores = {score.item_id: score.score for score in inspection.scores.all()}
        checklist = selectors.campaign_checklist(campaign=inspection.campaign)
        context.update(
            inspection=inspection,
            score_rows=[(item, scores.get(item.pk)) for item in checklist],
            weighted_score=inspection.weighted_score(),
            can_file=services.can_file(actor, inspection),
            can_decide=services.can_decide_report(actor, inspection),
            can_issue=services.can_issue_order(actor, inspection)
            and actor.has_perm(Perm.ADD_ORDER),
        )
        return context


class DraftReportFormView(ObjectFormView):
    """A form that changes a draft report: offered only to whoever may file it now. A POST
    still goes to the service, which refuses and says why."""

    selector = selectors.inspection_get

    def get(self, request, *args, **kwargs):
        if self.object.status != InspectionStatus.DRAFT:
            messages.error(request, _("A submitted report cannot be changed."))
            return redirect(inspection_url(self.object))
        if not services.can_file(request.user, self.object):
            messages.error(
                request, _("Only its assigned inspectors file a report, while the campaign runs.")
            )
            return redirect(inspection_url(self.object))
        return super().get(request, *args, **kwargs)

    def success_url_for(self, result):
        return inspection_url(self.object)


class InspectionUpdateView(DraftReportFormView):
    """The report form, one column so it can be filled in on a phone during the visit."""

    template_name = "inspections/inspection_form.html"
    form_class = ReportForm
    success_message = _("Report saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "inspection": self.object,
            "checklist": selectors.campaign_checklist(campaign=self.object.campaign),
        }

    def perform(self, form):
        data = form.cleaned_data
        return services.inspection_update(
            actor=self.request.user,
            inspection=self.object,
            scores=form.scores(),
            inspected_on=data["inspected_on"],
            rating=data["rating"],
            summary=data["summary"],
        )


class InspectionSubmitView(ObjectActionView):
    selector = selectors.inspection_get
    success_message = _("Report submitted to the campaign lead.")

    def perform(self, inspection):
        return services.inspection_submit(actor=self.request.user, inspection=inspection)

    back = staticmethod(inspection_url)


class InspectionAcceptView(ObjectActionView):
    selector = selectors.inspection_get
    success_message = _("Report accepted.")

    def perform(self, inspection):
        return services.inspection_accept(actor=self.request.user, inspection=inspection)

    back = staticmethod(inspection_url)


class InspectionReturnView(ObjectFormView):
    template_name = "inspections/inspection_return.html"
    form_class = ReturnForm
    selector = selectors.inspection_get
    success_message = _("Report returned to draft.")

    def get(self, request, *args, **kwargs):
        if not services.can_decide_report(request.user, self.object):
            messages.error(request, _("Only the campaign lead returns a submitted report."))
            return redirect(inspection_url(self.object))
        return super().get(request, *args, **kwargs)

    def perform(self, form):
        return services.inspection_return(
            actor=self.request.user, inspection=self.object, reason=form.cleaned_data["reason"]
        )

    def success_url_for(self, inspection):
        return inspection_url(inspection)


class FindingCreateView(DraftReportFormView):
    template_name = "inspections/finding_form.html"
    form_class = FindingForm
    success_message = _("Finding recorded.")

    def perform(self, form):
        return services.finding_add(
            actor=self.request.user,
            inspection=self.object,
            text=form.cleaned_data["text"],
            severity=form.cleaned_data["severity"],
        )


class InspectionEvidenceCreateView(DraftReportFormView):
    template_name = "inspections/inspectionevidence_form.html"
    form_class = EvidenceForm
    success_message = _("Evidence attached.")

    def perform(self, form):
        return services.inspection_evidence_add(
            actor=self.request.user, inspection=self.object, uploads=form.cleaned_data["files"]
        )


def _download(evidence):
    return evidence_response(
        evidence.file, filename=evidence.original_name, content_type=evidence.content_type
    )


class InspectionEvidenceDownloadView(View):
    def get(self, request, pk):
        return _download(_get(selectors.evidence_get, actor=request.user, pk=pk))


# --- Rectification orders -----------------------------------------------------------------


def order_url(order) -> str:
    return reverse("inspections:order-detail", args=[order.pk])


class RectificationOrderListView(ListExportMixin, FilteredListView):
    """Rectification orders the user sees; ``?format=xlsx|csv`` exports the filtered rows."""

    template_name = "inspections/rectificationorder_list.html"
    list_selector = selectors.order_list
    export_kind = "rectification-orders"


class RectificationOrderDetailView(TemplateView):
    template_name = "inspections/rectificationorder_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        order = _get(selectors.order_get, actor=actor, pk=kwargs["pk"])
        context.update(
            order=order,
            can_rectify=services.can_rectify(actor, order)
            and actor.has_perm(Perm.SUBMIT_RECTIFICATION),
            can_verify=services.can_verify_order(actor, order) and actor.has_perm(Perm.ADD_ORDER),
        )
        return context


class RectificationOrderCreateView(ObjectFormView):
    template_name = "inspections/rectificationorder_form.html"
    form_class = OrderForm
    selector = selectors.finding_get
    success_message = _("Rectification order issued.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "finding": self.object}

    def perform(self, form):
        return services.rectification_order_issue(
            actor=self.request.user,
            finding=self.object,
            requirement=form.cleaned_data["requirement"],
            deadline=form.cleaned_data["deadline"],
            target=form.target(),
        )

    def success_url_for(self, order):
        return order_url(order)


class RectificationOrderSubmitView(ObjectFormView):
    template_name = "inspections/rectificationorder_submit.html"
    form_class = RectificationForm
    selector = selectors.order_get
    success_message = _("Rectification submitted for verification.")

    def perform(self, form):
        return services.rectification_submit(
            actor=self.request.user,
            order=self.object,
            text=form.cleaned_data["text"],
            uploads=form.cleaned_data["files"],
        )

    def success_url_for(self, order):
        return order_url(order)


class RectificationOrderVerifyView(ObjectActionView):
    selector = selectors.order_get
    success_message = _("Rectification verified; the order is closed.")

    def perform(self, order):
        return services.rectification_verify(actor=self.request.user, order=order)

    back = staticmethod(order_url)


class RectificationOrderReopenView(ObjectFormView):
    template_name = "inspections/rectificationorder_reopen.html"
    form_class = ReopenForm
    selector = selectors.order_get
    success_message = _("Order reopened.")

    def perform(self, form):
        return services.rectification_reopen(
            actor=self.request.user,
            order=self.object,
            reason=form.cleaned_data["reason"],
            deadline=form.cleaned_data["deadline"],
        )

    def success_url_for(self, order):
        return order_url(order)


class RectificationOrderRevisitView(ObjectFormView):
    template_name = "inspections/rectificationorder_revisit.html"
    form_class = RevisitForm
    selector = selectors.order_get
    success_message = _("Re-visit scheduled.")

    def perform(self, form):
        return services.rectification_schedule_revisit(
            actor=self.request.user,
            order=self.object,
            revisit_on=form.cleaned_data["revisit_on"],
            note=form.cleaned_data["note"],
        )

    def success_url_for(self, order):
        return order_url(order)


class RectificationEvidenceDownloadView(View):
    def get(self, request, pk):
        return _download(_get(selectors.order_evidence_get, actor=request.user, pk=pk))


# --- Circulars ----------------------------------------------------------------------------


def circular_url(circular) -> str:
    return reverse("inspections:circular-detail", args=[circular.pk])


class CircularListView(ListExportMixin, FilteredListView):
    """Circulars (drafts included) the user sees; ``?format=xlsx|csv`` exports them."""

    template_name = "inspections/circular_list.html"
    list_selector = selectors.circular_list
    export_kind = "circulars"


class CircularDetailView(TemplateView):
    template_name = "inspections/circular_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        circular = _get(selectors.circular_get, actor=actor, pk=kwargs["pk"])
        context.update(
            circular=circular,
            can_change=not circular.is_published
            and actor.has_perm(Perm.CHANGE_CIRCULAR)
            and services.can_write_circular(actor, circular.campaign),
            can_publish=not circular.is_published
            and services.can_publish_circular(actor, circular.campaign),
        )
        return context


def _circular_fields(data) -> dict:
    return {
        "kind": data["kind"],
        "title": data["title"],
        "body": data["body"],
        "named_divisions": list(data["named_divisions"]),
        "named_schools": list(data["named_schools"]),
        "findings": list(data["findings"]),
    }


class CircularCreateView(ObjectFormView):
    template_name = "inspections/circular_form.html"
    form_class = CircularForm
    selector = selectors.campaign_get
    success_message = _("Circular drafted.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "campaign": self.object}

    def perform(self, form):
        return services.circular_create(
            actor=self.request.user, campaign=self.object, **_circular_fields(form.cleaned_data)
        )

    def success_url_for(self, circular):
        return circular_url(circular)


class CircularUpdateView(ObjectFormView):
    template_name = "inspections/circular_form.html"
    form_class = CircularForm
    selector = selectors.circular_get
    success_message = _("Circular saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "actor": self.request.user,
            "campaign": self.object.campaign,
            "instance": self.object,
        }

    def perform(self, form):
        circular = selectors.circular_get(actor=self.request.user, pk=self.object.pk)
        return services.circular_update(
            actor=self.request.user, circular=circular, **_circular_fields(form.cleaned_data)
        )

    def success_url_for(self, circular):
        return circular_url(circular)


class CircularPublishView(ObjectActionView):
    selector = selectors.circular_get
    success_message = _("Circular published.")

    def perform(self, circular):
        return services.circular_publish(actor=self.request.user, circular=circular)

    back = staticmethod(circular_url)


class PublicCircularListView(TemplateView):
    """Published circulars for everyone: titles, dates and the units named; no people."""

    template_name = "inspections/circular_public_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = _page(self.request, selectors.public_circular_list())
        return context


class PublicCircularDetailView(TemplateView):
    template_name = "inspections/circular_public_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["circular"] = _get(selectors.public_circular_get, pk=kwargs["pk"])
        return context


# --- Evaluation schemes -------------------------------------------------------------------


def scheme_url(scheme) -> str:
    return reverse("inspections:scheme-detail", args=[scheme.pk])


class EvaluationSchemeListView(TemplateView):
    template_name = "inspections/evaluationscheme_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_obj"] = _page(self.request, selectors.scheme_list(actor=self.request.user))
        return context


class EvaluationSchemeDetailView(TemplateView):
    template_name = "inspections/evaluationscheme_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        actor = self.request.user
        scheme = _get(selectors.scheme_get, actor=actor, pk=kwargs["pk"])
        items = list(scheme.items.all())
        total = sum(item.weight for item in items)
        context.update(
            scheme=scheme,
            items=[(item, item.weight / total * 100 if total else None) for item in items],
            total=total,
            can_change=actor.has_perm(Perm.CHANGE_SCHEME),
        )
        return context


class SchemeFormMixin:
    """The scheme form and the formset of its other items, saved by one service call."""

    template_name = "inspections/evaluationscheme_form.html"

    def render_forms(self, form, formset, status=200):
        context = {"form": form, "formset": formset, "object": getattr(self, "object", None)}
        return self.render_to_response(context, status=status)

    def save(self, form, formset, scheme=None):
        if not (form.is_valid() and formset.is_valid()):
            return self.render_forms(form, formset)
        data = form.cleaned_data
        try:
            scheme = services.evaluation_scheme_save(
                actor=self.request.user,
                scheme=scheme,
                name=data["name"],
                year=data["year"],
                division=data["division"],
                description=data["description"],
                young_pioneer_weight=data["young_pioneer_weight"],
                items=formset.items(),
            )
        except ValidationError as exc:
            apply_service_errors(form, exc)
            return self.render_forms(form, formset)
        messages.success(self.request, _("Evaluation scheme saved."))
        return redirect(scheme_url(scheme))


class EvaluationSchemeCreateView(SchemeFormMixin, TemplateView):
    def get(self, request, *args, **kwargs):
        return self.render_forms(
            EvaluationSchemeForm(actor=request.user), EvaluationItemFormSet(prefix="items")
        )

    def post(self, request, *args, **kwargs):
        form = EvaluationSchemeForm(request.POST, actor=request.user)
        formset = EvaluationItemFormSet(request.POST, prefix="items")
        return self.save(form, formset)


class EvaluationSchemeUpdateView(SchemeFormMixin, TemplateView):
    def dispatch(self, request, *args, **kwargs):
        self.object = _get(selectors.scheme_for_edit, actor=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        return self.render_forms(
            EvaluationSchemeForm(actor=request.user, instance=self.object),
            EvaluationItemFormSet(prefix="items", initial=item_formset_initial(self.object)),
        )

    def post(self, request, *args, **kwargs):
        form = EvaluationSchemeForm(request.POST, actor=request.user, instance=self.object)
        formset = EvaluationItemFormSet(request.POST, prefix="items")
        return self.save(form, formset, scheme=self.object)


class EvaluationSchemeActivateView(ObjectActionView):
    selector = selectors.scheme_for_edit
    success_message = _("The scheme is in force.")

    def perform(self, scheme):
        return services.evaluation_scheme_activate(actor=self.request.user, scheme=scheme)

    back = staticmethod(scheme_url)
