"""Commendations in the admin: rounds and their categories written through the services;
nominations read-only (they change only through the review workflow)."""

from django.contrib import admin

from apps.commendations.models import Category, Nomination, Round
from apps.commendations.services import rounds
from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import (
    AuditedAdminMixin,
    ReadOnlyAdminMixin,
    ServiceAdminMixin,
    Writes,
)

CATEGORY_WRITES = Writes(
    parent="round",
    fields=rounds.CATEGORY_FIELDS,
    create=lambda actor, parent, values: rounds.category_create(
        actor=actor, round=parent, values=values
    ),
    update=lambda actor, row, values: rounds.category_update(
        actor=actor, category=row, values=values
    ),
    delete=lambda actor, row: rounds.category_delete(actor=actor, category=row),
)


class CategoryInline(admin.TabularInline):
    model = Category
    fields = list(rounds.CATEGORY_FIELDS)
    extra = 0


@admin.register(Round)
class RoundAdmin(ServiceAdminMixin, AuditedAdminMixin, admin.ModelAdmin):
    list_display = ["title", "year", "selection_mode", "status"]
    list_filter = ["year", "status"]
    fields = [*rounds.ROUND_FIELDS, "status"]
    readonly_fields = ["status"]
    inlines = [CategoryInline]
    inline_writes = {Category: CATEGORY_WRITES}

    def create(self, request, form):
        return rounds.round_create(actor=request.user, values=form.cleaned_data)

    def update(self, request, obj, form):
        return rounds.round_update(actor=request.user, round=obj, values=form.cleaned_data)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Nomination)
class NominationAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "category", "division", "status", "current_level", "serial"]
    list_filter = ["round", "status"]
    list_select_related = ["category", "division", "child", "person", "counselor"]
    readonly_fields = [f.name for f in Nomination._meta.concrete_fields]
    exclude = ["history"]
