from django.contrib import admin

from apps.core.admin import ScopedAdminMixin
from apps.organizations.models import (
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    WorkCommittee,
)


@admin.register(Division)
class DivisionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    ordering = ["code"]

    def has_add_permission(self, request):
        # Divisions come from the national code list (load_divisions), not from hand entry.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(School)
class SchoolAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "county", "school_type", "is_transition_pilot"]
    list_filter = [
        "school_type",
        "is_migrant_children_school",
        "is_red_scarf_demonstration",
        "is_transition_pilot",
        "has_drum_corps",
    ]
    search_fields = ["name"]
    autocomplete_fields = ["county"]
    list_select_related = ["county"]


class CommitteeMemberInline(admin.TabularInline):
    model = CommitteeMember
    extra = 0


@admin.register(WorkCommittee)
class WorkCommitteeAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "division"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division"]
    inlines = [CommitteeMemberInline]


@admin.register(ChiefCounselorPost)
class ChiefCounselorPostAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["county", "host_body", "holder_name", "holder_heads_section"]
    list_filter = ["host_body"]
    autocomplete_fields = ["county"]
