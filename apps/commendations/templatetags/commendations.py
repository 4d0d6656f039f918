"""Template tags of the commendations area: the nomination list's rows."""

from django import template

from apps.commendations.choices import NominationStatus, ReviewLevel
from apps.core import rows

register = template.Library()

# Each cell's label on a phone.
_ROW_LABELS = ("Category", "Nominated in", "Status")


@register.simple_tag
def nomination_rows(page):
    """``{% nomination_rows page %}``: the nomination list's rows, written in Python
    (``apps.core.rows``): the nominee's name as staff see it, its category, where it was
    nominated, its status and the level it waits at."""
    label = rows.labels(*_ROW_LABELS)
    return rows.rows_html(_nomination_row(nomination, label) for nomination in page)


def _nomination_row(nomination, label) -> str:
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
