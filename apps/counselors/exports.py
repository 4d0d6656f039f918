"""The counselor list as an export (see apps.exports.registry), read through
``counselor_list``; birth dates, ID numbers and phones masked exactly as the pages mask them.

Imported at start-up by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.masking import (
    can_see_full_id_number,
    mask_birth_date,
    mask_id_number,
    mask_phone,
)
from apps.counselors.permissions import Perm
from apps.counselors.selectors import counselor_list
from apps.exports.columns import choice_labels, yes_no
from apps.exports.lists import filtered, list_export
from apps.exports.writers import CellType, Column


# The counselor_keyset_order index, as the list pages.
@list_export(
    "counselors",
    _("Counselors"),
    filtered(counselor_list),
    ("county_id", "name", "id"),
    Perm.VIEW_COUNSELOR,
)
def counselor_columns(viewer) -> list[Column]:
    """The counselor list's columns; birth dates, ID numbers and phones masked unless
    ``viewer`` may see them in full (counselors.view_full_id_number), as on the pages."""
    full = can_see_full_id_number(viewer)
    # A masked birth date (1985-**-**) is no date, so it goes out as text.
    birth_date = (
        Column(_("Birth date"), "birth_date", CellType.DATE, unmasked=True)
        if full
        else Column(_("Birth date"), "birth_date", width=12, transform=mask_birth_date)
    )
    return [
        Column(_("Prefecture"), "county__parent__name", width=14),
        Column(_("County"), "county__name", width=14),
        Column(_("School"), "school__name", width=28),
        Column(_("Full name"), "name", width=10),
        Column(_("Gender"), "gender", width=6, transform=choice_labels(Gender)),
        Column(_("Ethnicity"), "ethnicity", width=8),
        birth_date,
        Column(
            _("ID number"),
            "id_number",
            width=21,
            transform=None if full else mask_id_number,
            unmasked=full,
        ),
        Column(
            _("Phone"), "phone", width=14, transform=None if full else mask_phone, unmasked=full
        ),
        Column(_("Post"), "post", width=14, transform=choice_labels(CounselorPost)),
        Column(
            _("Post rank against middle management"),
            "post_rank",
            width=16,
            transform=choice_labels(PostRank),
        ),
        Column(
            _("Teacher title"), "teacher_title", width=14, transform=choice_labels(TeacherTitle)
        ),
        Column(_("Has a user account"), "user", width=8, transform=yes_no()),
    ]


COUNSELORS = counselor_columns.definition
