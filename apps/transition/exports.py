"""The pilot list as an export (see apps.exports.registry), read through the page's own
selector: counts and dates stay numbers and dates."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.exports.lists import filtered, list_export
from apps.exports.writers import CellType, Column
from apps.transition.permissions import Perm
from apps.transition.selectors import pilot_list


@list_export(
    "transition-pilots", _("Transition pilots"), filtered(pilot_list), ("id",), Perm.VIEW_PILOT
)
def pilot_columns(viewer) -> list[Column]:
    return [
        Column(_("School"), "school__name", width=24),
        Column(_("Prefecture"), "school__county__parent__name", width=16),
        Column(_("County"), "school__county__name", width=16),
        Column(_("Pilot started on"), "started_on", CellType.DATE),
        Column(_("Plan document"), "plan_document__title", width=36),
        Column(_("Milestones done"), "milestones_done", CellType.INTEGER),
        Column(_("Milestones"), "milestone_count", CellType.INTEGER),
    ]
