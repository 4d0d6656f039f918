"""Template tags for the school list's rows and a school's feature badges."""

from django import template
from django.utils.translation import gettext_lazy as _

from apps.core import rows
from apps.organizations.choices import SchoolType

register = template.Library()

# The badges a school's features show: the flag's field, its data-flag and its label.
FLAGS = (
    ("is_migrant_children_school", "migrant", _("Migrant workers' children")),
    ("is_red_scarf_demonstration", "red-scarf", _("Red-scarf demonstration")),
    ("is_transition_pilot", "transition", _("Team–league transition pilot")),
    ("has_drum_corps", "drum-corps", _("Drum-and-bugle corps")),
)
_ROW_LABELS = ("County", "Type", "Features", "Squads", "Edit")


def _flags(school) -> str:
    return " ".join(
        f'<span class="badge" data-flag="{flag}">{rows.esc(label)}</span>'
        for field, flag, label in FLAGS
        if getattr(school, field)
    )


@register.simple_tag
def school_flags(school):
    """``{% school_flags school %}``: a badge for each of the school's features, or ""."""
    return rows.rows_html([_flags(school)])


@rows.list_tag(register, "school_rows", _ROW_LABELS)
def _school_row(school, label, can_change: bool) -> str:
    """A row of ``{% school_rows page can.change_school %}``, the school list's rows, with
    an edit link when the viewer may change schools."""
    esc = rows.esc
    county = school.county
    prefecture = county.parent.name if county.parent_id else ""
    edit = (
        f'<td><a href="{rows.row_url("organizations:school-update", school.pk)}" '
        f'data-action="edit-school">{label["Edit"]}</a></td>'
        if can_change
        else ""
    )
    return rows.row(
        "school",
        school.pk,
        "organizations:school-detail",
        esc(school.name),
        rows.cell(
            label["County"], f'{esc(county.name)}<br><small class="help">{esc(prefecture)}</small>'
        ),
        rows.cell(label["Type"], rows.choice(SchoolType, school.school_type)),
        rows.cell(label["Features"], _flags(school)),
        rows.cell(label["Squads"], esc(school.squad_count), ' class="num"'),
        edit,
        attrs=f' data-county="{esc(school.county_id)}"',
    )
