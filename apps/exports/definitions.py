"""The counselor and school lists as exports, read through their areas' own selectors.

These two are the province's largest lists and the ones the benchmark measures. Columns are
built per export, in the language active at the time, and personal data is masked exactly as
the list pages mask it.
"""

from __future__ import annotations

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.masking import can_see_full_id_number, mask_id_number, mask_phone
from apps.counselors.selectors import counselor_list
from apps.exports.registry import ExportDefinition, register
from apps.exports.writers import CellType, Column
from apps.organizations.choices import SchoolType
from apps.organizations.selectors import school_list


def _labels(choices) -> dict:
    """A choice's stored value to its label, translated once per export."""
    return {value: str(label) for value, label in choices.choices}


def _yes_no():
    yes, no = gettext("Yes"), gettext("No")
    return lambda value: yes if value else no


def _counselor_selector(*, actor, filters):
    return counselor_list(actor=actor, filters=filters).qs


def counselor_columns(viewer) -> list[Column]:
    """The counselor list's columns; ID numbers and phones masked unless ``viewer`` may see
    them in full (counselors.view_full_id_number), as on the pages."""
    full = can_see_full_id_number(viewer)
    return [
        Column(_("Prefecture"), "county__parent__name", width=14),
        Column(_("County"), "county__name", width=14),
        Column(_("School"), "school__name", width=28),
        Column(_("Name"), "name", width=10),
        Column(_("Gender"), "gender", width=6, transform=_labels(Gender).get),
        Column(_("Ethnicity"), "ethnicity", width=8),
        Column(_("Birth date"), "birth_date", CellType.DATE),
        Column(_("ID number"), "id_number", width=21, transform=None if full else mask_id_number),
        Column(_("Phone"), "phone", width=14, transform=None if full else mask_phone),
        Column(_("Post"), "post", width=14, transform=_labels(CounselorPost).get),
        Column(
            _("Post rank against middle management"),
            "post_rank",
            width=16,
            transform=_labels(PostRank).get,
        ),
        Column(_("Teacher title"), "teacher_title", width=14, transform=_labels(TeacherTitle).get),
        Column(_("Has a user account"), "user", width=8, transform=_yes_no()),
    ]


COUNSELORS = register(
    ExportDefinition(
        kind="counselors",
        label=_("Counselors"),
        filename="counselors",
        selector=_counselor_selector,
        columns=counselor_columns,
        # The counselor_keyset_order index.
        ordering=("county_id", "name", "id"),
    )
)


def school_columns(viewer) -> list[Column]:
    """The school list's columns (nothing personal to mask)."""
    yes_no = _yes_no()
    return [
        Column(_("Prefecture"), "county__parent__name", width=14),
        Column(_("County"), "county__name", width=14),
        Column(_("Name"), "name", width=28),
        Column(_("School type"), "school_type", width=12, transform=_labels(SchoolType).get),
        Column(
            _("Migrant workers' children school"), "is_migrant_children_school", transform=yes_no
        ),
        Column(_("Red-scarf demonstration school"), "is_red_scarf_demonstration", transform=yes_no),
        Column(_("Team–league transition pilot"), "is_transition_pilot", transform=yes_no),
        Column(_("Drum-and-bugle corps"), "has_drum_corps", transform=yes_no),
        Column(_("Brigades"), "brigade_count", CellType.INTEGER),
        Column(_("Squads"), "squad_count", CellType.INTEGER),
        Column(_("Address"), "address", width=30),
    ]


SCHOOLS = register(
    ExportDefinition(
        kind="schools",
        label=_("Schools"),
        filename="schools",
        selector=school_list,
        columns=school_columns,
        # The school_list_order index.
        ordering=("county_id", "name", "id"),
    )
)
