"""Rectification order pages: the list, an order with its steps, issuing from a finding,
the target's rectification, verification, reopening and re-visits."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.core.views import FileDownloadView
from apps.inspections import selectors, services
from apps.inspections.choices import CampaignStatus, RectificationStatus
from apps.inspections.forms import OrderForm, RectificationForm, ReopenForm, RevisitForm
from apps.inspections.history import with_parts
from apps.inspections.models import RectificationEvidence
from apps.inspections.permissions import Perm
from apps.inspections.views.common import DetailPage, FormPage


class RectificationOrderDetailView(DetailPage):
    selector = selectors.order_get
    context_object_name = "order"

    def history(self, order) -> list:
        return with_parts(
            order, (RectificationEvidence, {"order_id": order.pk}), viewer=self.request.user
        )

    def object_context(self, order) -> dict:
        actor = self.request.user
        can_verify = services.can_verify_order(actor, order) and actor.has_perm(Perm.ADD_ORDER)
        return {
            "can_rectify": services.can_rectify(actor, order)
            and actor.has_perm(Perm.SUBMIT_RECTIFICATION),
            "can_verify": can_verify,
            # Re-visits are planned on open orders of campaigns not yet closed.
            "can_revisit": can_verify
            and order.status != RectificationStatus.CLOSED
            and order.inspection.campaign.status != CampaignStatus.CLOSED,
        }


class RectificationOrderCreateView(FormPage):
    form_class = OrderForm
    form_takes_actor = True
    form_name = "order"
    selector = selectors.finding_get
    object_keyword = "finding"
    title = _("Issue a rectification order")
    success_message = _("Rectification order issued.")
    service = services.rectification_order_issue
    form_takes_object = True

    def facts(self):
        return [(_("Inspected unit"), self.object.inspection.target), (_("Finding"), self.object)]

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {
            "requirement": data["requirement"],
            "deadline": data["deadline"],
            "target": form.target(),
        }


class OrderFormPage(FormPage):
    """A form on an order the actor reached through ``order_get``."""

    selector = selectors.order_get
    object_keyword = "order"

    def facts(self):
        order = self.object
        return [
            (pgettext_lazy("inspection", "Target"), order.target),
            (_("What must be rectified"), order.requirement),
            (_("Deadline"), f"{order.deadline:%Y-%m-%d}"),
        ]


class RectificationOrderSubmitView(OrderFormPage):
    form_class = RectificationForm
    form_name = "rectification"
    title = _("Submit the rectification")
    success_message = _("Rectification submitted for verification.")
    service = services.rectification_submit

    def service_kwargs(self, form):
        return {"text": form.cleaned_data["text"], "uploads": form.cleaned_data["files"]}


class RectificationOrderReopenView(OrderFormPage):
    form_class = ReopenForm
    title = _("Reopen the order")
    success_message = _("Order reopened.")
    service = services.rectification_reopen


class RectificationOrderRevisitView(OrderFormPage):
    form_class = RevisitForm
    title = _("Schedule a re-visit")
    intro = _("A re-visit (回头看) checks on site that the rectification holds.")
    success_message = _("Re-visit scheduled.")
    service = services.rectification_schedule_revisit


class RectificationEvidenceDownloadView(FileDownloadView):
    selector = selectors.order_evidence_get
