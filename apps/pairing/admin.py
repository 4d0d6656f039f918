"""Admin of the pairing area: scoped like the portal and read-only. Every write goes through
apps/pairing/services (statuses, rights, the clock, history with the actor). A wish's text
and fulfilment note are not shown here at all: the admin serves staff who may not read them
(ADR 0013)."""

from django.contrib import admin

from apps.core.admin import ScopedAdminMixin
from apps.core.admin_writes import ReadOnlyAdminMixin
from apps.pairing.models import Activity, Institution, Pairing, Wish


class ReadOnlyScopedAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """Rows the user sees in the portal, read-only."""


@admin.register(Institution)
class InstitutionAdmin(ReadOnlyScopedAdmin):
    list_display = ["name", "kind", "prefecture", "outside_place"]
    list_filter = ["kind"]
    search_fields = ["name"]
    list_select_related = ["prefecture"]


@admin.register(Pairing)
class PairingAdmin(ReadOnlyScopedAdmin):
    list_display = ["institution", "school", "brigade", "squad", "county", "year"]
    list_filter = ["year"]
    list_select_related = ["institution", "school", "brigade", "squad", "county"]


@admin.register(Activity)
class ActivityAdmin(ReadOnlyScopedAdmin):
    list_display = ["pairing", "held_on", "kind", "volunteers", "service_hours"]
    list_select_related = ["pairing__institution", "pairing__school"]


@admin.register(Wish)
class WishAdmin(ReadOnlyScopedAdmin):
    list_display = ["pk", "school", "category", "estimated_value", "status", "posted_on"]
    list_filter = ["status", "category"]
    list_select_related = ["school"]
    exclude = ["text", "fulfilment_note", "card_label"]
