"""Pages of the transition area: thin views on the core's bases. Pilots come from the scoped
selectors (a 404 outside scope); writes go to the services, whose refusals are shown next to
the field they concern. Access rules per URL are in permissions.py."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from apps.core.views import FilteredListView, ObjectFormView, ServiceFormView, get_or_404
from apps.exports.mixins import ListExportMixin
from apps.transition import rights, selectors, services
from apps.transition.forms import HandOffForm, MilestoneForm, PilotForm
from apps.transition.permissions import Perm


def pilot_url(pilot) -> str:
    return reverse("transition:pilot-detail", args=[pilot.pk])


class PilotListView(ListExportMixin, FilteredListView):
    """The pilots the user sees; ``?format=xlsx|csv`` exports the filtered rows."""

    template_name = "transition/pilot_list.html"
    export_kind = "transition-pilots"
    list_selector = selectors.pilot_list
    ordering = ("id",)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        context["can_create"] = user.has_perm(Perm.ADD_PILOT) and any(
            rights.may_manage(user, school)
            for school in selectors.schools_without_pilot(actor=user)
        )
        return context


class PilotDetailView(TemplateView):
    """A pilot: its plan document, milestones and yearly hand-off counts."""

    template_name = "transition/pilot_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        pilot = get_or_404(selectors.pilot_get, actor=user, pk=kwargs["pk"])
        manage = rights.may_manage(user, pilot.school)
        context.update(
            pilot=pilot,
            milestones=selectors.pilot_milestones(pilot=pilot),
            handoffs=selectors.pilot_handoffs(pilot=pilot),
            can_update=manage and user.has_perm(Perm.CHANGE_PILOT),
            can_add_milestone=manage and user.has_perm(Perm.ADD_MILESTONE),
            can_change_milestone=manage and user.has_perm(Perm.CHANGE_MILESTONE),
            can_record=manage and user.has_perm(Perm.ADD_HANDOFF),
        )
        return context


class PilotCreateView(ServiceFormView):
    template_name = "transition/form_page.html"
    form_class = PilotForm
    title = _("New transition pilot record")
    success_message = _("Pilot saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user}

    def perform(self, form):
        return services.pilot_create(
            actor=self.request.user, school=form.cleaned_data["school"], **form.terms()
        )

    def success_url_for(self, saved):
        return pilot_url(saved)


class PilotUpdateView(ObjectFormView):
    template_name = "transition/form_page.html"
    form_class = PilotForm
    selector = selectors.pilot_get
    title = _("Change the pilot")
    success_message = _("Pilot saved.")

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "actor": self.request.user, "pilot": self.object}

    def perform(self, form):
        return services.pilot_update(actor=self.request.user, pilot=self.object, **form.terms())

    def success_url_for(self, saved):
        return pilot_url(saved)


class MilestoneCreateView(ObjectFormView):
    template_name = "transition/form_page.html"
    form_class = MilestoneForm
    selector = selectors.pilot_get
    title = _("New milestone")
    success_message = _("Milestone saved.")

    def load(self):
        super().load()
        if not rights.may_manage(self.request.user, self.object.school):
            raise PermissionDenied

    def perform(self, form):
        return services.milestone_create(
            actor=self.request.user, pilot=self.object, **form.cleaned_data
        )

    def success_url_for(self, saved):
        return pilot_url(self.object)


class MilestoneUpdateView(ObjectFormView):
    template_name = "transition/form_page.html"
    form_class = MilestoneForm
    selector = selectors.milestone_get
    title = _("Change the milestone")
    success_message = _("Milestone saved.")

    def load(self):
        super().load()
        if not rights.may_manage(self.request.user, self.object.pilot.school):
            raise PermissionDenied

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "milestone": self.object}

    def perform(self, form):
        return services.milestone_update(
            actor=self.request.user, milestone=self.object, **form.cleaned_data
        )

    def success_url_for(self, saved):
        return pilot_url(self.object.pilot)


class HandOffRecordView(ObjectFormView):
    """The count of a year for a pilot: a new year, or a year's count corrected."""

    template_name = "transition/form_page.html"
    form_class = HandOffForm
    selector = selectors.pilot_get
    title = _("Record a yearly hand-off count")
    success_message = _("Count saved.")

    def load(self):
        super().load()
        if not rights.may_manage(self.request.user, self.object.school):
            raise PermissionDenied

    def get_initial(self):
        year = self.request.GET.get("year")
        initial = {}
        if year and year.isdigit():
            initial["year"] = int(year)
            found = self.object.handoffs.filter(year=int(year)).first()
            if found is not None:
                initial["joined"] = found.joined
        return initial

    def perform(self, form):
        return services.handoff_record(
            actor=self.request.user, pilot=self.object, **form.cleaned_data
        )

    def success_url_for(self, saved):
        return pilot_url(self.object)
