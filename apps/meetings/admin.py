"""The admin of the joint-meeting area: scoped like the portal, every write a service call
(attendees and decisions as inlines of their meeting). Minutes are uploaded on the portal's
page, where the file is judged by its bytes."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import (
    AuditedAdminMixin,
    ReadOnlyAdminMixin,
    ServiceAdminMixin,
    Writes,
)
from apps.meetings import services
from apps.meetings.models import Attendee, Decision, Meeting

MEETING_WRITES = Writes.on_record(
    services,
    "division",
    "meeting",
    services.MEETING_FIELDS,
    kept_because=_("A joint meeting stays on record."),
)
ATTENDEE_WRITES = Writes.of(
    services, "meeting", "attendee", services.ATTENDEE_FIELDS, create="add", delete="remove"
)
DECISION_WRITES = Writes.on_record(
    services,
    "meeting",
    "decision",
    services.DECISION_FIELDS,
    kept_because=_("A decision stays on record; report it done instead."),
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
class DecisionAdmin(AuditedAdminMixin, ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Decisions across meetings, read-only: they are changed on their meeting."""

    list_display = ["__str__", "meeting", "owner_division", "owner_side", "due_on", "status"]
    list_filter = ["status", "owner_side"]
    list_select_related = ["meeting", "owner_division"]
