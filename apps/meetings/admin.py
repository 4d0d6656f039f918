"""The admin of the joint-meeting area: scoped like the portal, every write a service call
(attendees and decisions as inlines of their meeting). Minutes are uploaded on the portal's
page, where the file is judged by its bytes."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import AuditedAdminMixin, ServiceAdminMixin, Writes
from apps.meetings import services
from apps.meetings.models import Attendee, Decision, Meeting


def _keep_meeting(actor, meeting) -> None:
    raise PermissionDenied(_("A joint meeting stays on record."))


def _keep_decision(actor, decision) -> None:
    raise PermissionDenied(_("A decision stays on record; report it done instead."))


def _values(row, values, names):
    return {name: values.get(name, getattr(row, name)) for name in names}


MEETING_WRITES = Writes(
    parent="division",
    fields=services.MEETING_FIELDS,
    create=lambda actor, division, values: services.meeting_create(
        actor=actor, division=division, **values
    ),
    update=lambda actor, meeting, values: services.meeting_update(
        actor=actor,
        meeting=meeting,
        **{
            **_values(meeting, values, ("title", "held_on", "place", "summary")),
            "bodies": values.get("bodies", meeting.bodies.all()),
        },
    ),
    delete=_keep_meeting,
)
ATTENDEE_WRITES = Writes(
    parent="meeting",
    fields=services.ATTENDEE_FIELDS,
    create=lambda actor, meeting, values: services.attendee_add(
        actor=actor, meeting=meeting, **values
    ),
    update=lambda actor, attendee, values: services.attendee_update(
        actor=actor, attendee=attendee, **_values(attendee, values, services.ATTENDEE_FIELDS)
    ),
    delete=lambda actor, attendee: services.attendee_remove(actor=actor, attendee=attendee),
)
DECISION_WRITES = Writes(
    parent="meeting",
    fields=services.DECISION_FIELDS,
    create=lambda actor, meeting, values: services.decision_create(
        actor=actor, meeting=meeting, **values
    ),
    update=lambda actor, decision, values: services.decision_update(
        actor=actor, decision=decision, **_values(decision, values, services.DECISION_FIELDS)
    ),
    delete=_keep_decision,
)


class AttendeeInline(ScopedAdminMixin, admin.TabularInline):
    model = Attendee
    extra = 0
    fields = list(services.ATTENDEE_FIELDS)


class DecisionInline(ScopedAdminMixin, admin.StackedInline):
    model = Decision
    extra = 0
    can_delete = False
    fields = [*services.DECISION_FIELDS, "status", "done_on", "outcome"]
    readonly_fields = ["status", "done_on", "outcome"]


@admin.register(Meeting)
class MeetingAdmin(AuditedAdminMixin, ServiceAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    writes = MEETING_WRITES
    inline_writes = {Attendee: ATTENDEE_WRITES, Decision: DECISION_WRITES}
    list_display = ["title", "held_on", "division"]
    list_select_related = ["division"]
    search_fields = ["title"]
    fields = [
        "division",
        "title",
        "held_on",
        "place",
        "bodies",
        "summary",
        *AuditedAdminMixin.AUDIT_FIELDS,
    ]
    readonly_fields = AuditedAdminMixin.AUDIT_FIELDS
    filter_horizontal = []
    inlines = [AttendeeInline, DecisionInline]

    def has_delete_permission(self, request, obj=None):
        return False

    def save_related(self, request, form, formsets, change):
        # The bodies were set by the service; only the inlines are left to save.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


@admin.register(Decision)
class DecisionAdmin(AuditedAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Decisions across meetings, read-only: they are changed on their meeting."""

    list_display = ["__str__", "meeting", "owner_division", "owner_side", "due_on", "status"]
    list_filter = ["status", "owner_side"]
    list_select_related = ["meeting", "owner_division"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
