"""The decision list as an export (see apps.exports.registry), read through the page's own
selector; the responsible person is written as 姓名（单位）, dates stay dates."""

from __future__ import annotations

from django.db.models import CharField, F, Value
from django.db.models.functions import Concat
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from apps.exports.columns import choice_labels
from apps.exports.lists import list_export
from apps.exports.writers import CellType, Column
from apps.meetings.choices import DecisionStatus, OwnerSide
from apps.meetings.permissions import Perm
from apps.meetings.selectors import decision_list


def decision_rows(*, actor, filters):
    return decision_list(actor=actor, filters=filters).qs.annotate(
        responsible_label=Concat(
            F("responsible__full_name"),
            Value("（"),
            F("responsible__work_unit"),
            Value(" "),
            F("responsible__department"),
            Value("）"),
            output_field=CharField(),
        )
    )


@list_export(
    "meeting-decisions", _("Joint-meeting decisions"), decision_rows, ("id",), Perm.VIEW_DECISION
)
def decision_columns(viewer) -> list[Column]:
    return [
        Column(_("Meeting"), "meeting__title", width=36),
        Column(_("Held on"), "meeting__held_on", CellType.DATE),
        Column(pgettext_lazy("joint meeting", "Decision"), "text", width=48),
        Column(_("Owner division"), "owner_division__name", width=14),
        Column(_("Owner body"), "owner_side", transform=choice_labels(OwnerSide)),
        Column(_("Responsible person"), "responsible_label", width=36),
        Column(_("Due on"), "due_on", CellType.DATE),
        Column(_("Status"), "status", transform=choice_labels(DecisionStatus)),
        Column(_("Done on"), "done_on", CellType.DATE),
        Column(_("What was done"), "outcome", width=40),
    ]
