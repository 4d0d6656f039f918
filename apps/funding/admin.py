"""Admin of special funds: scoped like the portal and read-only, with the allocation steps as
admin actions that call the same services as the portal's buttons.

Programs, envelopes and allocations are written only through apps/funding/services: the
budget rule needs the pot's row lock, the dual-chair rule needs to know who signs, and every
change keeps its history with the actor's name, none of which a plain admin form would do.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import ReadOnlyAdminMixin
from apps.funding import services
from apps.funding.models import Allocation, Envelope, Program, Signoff, UsageReceipt


class ReadOnlyScopedAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Rows the user sees in the portal, read-only."""


class ReadOnlyInline(ReadOnlyAdminMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class EnvelopeInline(ReadOnlyInline):
    model = Envelope
    fields = ["division", "parent", "amount", "note"]


@admin.register(Program)
class ProgramAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "year", "division", "target", "total_budget", "status"]
    list_filter = ["year", "status", "target"]
    search_fields = ["name"]
    list_select_related = ["division"]
    inlines = [EnvelopeInline]


@admin.register(Envelope)
class EnvelopeAdmin(ReadOnlyScopedAdmin):
    list_display = ["program", "division", "parent", "amount"]
    list_filter = ["program__year"]
    list_select_related = ["program", "division", "parent__division"]


class SignoffInline(ReadOnlyInline):
    model = Signoff
    fields = ["round", "body", "signer", "signed_at"]
    readonly_fields = ["signed_at"]


def _run_step(modeladmin, request, queryset, step, done_message):
    """Apply a service step to each selected allocation; report what was refused and why."""
    done = 0
    for allocation in queryset:
        try:
            step(actor=request.user, allocation=allocation)
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(getattr(error, "messages", [str(error)])) or _("not allowed")
            modeladmin.message_user(request, f"{allocation}: {reason}", messages.ERROR)
        else:
            done += 1
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


@admin.register(Allocation)
class AllocationAdmin(ReadOnlyScopedAdmin):
    list_display = ["program", "recipient", "amount", "status", "created_by"]
    list_filter = ["status", "program__year", "program__target"]
    search_fields = ["program__name", "recipient_school__name", "recipient_committee__name"]
    list_select_related = ["program", "recipient_school", "recipient_committee", "created_by"]
    inlines = [SignoffInline]
    actions = ["approve", "disburse", "accept_usage"]

    @admin.action(description=_("Sign (approve) the selected allocations"))
    def approve(self, request, queryset):
        _run_step(self, request, queryset, services.allocation_approve, _("%(count)d signed."))

    @admin.action(description=_("Record the selected allocations as disbursed"))
    def disburse(self, request, queryset):
        _run_step(self, request, queryset, services.allocation_disburse, _("%(count)d disbursed."))

    @admin.action(description=_("Accept the usage reports of the selected allocations"))
    def accept_usage(self, request, queryset):
        _run_step(self, request, queryset, services.usage_accept, _("%(count)d accepted."))


@admin.register(UsageReceipt)
class UsageReceiptAdmin(ReadOnlyScopedAdmin):
    list_display = ["original_name", "allocation", "content_type", "size", "uploaded_at"]
    list_select_related = ["allocation__program"]
