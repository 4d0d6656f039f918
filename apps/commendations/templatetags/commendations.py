"""Template tags of the commendations area: the nomination list's rows."""

from functools import lru_cache

from django import template
from django.utils.translation import get_language

from apps.commendations.models import Nomination
from apps.core import rows
from apps.core.models import choice_labels

register = template.Library()

# Each cell's label on a phone.
_ROW_LABELS = ("Category", "Nominated in", "Status")


@lru_cache(maxsize=16)
def _shown_choices(field_name: str, language: str | None) -> dict:
    """A field's choice labels translated into ``language`` and escaped, once a process
    for each language: every row shows its status and level."""
    field = Nomination._meta.get_field(field_name)
    return {value: rows.esc(label) for value, label in choice_labels(field).items()}


@register.simple_tag
def nomination_rows(page):
    """``{% nomination_rows page %}``: the nomination list's rows, written in Python
    (``apps.core.rows``): the nominee's name as staff see it, its category, where it was
    nominated, its status and the level it waits at."""
    label = rows.labels(*_ROW_LABELS)
    language = get_language()
    statuses = _shown_choices("status", language)
    levels = _shown_choices("current_level", language)
    return rows.rows_html(
        _nomination_row(nomination, label, statuses, levels) for nomination in page
    )


def _nomination_row(nomination, label, statuses, levels) -> str:
    esc = rows.esc
    status = statuses.get(nomination.status) or esc(nomination.get_status_display())
    if nomination.current_level:
        level = levels.get(nomination.current_level) or esc(nomination.get_current_level_display())
        status = f"{status} · {level}"
    url = rows.row_url("commendations:nomination-detail", nomination.pk)
    return (
        f'<tr data-nomination="{nomination.pk}">'
        f'<th scope="row"><a href="{url}">'
        f"{esc(nomination.nominee_name)}</a></th>"
        f'<td data-label="{label["Category"]}">{esc(nomination.category_name)}</td>'
        f'<td data-label="{label["Nominated in"]}">{esc(nomination.division_name)}</td>'
        f'<td data-label="{label["Status"]}">{status}</td>'
        "</tr>"
    )
