"""The admin of the transition area: scoped like the portal, every write a service call
(milestones and yearly counts as inlines of their pilot)."""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import AuditedAdminMixin, ServiceAdminMixin, Writes
from apps.transition import services
from apps.transition.models import HandOff, Milestone, Pilot


def _keep_pilot(actor, pilot) -> None:
    raise PermissionDenied(_("A pilot stays on record with its counts."))


PILOT_WRITES = Writes(
    parent="school",
    fields=services.PILOT_FIELDS,
    create=lambda actor, school, values: services.pilot_create(
        actor=actor, school=school, **values
    ),
    update=lambda actor, pilot, values: services.pilot_update(
        actor=actor,
        pilot=pilot,
        **{name: values.get(name, getattr(pilot, name)) for name in services.PILOT_FIELDS},
    ),
    delete=_keep_pilot,
)
MILESTONE_WRITES = Writes(
    parent="pilot",
    fields=services.MILESTONE_FIELDS,
    create=lambda actor, pilot, values: services.milestone_create(
        actor=actor, pilot=pilot, **values
    ),
    update=lambda actor, milestone, values: services.milestone_update(
        actor=actor,
        milestone=milestone,
        **{name: values.get(name, getattr(milestone, name)) for name in services.MILESTONE_FIELDS},
    ),
    delete=lambda actor, milestone: services.milestone_delete(actor=actor, milestone=milestone),
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
