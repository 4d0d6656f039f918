"""Pages of the transition area: thin views on the core's bases. Pilots come from the scoped
selectors (a 404 outside scope); writes go to the services, whose refusals are shown next to
the field they concern. Access rules per URL are in permissions.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.views import FilteredListView, ObjectDetailView, ObjectFormView, ServiceFormView
from apps.exports.mixins import ListExportMixin
from apps.transition import rights, selectors, services
from apps.transition.forms import HandOffForm, MilestoneForm, PilotForm
from apps.transition.models import HandOff, Milestone
from apps.transition.permissions import Perm


def pilot_url(pilot) -> str:
    return reverse("transition:pilot-detail", args=[pilot.pk])


class PilotListView(ListExportMixin, FilteredListView):
    """The pilots the user sees; ``?format=xlsx|csv`` exports the filtered rows."""

    title = _("Team–League transition pilots")
    export_kind = "transition-pilots"
    list_selector = selectors.pilot_list
    ordering = ("id",)

    def may_create(self, user):
        return user.has_perm(Perm.ADD_PILOT) and any(
            rights.may_manage(user, school)
            for school in selectors.schools_without_pilot(actor=user)
        )


class PilotDetailView(ObjectDetailView):
    """A pilot: its plan document, milestones and yearly hand-off counts."""

    selector = selectors.pilot_get

    def related_history(self, pilot):
        return [
            self.rows_history(Milestone, "{name}：{row.title}", pilot_id=pilot.pk),
            self.rows_history(HandOff, "{name}（{row.year}）", pilot_id=pilot.pk),
        ]

    def object_context(self, pilot):
        user = self.request.user
        manage = rights.may_manage(user, pilot.school)
        return {
            "milestones": selectors.pilot_milestones(pilot=pilot),
            "handoffs": selectors.pilot_handoffs(pilot=pilot),
            "can_update": manage and user.has_perm(Perm.CHANGE_PILOT),
            "can_add_milestone": manage and user.has_perm(Perm.ADD_MILESTONE),
            "can_change_milestone": manage and user.has_perm(Perm.CHANGE_MILESTONE),
            "can_record": manage and user.has_perm(Perm.ADD_HANDOFF),
        }


class PilotFormView(ObjectFormView):
    """A form about a pilot, for those who manage its school; a save leads to the pilot."""

    template_name = "transition/form_page.html"
    selector = selectors.pilot_get

    def pilot(self):
        return self.object

    def permitted(self):
        return rights.may_manage(self.request.user, self.pilot().school)

    def success_url_for(self, saved):
        return pilot_url(self.pilot())


class _PilotRecordForm:
    """The pilot record's form, offering the schools of the user's scope; a save leads to
    the pilot."""

    template_name = "transition/form_page.html"
    form_class = PilotForm
    success_message = _("Pilot saved.")
    detail_url = "transition:pilot-detail"
    form_takes_actor = True


class PilotCreateView(_PilotRecordForm, ServiceFormView):
    title = _("New transition pilot record")

    def perform(self, form):
        return services.pilot_create(
            actor=self.request.user, school=form.cleaned_data["school"], **form.terms()
        )


class PilotUpdateView(_PilotRecordForm, ObjectFormView):
    selector = selectors.pilot_get
    title = _("Change the pilot")
    form_takes_object = True

    def perform(self, form):
        return services.pilot_update(
            actor=self.request.user, pilot=self.object, **form.terms(), **self.versioned(form)
        )


class _MilestoneForm(PilotFormView):
    """The milestone form: a pilot's new milestone, or one of its milestones changed."""

    form_class = MilestoneForm
    success_message = _("Milestone saved.")


class MilestoneCreateView(_MilestoneForm):
    title = _("New milestone")
    service = services.milestone_create


class MilestoneUpdateView(_MilestoneForm):
    selector = selectors.milestone_get
    title = _("Change the milestone")
    service = services.milestone_update
    form_takes_object = True

    def pilot(self):
        return self.object.pilot


class HandOffRecordView(PilotFormView):
    """The count of a year for a pilot: a new year, or a year's count corrected."""

    form_class = HandOffForm
    title = _("Record a yearly hand-off count")
    success_message = _("Count saved.")
    service = services.handoff_record

    def get_initial(self):
        year = self.request.GET.get("year")
        initial = {}
        if year and year.isdigit():
            initial["year"] = int(year)
            found = self.object.handoffs.filter(year=int(year)).first()
            if found is not None:
                initial["joined"] = found.joined
        return initial
