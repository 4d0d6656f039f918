"""The admin of the organization tree: scoped everywhere, writing through the services."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin, ScopedRelatedOnlyFieldListFilter
from apps.exports.import_admin import ScopedExportMixin, ScopedImportExportMixin
from apps.organizations import services
from apps.organizations.models import (
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    WorkCommittee,
)
from apps.organizations.resources import DivisionResource, SchoolResource


def _adopt(obj, saved) -> None:
    """Make the admin's unsaved ``obj`` the row a service created: the admin goes on to
    save inlines, log and redirect with ``obj``."""
    obj.__dict__.update(saved.__dict__)


def _values(source, names) -> dict:
    return {name: source[name] for name in names if name in source}


class ServiceWritesMixin:
    """For admins whose saves go through the services: the services record every change
    in the admin log themselves, so the admin does not log it a second time."""

    def log_addition(self, request, obj, message):
        return None

    def log_change(self, request, obj, message):
        return None


@admin.register(Division)
class DivisionAdmin(ScopedExportMixin, ScopedAdminMixin, admin.ModelAdmin):
    resource_classes = [DivisionResource]
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level", ("parent", ScopedRelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    ordering = ["code"]

    def has_add_permission(self, request):
        # Divisions come from the national code list (load_divisions), not from hand entry.
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(School)
class SchoolAdmin(ScopedImportExportMixin, ServiceWritesMixin, ScopedAdminMixin, admin.ModelAdmin):
    # Imports write through the services, which record each change in the admin log.
    resource_classes = [SchoolResource]
    skip_admin_log = True
    list_display = ["name", "county", "school_type", "is_transition_pilot"]
    # Relation filters list only in-scope divisions (ScopedRelatedFieldListFilter).
    list_filter = [
        ("county__parent", ScopedRelatedOnlyFieldListFilter),
        "county",
        "school_type",
        "is_migrant_children_school",
        "is_red_scarf_demonstration",
        "is_transition_pilot",
        "has_drum_corps",
    ]
    search_fields = ["name"]
    autocomplete_fields = ["county"]
    list_select_related = ["county"]

    def save_model(self, request, obj, form, change):
        data = _values(form.cleaned_data, services.SCHOOL_FIELDS)
        if change:
            services.school_update(actor=request.user, school=obj, data=data)
        else:
            _adopt(obj, services.school_create(actor=request.user, **data))


class CommitteeMemberInline(ScopedAdminMixin, admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = services.MEMBER_FIELDS


@admin.register(WorkCommittee)
class WorkCommitteeAdmin(ServiceWritesMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "division", "dual_chair_status"]
    list_filter = ["division__level"]
    list_select_related = ["division"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division"]
    inlines = [CommitteeMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).with_dual_chair()

    @admin.display(boolean=True, description=_("Dual chairs"), ordering="dual_chair")
    def dual_chair_status(self, obj):
        return obj.dual_chair

    def get_readonly_fields(self, request, obj=None):
        # A committee belongs to its division for good.
        return ["division"] if obj else []

    def save_model(self, request, obj, form, change):
        data = _values(form.cleaned_data, services.COMMITTEE_FIELDS)
        if change:
            services.committee_update(actor=request.user, committee=obj, data=data)
        else:
            committee = services.committee_create(
                actor=request.user, division=form.cleaned_data["division"], **data
            )
            _adopt(obj, committee)

    def save_formset(self, request, form, formset, change):
        if formset.model is not CommitteeMember:
            return super().save_formset(request, form, formset, change)
        actor = request.user
        formset.save(commit=False)
        for member in formset.deleted_objects:
            services.member_delete(actor=actor, member=member)
        for member, changed in formset.changed_objects:
            data = {
                name: getattr(member, name) for name in changed if name in services.MEMBER_FIELDS
            }
            services.member_update(actor=actor, member=member, data=data)
        for member in formset.new_objects:
            data = {name: getattr(member, name) for name in services.MEMBER_FIELDS}
            _adopt(member, services.member_create(actor=actor, committee=form.instance, **data))
        return None


@admin.register(ChiefCounselorPost)
class ChiefCounselorPostAdmin(ServiceWritesMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["county", "host_body", "holder_name", "holder_heads_section"]
    list_filter = [("county__parent", ScopedRelatedOnlyFieldListFilter), "host_body"]
    list_select_related = ["county"]
    search_fields = ["county__name", "holder_name"]
    autocomplete_fields = ["county"]

    def get_readonly_fields(self, request, obj=None):
        return ["county"] if obj else []

    def save_model(self, request, obj, form, change):
        county = obj.county if change else form.cleaned_data["county"]
        data = _values(form.cleaned_data, services.CHIEF_COUNSELOR_FIELDS)
        _adopt(obj, services.chief_counselor_post_save(actor=request.user, county=county, **data))
