"""The pairing lists as exports (see apps.exports.registry), read through the pages' own
selectors. A wish's export carries counts, statuses and amounts, never its text or card:
exports show counts only. Volunteers are counted, never listed.

Imported at start-up by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.exports.columns import choice_labels
from apps.exports.lists import filtered, list_export
from apps.exports.writers import CellType, Column
from apps.pairing.choices import InstitutionKind, WishCategory, WishStatus
from apps.pairing.permissions import Perm
from apps.pairing.selectors import institution_list, pairing_list, service_hours, wish_list

PLACE = (
    Column(_("Prefecture"), "county__parent__name", width=12),
    Column(_("County"), "county__name", width=12),
    Column(_("School"), "school__name", width=28),
)


@list_export(
    "pairing-institutions",
    _("Partner institutions"),
    filtered(institution_list),
    ("name", "id"),
    Perm.VIEW_INSTITUTION,
)
def institution_columns(viewer) -> list[Column]:
    return [
        Column(_("Name"), "name", width=30),
        Column(_("Kind"), "kind", width=14, transform=choice_labels(InstitutionKind)),
        Column(_("League committee"), "league_committee", width=24),
        Column(_("Prefecture"), "prefecture__name", width=14),
        Column(_("Place outside the province"), "outside_place", width=14),
        Column(_("Contact office"), "contact_office", width=24),
        Column(_("Office telephone"), "contact_phone", width=16),
        Column(_("Pairings"), "pairing_count", CellType.INTEGER),
    ]


@list_export(
    "pairing-pairings", _("Pairings"), filtered(pairing_list), ("-year", "-id"), Perm.VIEW_PAIRING
)
def pairing_columns(viewer) -> list[Column]:
    return [
        Column(_("Year"), "year", CellType.INTEGER),
        Column(_("Campaign name"), "campaign", width=14),
        Column(_("Institution"), "institution__name", width=30),
        *PLACE,
        Column(_("Brigade"), "brigade__name", width=16),
        Column(_("Squad"), "squad__name", width=16),
        Column(_("Paired on"), "started_on", CellType.DATE),
    ]


@list_export(
    "pairing-service-hours",
    _("Service hours per institution"),
    service_hours,
    ("pairing__institution__name", "pairing__institution_id"),
    Perm.VIEW_PAIRING,
)
def service_hours_columns(viewer) -> list[Column]:
    return [
        Column(_("Institution"), "pairing__institution__name", width=30),
        Column(_("Pairings"), "pairings", CellType.INTEGER),
        Column(_("Activities"), "activities", CellType.INTEGER),
        Column(_("Volunteers (person-times)"), "volunteers", CellType.INTEGER, width=16),
        Column(_("Service hours"), "hours", CellType.DECIMAL, width=14),
        Column(_("Children reached (person-times)"), "children", CellType.INTEGER, width=16),
    ]


@list_export(
    "pairing-wishes", _("Micro-wishes"), filtered(wish_list), ("-posted_on", "-id"), Perm.VIEW_WISH
)
def wish_columns(viewer) -> list[Column]:
    """Counts and statuses only: no text, no card."""
    return [
        Column(_("Posted on"), "posted_on", CellType.DATE),
        *PLACE,
        Column(_("Category"), "category", width=12, transform=choice_labels(WishCategory)),
        Column(_("Estimated value (yuan)"), "estimated_value", CellType.MONEY, width=14),
        Column(_("Status"), "status", width=10, transform=choice_labels(WishStatus)),
        Column(_("Claimed for"), "institution__name", width=28),
        Column(_("Claimed on"), "claimed_on", CellType.DATE),
        Column(_("Fulfilled on"), "fulfilled_on", CellType.DATE),
        Column(_("Confirmed on"), "confirmed_on", CellType.DATE),
    ]
