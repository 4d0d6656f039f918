"""Pages of the joint-meeting area: thin views on the core's bases. Rows come from the scoped
selectors (a 404 outside scope); writes go to the services, whose refusals are shown next to
the field they concern. Access rules per URL are in permissions.py."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.views import (
    FileDownloadView,
    FilteredListView,
    ObjectDetailView,
    ObjectFormView,
    ServiceFormView,
)
from apps.exports.mixins import ListExportMixin
from apps.meetings import rights, selectors, services
from apps.meetings.forms import (
    AttendeeForm,
    CompleteForm,
    DecisionForm,
    MeetingForm,
    MinutesForm,
)
from apps.meetings.models import Attendee, Decision, Minutes
from apps.meetings.permissions import Perm


def _may_convene(user) -> bool:
    return user.division_id is not None and rights.may_record(user, user.division_id)


class MeetingListView(FilteredListView):
    title = _("League–education joint meetings")
    list_selector = selectors.meeting_list
    ordering = ("-held_on", "-id")

    def may_create(self, user):
        return user.has_perm(Perm.ADD_MEETING) and _may_convene(user)


class MeetingDetailView(ObjectDetailView):
    """A meeting: attending bodies, the people present (姓名（单位）), its minutes and the
    decisions the user sees."""

    selector = selectors.meeting_get
    history_parts = ((Minutes, "meeting"),)

    def related_history(self, meeting):
        shown = selectors.meeting_decisions(actor=self.request.user, meeting=meeting)
        return [
            *super().related_history(meeting),
            self.rows_history(Attendee, "{name}：{row.person_name}", meeting_id=meeting.pk),
            # Only the decisions the page shows the user, by their first 30 characters.
            self.rows_history(Decision, "{name}：{row.text:.30}", id__in=shown.values("pk")),
        ]

    def object_context(self, meeting):
        user = self.request.user
        records = rights.may_record(user, meeting.division_id)
        decisions = list(selectors.meeting_decisions(actor=user, meeting=meeting))
        for decision in decisions:
            decision.can_complete = (
                decision.status == "open"
                and user.has_perm(Perm.CHANGE_DECISION)
                and rights.may_complete(user, decision)
            )
        return {
            "bodies": meeting.bodies.order_by("division_id", "kind", "name"),
            "attendees": meeting.attendees.order_by("id"),
            "minutes": Minutes.objects.filter(meeting=meeting).first(),
            "decisions": decisions,
            "can_change": records and user.has_perm(Perm.CHANGE_MEETING),
            "can_decide": records and user.has_perm(Perm.ADD_DECISION),
        }


class MeetingCreateView(ServiceFormView):
    template_name = "meetings/form_page.html"
    form_class = MeetingForm
    title = _("Record a joint meeting")
    success_message = _("Meeting saved. Add the people present, the minutes and the decisions.")
    detail_url = "meetings:meeting-detail"

    def load(self):
        self.division = self.request.user.division

    def permitted(self):
        return _may_convene(self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "division": self.division}

    def perform(self, form):
        return services.meeting_create(
            actor=self.request.user, division=self.division, **self.form_values(form)
        )


class _MeetingRecordView(ObjectFormView):
    """A form about a meeting, for those who record it."""

    template_name = "meetings/form_page.html"
    selector = selectors.meeting_get
    detail_url = "meetings:meeting-detail"
    returns_to_object = True

    def permitted(self):
        return rights.may_record(self.request.user, self.object.division_id)


class MeetingUpdateView(_MeetingRecordView):
    form_class = MeetingForm
    title = _("Change the meeting")
    success_message = _("Meeting saved.")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "division": self.object.division,
            "meeting": self.object,
        }

    service = services.meeting_update


class AttendeeAddView(_MeetingRecordView):
    form_class = AttendeeForm
    title = _("Add a person present")
    success_message = _("Person added.")
    service = services.attendee_add


class MinutesUploadView(_MeetingRecordView):
    form_class = MinutesForm
    title = _("Upload the minutes")
    success_message = _("Minutes saved.")

    def perform(self, form):
        return services.minutes_upload(
            actor=self.request.user, meeting=self.object, upload=form.cleaned_data["minutes"]
        )


class MinutesDownloadView(FileDownloadView):
    """A meeting's minutes, as an attachment, for whoever sees the meeting."""

    selector = selectors.minutes_get


class DecisionListView(ListExportMixin, FilteredListView):
    """The decisions the user sees; ``?format=xlsx|csv`` exports the filtered rows."""

    title = _("Joint-meeting decisions")
    export_kind = "meeting-decisions"
    list_selector = selectors.decision_list
    ordering = ("id",)


class DecisionCreateView(_MeetingRecordView):
    form_class = DecisionForm
    title = _("New decision")
    success_message = _("Decision saved.")
    form_takes_object = True

    def perform(self, form):
        return services.decision_create(
            actor=self.request.user, meeting=self.object, **form.terms()
        )


class _DecisionForm(ObjectFormView):
    """A form about a decision (given it); a save leads to its meeting's page."""

    template_name = "meetings/form_page.html"
    selector = selectors.decision_get
    form_takes_object = True

    def success_url_for(self, saved):
        return reverse("meetings:meeting-detail", args=[self.object.meeting_id])


class DecisionUpdateView(_DecisionForm):
    form_class = DecisionForm
    title = _("Change the decision")
    success_message = _("Decision saved.")

    def permitted(self):
        return rights.may_record(self.request.user, self.object.meeting.division_id)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "meeting": self.object.meeting}

    def perform(self, form):
        return services.decision_update(
            actor=self.request.user,
            decision=self.object,
            seen_version=form.cleaned_data.get("version"),
            **form.terms(),
        )


class DecisionCompleteView(_DecisionForm):
    """Report a decision done, with what was done."""

    form_class = CompleteForm
    title = _("Report the decision done")
    success_message = _("Decision reported done.")

    def permitted(self):
        return rights.may_complete(self.request.user, self.object)

    def perform(self, form):
        data = form.cleaned_data
        return services.decision_complete(
            actor=self.request.user,
            decision=self.object,
            outcome=data["outcome"],
            done_on=data.get("done_on"),
            seen_version=data.get("version"),
        )
