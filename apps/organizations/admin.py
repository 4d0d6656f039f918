"""The admin of the organization tree: scoped everywhere, writing through the services.

Divisions are read-only (they come from the national code list through load_divisions);
every other write, deletions and inline rows included, is a service call.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin, ScopedRelatedOnlyFieldListFilter
from apps.core.admin_writes import ReadOnlyAdminMixin, ServiceAdminMixin, Writes, form_values
from apps.exports.import_admin import ScopedExportMixin, ScopedImportExportMixin
from apps.organizations import models, services
from apps.organizations.resources import DivisionResource, SchoolResource


class ServiceAdmin(ServiceAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """A scoped admin writing through the services."""


@admin.register(models.Division)
class DivisionAdmin(ScopedExportMixin, ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: divisions come from the national code list (load_divisions)."""

    resource_classes = [DivisionResource]
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level", ("parent", ScopedRelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    ordering = ["code"]


BRIGADE_WRITES = Writes.of(services, "school", "brigade", ("name",), update="rename")
SQUAD_WRITES = Writes.of(services, "brigade", "squad", ("name",), update="rename")
MEMBER_WRITES = Writes.of(services, "committee", "member", services.MEMBER_FIELDS, data=True)
COMMITTEE_WRITES = Writes.of(
    services, "division", "committee", services.COMMITTEE_FIELDS, data=True
)
# Saving a county's post creates it or changes the one it has.
POST_WRITES = Writes(
    parent="county",
    fields=services.CHIEF_COUNSELOR_FIELDS,
    create=lambda actor, county, values: services.chief_counselor_post_save(
        actor=actor, county=county, **values
    ),
    update=lambda actor, post, values: services.chief_counselor_post_save(
        actor=actor, county=post.county, **values
    ),
    delete=lambda actor, post: services.chief_counselor_post_delete(actor=actor, post=post),
)


class BrigadeInline(ScopedAdminMixin, admin.TabularInline):
    model = models.Brigade
    extra = 0
    fields = ["name"]
    show_change_link = True


@admin.register(models.School)
class SchoolAdmin(ScopedImportExportMixin, ServiceAdmin):
    resource_classes = [SchoolResource]
    list_display = ["name", "county", "school_type", "squad_count", "is_transition_pilot"]
    # Relation filters list only in-scope divisions (ScopedRelatedFieldListFilter).
    list_filter = [
        ("county__parent", ScopedRelatedOnlyFieldListFilter),
        "county",
        "school_type",
        *models.SCHOOL_FLAGS,
    ]
    search_fields = ["name"]
    autocomplete_fields = ["county"]
    list_select_related = ["county"]
    # Counted from the brigade and squad rows, never typed in.
    readonly_fields = ["brigade_count", "squad_count"]
    inlines = [BrigadeInline]
    inline_writes = {models.Brigade: BRIGADE_WRITES}

    # A school may move to another county in scope: no fixed parent, its own writes.
    def create(self, request, form):
        values = form_values(form, services.SCHOOL_FIELDS)
        return services.school_create(actor=request.user, **values)

    def update(self, request, obj, form):
        values = form_values(form, services.SCHOOL_FIELDS)
        return services.school_update(actor=request.user, school=obj, data=values)

    def remove(self, request, obj):
        services.school_delete(actor=request.user, school=obj)


class SquadInline(ScopedAdminMixin, admin.TabularInline):
    model = models.Squad
    extra = 0
    fields = ["name"]


@admin.register(models.Brigade)
class BrigadeAdmin(ServiceAdmin):
    list_display = ["__str__", "school"]
    list_select_related = ["school"]
    search_fields = ["name", "school__name"]
    autocomplete_fields = ["school"]
    inlines = [SquadInline]
    writes = BRIGADE_WRITES
    inline_writes = {models.Squad: SQUAD_WRITES}


@admin.register(models.Squad)
class SquadAdmin(ServiceAdmin):
    # Other areas' admins pick squads by autocomplete (commendations, pairing).
    search_fields = ["name", "brigade__school__name"]
    list_display = ["__str__", "brigade"]
    list_select_related = ["brigade__school"]
    autocomplete_fields = ["brigade"]
    writes = SQUAD_WRITES


class CommitteeMemberInline(ScopedAdminMixin, admin.TabularInline):
    model = models.CommitteeMember
    extra = 0
    fields = services.MEMBER_FIELDS


@admin.register(models.WorkCommittee)
class WorkCommitteeAdmin(ServiceAdmin):
    list_display = ["name", "division", "dual_chair_status"]
    list_filter = ["division__level"]
    list_select_related = ["division"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division"]
    inlines = [CommitteeMemberInline]
    writes = COMMITTEE_WRITES
    inline_writes = {models.CommitteeMember: MEMBER_WRITES}

    def get_queryset(self, request):
        return super().get_queryset(request).with_dual_chair()

    @admin.display(boolean=True, description=_("Dual chairs"), ordering="dual_chair")
    def dual_chair_status(self, obj):
        return obj.dual_chair


@admin.register(models.ChiefCounselorPost)
class ChiefCounselorPostAdmin(ServiceAdmin):
    list_display = ["county", "host_body", "holder_name", "holder_heads_section"]
    list_filter = [("county__parent", ScopedRelatedOnlyFieldListFilter), "host_body"]
    list_select_related = ["county"]
    search_fields = ["county__name", "holder_name"]
    autocomplete_fields = ["county"]
    writes = POST_WRITES
