"""Admin of joint inspections: a read-only view for checking data, scoped like the portal.

Campaigns, reports, orders, circulars and schemes change only through the portal's pages,
whose services enforce the workflow (a submitted report is final, a scheme keeps Young
Pioneer work at 10% or more) and keep the history; the admin cannot bypass them.
"""

from django.contrib import admin

from apps.core.admin import ScopedAdminMixin
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
    ReportRevision,
    TeamMember,
)


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlyScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Rows the user sees in the portal (the model's own ``for_actor``), read-only."""

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        return queryset.for_actor(request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class TeamMemberInline(ReadOnlyInline):
    model = TeamMember
    fields = ["name", "body", "position", "user"]


class ChecklistItemInline(ReadOnlyInline):
    model = ChecklistItem
    fields = ["position", "name", "max_score", "weight"]


@admin.register(Campaign)
class CampaignAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "year", "start_date", "end_date", "division", "status", "lead"]
    list_filter = ["status", "year"]
    search_fields = ["name"]
    list_select_related = ["division", "lead"]
    inlines = [TeamMemberInline, ChecklistItemInline]


class IndicatorScoreInline(ReadOnlyInline):
    model = IndicatorScore
    fields = ["item", "score"]


class FindingInline(ReadOnlyInline):
    model = Finding
    fields = ["severity", "text", "created_by", "created_at"]
    readonly_fields = ["created_at"]


class InspectionEvidenceInline(ReadOnlyInline):
    model = InspectionEvidence
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


class ReportRevisionInline(ReadOnlyInline):
    model = ReportRevision
    fields = ["at", "actor", "action", "changes", "note"]


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyScopedAdmin):
    list_display = ["campaign", "target_division", "target_school", "status", "rating"]
    list_filter = ["status", "rating", "campaign__year"]
    search_fields = ["target_division__name", "target_school__name", "campaign__name"]
    list_select_related = ["campaign", "target_division", "target_school"]
    inlines = [
        IndicatorScoreInline,
        FindingInline,
        InspectionEvidenceInline,
        ReportRevisionInline,
    ]


class RectificationEvidenceInline(ReadOnlyInline):
    model = RectificationEvidence
    fields = ["original_name", "content_type", "size", "uploaded_by", "uploaded_at"]
    readonly_fields = ["uploaded_at"]


class RectificationEventInline(ReadOnlyInline):
    model = RectificationEvent
    fields = ["at", "actor", "action", "note"]


@admin.register(RectificationOrder)
class RectificationOrderAdmin(ReadOnlyScopedAdmin):
    list_display = ["target_division", "target_school", "deadline", "status", "issued_by"]
    list_filter = ["status"]
    search_fields = ["target_division__name", "target_school__name", "requirement"]
    list_select_related = ["target_division", "target_school", "issued_by"]
    inlines = [RectificationEvidenceInline, RectificationEventInline]


@admin.register(Circular)
class CircularAdmin(ReadOnlyScopedAdmin):
    list_display = ["title", "kind", "campaign", "is_published", "published_on"]
    list_filter = ["kind", "is_published"]
    search_fields = ["title"]
    list_select_related = ["campaign"]


class EvaluationItemInline(ReadOnlyInline):
    model = EvaluationItem
    fields = ["position", "name", "weight", "is_young_pioneer_work"]


@admin.register(EvaluationScheme)
class EvaluationSchemeAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "year", "division", "status"]
    list_filter = ["status", "year"]
    search_fields = ["name"]
    list_select_related = ["division"]
    inlines = [EvaluationItemInline]
