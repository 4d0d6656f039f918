"""Circular pages: drafts and publication inside the portal, and the public pages."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.views import get_or_404, keyset_page
from apps.inspections import selectors, services
from apps.inspections.forms import CircularForm
from apps.inspections.permissions import Perm
from apps.inspections.views.common import DetailPage, FormPage


class CircularDetailView(DetailPage):
    selector = selectors.circular_get

    def object_context(self, circular) -> dict:
        actor = self.request.user
        return {
            "can_change": not circular.is_published
            and actor.has_perm(Perm.CHANGE_CIRCULAR)
            and services.can_write_circular(actor, circular.campaign),
            "can_publish": not circular.is_published
            and services.can_publish_circular(actor, circular.campaign),
        }


class CircularFormPage(FormPage):
    """The circular form; the units and findings offered are the campaign's."""

    form_class = CircularForm
    form_takes_actor = True

    def service_kwargs(self, form):
        data = form.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "body": data["body"],
            **{name: list(data[name]) for name in ("named_divisions", "named_schools", "findings")},
            **self.versioned(form),
        }


class CircularCreateView(CircularFormPage):
    selector = selectors.campaign_get
    object_keyword = "campaign"
    title = _("Draft a circular")
    success_message = _("Circular drafted.")
    service = services.circular_create
    form_takes_object = True


class CircularUpdateView(CircularFormPage):
    selector = selectors.circular_get
    object_keyword = "circular"
    title = _("Edit circular")
    success_message = _("Circular saved.")
    service = services.circular_update

    def form_context(self):
        return {"campaign": self.object.campaign, "instance": self.object}


class PublicCircularListView(TemplateView):
    """Published circulars for everyone: titles, dates and the units named; no people."""

    template_name = "inspections/circular_public_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = keyset_page(
            self.request, selectors.public_circular_list(), selectors.PUBLIC_CIRCULAR_ORDER
        )
        context.update(page=page)
        return context


class PublicCircularDetailView(TemplateView):
    template_name = "inspections/circular_public_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["circular"] = get_or_404(selectors.public_circular_get, pk=kwargs["pk"])
        return context
