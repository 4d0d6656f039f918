"""The school list as an export (see apps.exports.registry), read through ``school_list``.

Imported at start-up by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.exports.columns import choice_labels, yes_no
from apps.exports.lists import list_export
from apps.exports.writers import CellType, Column
from apps.organizations.choices import SchoolType
from apps.organizations.permissions import Perm
from apps.organizations.selectors import school_list


# The school_list_order index, as the list pages.
@list_export("schools", _("Schools"), school_list, ("county_id", "name", "id"), Perm.VIEW_SCHOOL)
def school_columns(viewer) -> list[Column]:
    """The school list's columns (nothing personal to mask)."""
    flag = yes_no()
    return [
        Column(_("Prefecture"), "county__parent__name", width=14),
        Column(_("County"), "county__name", width=14),
        Column(_("Name"), "name", width=28),
        Column(_("School type"), "school_type", width=12, transform=choice_labels(SchoolType)),
        Column(_("Migrant workers' children school"), "is_migrant_children_school", transform=flag),
        Column(_("Red-scarf demonstration school"), "is_red_scarf_demonstration", transform=flag),
        Column(_("Team–league transition pilot"), "is_transition_pilot", transform=flag),
        Column(_("Drum-and-bugle corps"), "has_drum_corps", transform=flag),
        Column(_("Brigades"), "brigade_count", CellType.INTEGER),
        Column(_("Squads"), "squad_count", CellType.INTEGER),
        Column(_("Address"), "address", width=30),
    ]
