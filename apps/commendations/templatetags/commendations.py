"""Template tags of the commendations area: the nomination list's rows."""

from django import template

from apps.commendations.choices import NominationStatus, ReviewLevel
from apps.core import rows

register = template.Library()

# Each cell's label on a phone.
_ROW_LABELS = ("Category", "Nominated in", "Status")


@rows.list_tag(register, "nomination_rows", _ROW_LABELS)
def _nomination_row(nomination, label) -> str:
    """A row of ``{% nomination_rows page %}``, the nomination list's rows: the nominee's
    name as staff see it, its category, where it was nominated, its status and the level
    it waits at."""
    esc = rows.esc
    status = rows.choice(NominationStatus, nomination.status)
    if nomination.current_level:
        status = f"{status} · {rows.choice(ReviewLevel, nomination.current_level)}"
    return rows.row(
        "nomination",
        nomination.pk,
        "commendations:nomination-detail",
        esc(nomination.nominee_name),
        rows.cell(label["Category"], esc(nomination.category_name)),
        rows.cell(label["Nominated in"], esc(nomination.division_name)),
        rows.cell(label["Status"], status),
    )
