"""Admin of joint inspections, scoped like the portal (``core.scope.in_scope``, so the
models' own ``for_actor``).

Every write goes through the area's services, which enforce the workflow (a submitted report
is final, a published circular too, a scheme keeps Young Pioneer work at 10% or more) and
record who did it in the history: campaigns and draft circulars are added and changed
through them, the workflow steps are admin actions calling them, nothing is deleted, and
everything else is read-only. Each change page shows the row's history, read-only.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin
from apps.core.forms import ServiceModelForm
from apps.inspections import services
from apps.inspections.history import report_history, row_history
from apps.inspections.models import (
    Campaign,
    ChecklistItem,
    Circular,
    EvaluationItem,
    EvaluationScheme,
    Finding,
    IndicatorScore,
    Inspection,
    InspectionEvidence,
    RectificationEvent,
    RectificationEvidence,
    RectificationOrder,
    TeamMember,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


def _history_rows(steps) -> str:
    rows = format_html_join(
        "",
        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
        (
            (
                f"{step.at:%Y-%m-%d %H:%M}",
                step.who,
                step.label,
                "; ".join(f"{c.label}: {c.old} → {c.new}" for c in step.changes),
            )
            for step in steps
        ),
    )
    return format_html("<table>{}</table>", rows) if steps else "—"


class ServiceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Rows the user sees in the portal; writes only through services, deletes never.

    A subclass allows adding or changing by overriding the permission checks and
    ``save_model``; a service's refusal is shown as a message and nothing is saved."""

    readonly_fields = ["change_history"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        # Records of inspections are kept: a wrong one is corrected by the workflow.
        return False

    @admin.display(description=_("History"))
    def change_history(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return _history_rows(self.steps_of(obj))

    def steps_of(self, obj) -> list:
        return row_history(obj)

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ValidationError as error:
            # The admin's transaction was rolled back: nothing of the change was saved.
            for message in error.messages:
                self.message_user(request, message, messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())

    def save_related(self, request, form, formsets, change):
        # The service saved the row's relations itself; the form and the read-only inlines
        # write none of their own (the change message reads that nothing was added).
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


def service_action(service, param: str, description, done_message):
    """An admin action calling ``service(actor=, <param>=row)`` for each selected row; a
    refusal is reported for its row and the others still go through."""

    @admin.action(description=description)
    def action(modeladmin, request, queryset):
        done = 0
        for row in queryset:
            try:
                service(actor=request.user, **{param: row})
                done += 1
            except (ValidationError, PermissionDenied) as error:
                reason = "; ".join(getattr(error, "messages", [])) or _("Not allowed.")
                modeladmin.message_user(request, f"{row}: {reason}", messages.ERROR)
        if done:
            modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)

    action.__name__ = service.__name__
    return action


class TeamMemberInline(ReadOnlyInline):
    model = TeamMember
    fields = ["name", "body", "position", "user"]


class ChecklistItemInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ["position", "name", "max_score", "weight"]


class CampaignForm(ServiceModelForm):
    class Meta:
        model = Campaign
        fields = ["name", "year", "start_date", "end_date", "division", "lead", "scope_note"]


@admin.register(Campaign)
class CampaignAdmin(ServiceAdmin):
    """Campaigns are planned and changed through ``campaign_create``/``campaign_update``;
    their team and checklist on the portal's campaign page."""

    form = CampaignForm
    list_display = ["name", "year", "start_date", "end_date", "division", "status", "lead"]
    list_filter = ["status", "year"]
    search_fields = ["name"]
    list_select_related = ["division", "lead"]
    inlines = [TeamMemberInline, ChecklistItemInline]

    def has_add_permission(self, request):
        return request.user.has_perm("inspections.add_campaign")

    def has_change_permission(self, request, obj=None):
        allowed = request.user.has_perm("inspections.change_campaign")
        return allowed and (obj is None or services.can_manage_campaign(request.user, obj))

    def get_readonly_fields(self, request, obj=None):
        # The area is fixed once the campaign exists: its reports are scoped by it.
        return ["change_history", "status", *(["division"] if obj else [])]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            changes = {name: data[name] for name in services.CAMPAIGN_FIELDS}
            seen = data.get("version")
            services.campaign_update(actor=request.user, campaign=obj, seen_version=seen, **changes)
        else:
            obj.pk = services.campaign_create(actor=request.user, **data).pk


class IndicatorScoreInline(ReadOnlyInline):
    model = IndicatorScore
    fields = ["item", "score"]


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ["severity", "text", "created_by", "created_at"]
    readonly_fields = ["created_by", "created_at"]


class EvidenceInline(ReadOnlyInline):
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


class InspectionEvidenceInline(EvidenceInline):
    model = InspectionEvidence


@admin.register(Inspection)
class InspectionAdmin(ServiceAdmin):
    """Reports are filed on the portal by their inspectors; the lead may accept here."""

    list_display = ["campaign", "target_division", "target_school", "status", "rating"]
    list_filter = ["status", "rating", "campaign__year"]
    search_fields = ["target_division__name", "target_school__name", "campaign__name"]
    list_select_related = ["campaign", "target_division", "target_school"]
    inlines = [IndicatorScoreInline, FindingInline, InspectionEvidenceInline]
    actions = [
        service_action(
            services.inspection_accept,
            "inspection",
            _("Accept the selected submitted reports"),
            _("%(count)s accepted."),
        )
    ]

    def steps_of(self, obj):
        return report_history(obj)


class RectificationEvidenceInline(EvidenceInline):
    model = RectificationEvidence


class RectificationEventInline(ReadOnlyInline):
    model = RectificationEvent
    fields = ["at", "actor", "action", "note"]


@admin.register(RectificationOrder)
class RectificationOrderAdmin(ServiceAdmin):
    list_display = ["target_division", "target_school", "deadline", "status", "issued_by"]
    list_filter = ["status"]
    search_fields = ["target_division__name", "target_school__name", "requirement"]
    list_select_related = ["target_division", "target_school", "issued_by"]
    inlines = [RectificationEvidenceInline, RectificationEventInline]
    actions = [
        service_action(
            services.rectification_verify,
            "order",
            _("Verify and close the selected rectifications"),
            _("%(count)s closed."),
        )
    ]


class CircularForm(ServiceModelForm):
    class Meta:
        model = Circular
        fields = ["campaign", "kind", "title", "body", "named_divisions", "named_schools"]


@admin.register(Circular)
class CircularAdmin(ServiceAdmin):
    """Drafts are written through ``circular_create``/``circular_update`` and published
    through ``circular_publish``; a published circular is final."""

    form = CircularForm
    list_display = ["title", "kind", "campaign", "is_published", "published_on"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title"]
    list_select_related = ["campaign"]
    actions = [
        service_action(
            services.circular_publish,
            "circular",
            _("Publish the selected circulars"),
            _("%(count)s published."),
        )
    ]

    def has_add_permission(self, request):
        return request.user.has_perm("inspections.add_circular")

    def has_change_permission(self, request, obj=None):
        allowed = request.user.has_perm("inspections.change_circular")
        return allowed and (obj is None or not obj.is_published)

    def get_readonly_fields(self, request, obj=None):
        return ["change_history", *(["campaign"] if obj else [])]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        fields = {
            "kind": data["kind"],
            "title": data["title"],
            "body": data["body"],
            "named_divisions": list(data["named_divisions"]),
            "named_schools": list(data["named_schools"]),
            "findings": list(obj.findings.all()) if change else [],
        }
        if change:
            seen = data.get("version")
            services.circular_update(actor=request.user, circular=obj, seen_version=seen, **fields)
        else:
            campaign = data["campaign"]
            obj.pk = services.circular_create(actor=request.user, campaign=campaign, **fields).pk


class EvaluationItemInline(ReadOnlyInline):
    model = EvaluationItem
    fields = ["position", "name", "weight", "is_young_pioneer_work"]


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(ServiceAdmin):
    list_display = ["name", "year", "division", "status"]
    list_filter = ["status", "year"]
    search_fields = ["name"]
    list_select_related = ["division"]
    inlines = [EvaluationItemInline]
    actions = [
        service_action(
            services.evaluation_scheme_activate,
            "scheme",
            _("Put the selected schemes in force"),
            _("%(count)s in force."),
        )
    ]
