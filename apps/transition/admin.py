"""The admin of the transition area: scoped like the portal, every write a service call
(milestones and yearly counts as inlines of their pilot)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import AuditedAdminMixin, ServiceAdminMixin, Writes
from apps.transition import services
from apps.transition.models import HandOff, Milestone, Pilot

PILOT_WRITES = Writes.on_record(
    services,
    "school",
    "pilot",
    services.PILOT_FIELDS,
    kept_because=_("A pilot stays on record with its counts."),
)
MILESTONE_WRITES = Writes.of(
    services, "pilot", "milestone", services.MILESTONE_FIELDS, complete=True
)
HANDOFF_WRITES = Writes(
    parent="pilot",
    fields=("year", "joined"),
    create=lambda actor, pilot, values: services.handoff_record(actor=actor, pilot=pilot, **values),
    update=lambda actor, handoff, values: services.handoff_record(
        actor=actor,
        pilot=handoff.pilot,
        year=values.get("year", handoff.year),
        joined=values.get("joined", handoff.joined),
    ),
    delete=lambda actor, handoff: services.handoff_delete(actor=actor, handoff=handoff),
)


class MilestoneInline(ScopedAdminMixin, admin.TabularInline):
    model = Milestone
    extra = 0
    fields = list(services.MILESTONE_FIELDS)


class HandOffInline(ScopedAdminMixin, admin.TabularInline):
    model = HandOff
    extra = 0
    fields = ["year", "joined"]


@admin.register(Pilot)
class PilotAdmin(AuditedAdminMixin, ServiceAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    writes = PILOT_WRITES
    inline_writes = {Milestone: MILESTONE_WRITES, HandOff: HANDOFF_WRITES}
    list_display = ["school", "started_on", "plan_document"]
    list_select_related = ["school", "plan_document"]
    search_fields = ["school__name"]
    fields = ["school", "started_on", "plan_document", "summary", *AuditedAdminMixin.AUDIT_FIELDS]
    readonly_fields = AuditedAdminMixin.AUDIT_FIELDS
    inlines = [MilestoneInline, HandOffInline]

    def has_delete_permission(self, request, obj=None):
        # A pilot stays on record with its counts; its milestones and counts may be removed.
        return False
