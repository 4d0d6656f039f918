"""The admin of the organization tree: scoped everywhere, writing through the services.

Divisions are read-only (they come from the national code list through load_divisions);
every other write, deletions and inline rows included, is a service call.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from apps.core.admin import ScopedAdminMixin, ScopedRelatedOnlyFieldListFilter
from apps.exports.import_admin import ScopedExportMixin, ScopedImportExportMixin
from apps.organizations import services
from apps.organizations.admin_writes import InlineWrites, ServiceAdminMixin, form_values
from apps.organizations.models import (
    Brigade,
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    Squad,
    WorkCommittee,
)
from apps.organizations.resources import DivisionResource, SchoolResource


class ServiceAdmin(ServiceAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """A scoped admin writing through the services."""


@admin.register(Division)
class DivisionAdmin(ScopedExportMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: divisions come from the national code list (load_divisions)."""

    resource_classes = [DivisionResource]
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level", ("parent", ScopedRelatedOnlyFieldListFilter)]
    list_select_related = ["parent"]
    search_fields = ["code", "name"]
    ordering = ["code"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class BrigadeInline(ScopedAdminMixin, admin.TabularInline):
    model = Brigade
    extra = 0
    fields = ["name"]
    show_change_link = True


BRIGADE_WRITES = InlineWrites(
    fields=("name",),
    create=lambda actor, school, values: services.brigade_create(
        actor=actor, school=school, **values
    ),
    update=lambda actor, brigade, values: services.brigade_rename(
        actor=actor, brigade=brigade, **values
    ),
    delete=lambda actor, brigade: services.brigade_delete(actor=actor, brigade=brigade),
)
SQUAD_WRITES = InlineWrites(
    fields=("name",),
    create=lambda actor, brigade, values: services.squad_create(
        actor=actor, brigade=brigade, **values
    ),
    update=lambda actor, squad, values: services.squad_rename(actor=actor, squad=squad, **values),
    delete=lambda actor, squad: services.squad_delete(actor=actor, squad=squad),
)
MEMBER_WRITES = InlineWrites(
    fields=services.MEMBER_FIELDS,
    create=lambda actor, committee, values: services.member_create(
        actor=actor, committee=committee, **values
    ),
    update=lambda actor, member, values: services.member_update(
        actor=actor, member=member, data=values
    ),
    delete=lambda actor, member: services.member_delete(actor=actor, member=member),
)


@admin.register(School)
class SchoolAdmin(ScopedImportExportMixin, ServiceAdmin):
    resource_classes = [SchoolResource]
    list_display = ["name", "county", "school_type", "squad_count", "is_transition_pilot"]
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
    # Counted from the brigade and squad rows, never typed in.
    readonly_fields = ["brigade_count", "squad_count"]
    inlines = [BrigadeInline]
    inline_writes = {Brigade: BRIGADE_WRITES}

    def create(self, request, form):
        values = form_values(form, services.SCHOOL_FIELDS)
        return services.school_create(actor=request.user, **values)

    def update(self, request, obj, form):
        values = form_values(form, services.SCHOOL_FIELDS)
        return services.school_update(actor=request.user, school=obj, data=values)

    def remove(self, request, obj):
        services.school_delete(actor=request.user, school=obj)


class SquadInline(ScopedAdminMixin, admin.TabularInline):
    model = Squad
    extra = 0
    fields = ["name"]


@admin.register(Brigade)
class BrigadeAdmin(ServiceAdmin):
    list_display = ["__str__", "school"]
    list_select_related = ["school"]
    search_fields = ["name", "school__name"]
    autocomplete_fields = ["school"]
    inlines = [SquadInline]
    inline_writes = {Squad: SQUAD_WRITES}

    def get_readonly_fields(self, request, obj=None):
        # A brigade belongs to its school for good.
        return ["school"] if obj else []

    def create(self, request, form):
        school, name = form.cleaned_data["school"], form.cleaned_data["name"]
        return services.brigade_create(actor=request.user, school=school, name=name)

    def update(self, request, obj, form):
        return services.brigade_rename(actor=request.user, brigade=obj, name=obj.name)

    def remove(self, request, obj):
        services.brigade_delete(actor=request.user, brigade=obj)


@admin.register(Squad)
class SquadAdmin(ServiceAdmin):
    list_display = ["__str__", "brigade"]
    list_select_related = ["brigade__school"]
    search_fields = ["name", "brigade__school__name"]
    autocomplete_fields = ["brigade"]

    def get_readonly_fields(self, request, obj=None):
        return ["brigade"] if obj else []

    def create(self, request, form):
        brigade, name = form.cleaned_data["brigade"], form.cleaned_data["name"]
        return services.squad_create(actor=request.user, brigade=brigade, name=name)

    def update(self, request, obj, form):
        return services.squad_rename(actor=request.user, squad=obj, name=obj.name)

    def remove(self, request, obj):
        services.squad_delete(actor=request.user, squad=obj)


class CommitteeMemberInline(ScopedAdminMixin, admin.TabularInline):
    model = CommitteeMember
    extra = 0
    fields = services.MEMBER_FIELDS


@admin.register(WorkCommittee)
class WorkCommitteeAdmin(ServiceAdmin):
    list_display = ["name", "division", "dual_chair_status"]
    list_filter = ["division__level"]
    list_select_related = ["division"]
    search_fields = ["name", "division__name"]
    autocomplete_fields = ["division"]
    inlines = [CommitteeMemberInline]
    inline_writes = {CommitteeMember: MEMBER_WRITES}

    def get_queryset(self, request):
        return super().get_queryset(request).with_dual_chair()

    @admin.display(boolean=True, description=_("Dual chairs"), ordering="dual_chair")
    def dual_chair_status(self, obj):
        return obj.dual_chair

    def get_readonly_fields(self, request, obj=None):
        # A committee belongs to its division for good.
        return ["division"] if obj else []

    def create(self, request, form):
        values = form_values(form, services.COMMITTEE_FIELDS)
        division = form.cleaned_data["division"]
        return services.committee_create(actor=request.user, division=division, **values)

    def update(self, request, obj, form):
        values = form_values(form, services.COMMITTEE_FIELDS)
        return services.committee_update(actor=request.user, committee=obj, data=values)

    def remove(self, request, obj):
        services.committee_delete(actor=request.user, committee=obj)


@admin.register(ChiefCounselorPost)
class ChiefCounselorPostAdmin(ServiceAdmin):
    list_display = ["county", "host_body", "holder_name", "holder_heads_section"]
    list_filter = [("county__parent", ScopedRelatedOnlyFieldListFilter), "host_body"]
    list_select_related = ["county"]
    search_fields = ["county__name", "holder_name"]
    autocomplete_fields = ["county"]

    def get_readonly_fields(self, request, obj=None):
        return ["county"] if obj else []

    def create(self, request, form):
        return self._save(request, form.cleaned_data["county"], form)

    def update(self, request, obj, form):
        return self._save(request, obj.county, form)

    def _save(self, request, county, form):
        values = form_values(form, services.CHIEF_COUNSELOR_FIELDS)
        return services.chief_counselor_post_save(actor=request.user, county=county, **values)

    def remove(self, request, obj):
        services.chief_counselor_post_delete(actor=request.user, post=obj)
