"""The program and allocation lists as exports (see apps.exports.registry), read through the
pages' own selectors. Amounts stay numbers (Decimal to the fen), never text.

Imported at start-up by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from apps.exports.columns import choice_labels, yes_no
from apps.exports.lists import filtered, list_export
from apps.exports.writers import CellType, Column
from apps.funding.choices import AllocationStatus, ProgramStatus, Target
from apps.funding.permissions import Perm
from apps.funding.selectors import allocation_list, program_list


@list_export(
    "funding-programs",
    _("Funding programs"),
    filtered(program_list),
    ("-year", "-id"),
    Perm.VIEW_PROGRAM,
)
def program_columns(viewer) -> list[Column]:
    """The program list's columns; budget and allocated amounts as numbers."""
    return [
        Column(_("Year"), "year", CellType.INTEGER),
        Column(_("Name"), "name", width=36),
        Column(_("Run by"), "division__name", width=14),
        Column(_("Funded by the League"), "body_league", transform=yes_no()),
        Column(_("Funded by the education department"), "body_education", transform=yes_no()),
        Column(_("Funded by the work committee"), "body_work_committee", transform=yes_no()),
        Column(_("Pays"), "target", width=22, transform=choice_labels(Target)),
        Column(_("Total budget (yuan)"), "total_budget", CellType.MONEY, width=16),
        Column(_("Allocated (yuan)"), "allocated", CellType.MONEY, width=16),
        Column(_("Status"), "status", transform=choice_labels(ProgramStatus)),
    ]


def allocation_rows(*, actor, filters):
    """The allocations the list page shows, under its filters, with the recipient's names
    (the selector's) and its prefecture's."""
    return allocation_list(actor=actor, filters=filters).qs.annotate(
        prefecture_name=Coalesce(
            F("recipient_school__county__parent__name"),
            F("recipient_committee__division__parent__name"),
        ),
    )


@list_export(
    "funding-allocations", _("Fund allocations"), allocation_rows, ("-id",), Perm.VIEW_ALLOCATION
)
def allocation_columns(viewer) -> list[Column]:
    """The allocation list's columns: where the money went, how much, and where it stands."""
    return [
        Column(_("Year"), "program__year", CellType.INTEGER),
        Column(_("Program"), "program__name", width=36),
        Column(_("Pays"), "program__target", width=22, transform=choice_labels(Target)),
        Column(_("Prefecture"), "prefecture_name", width=12),
        Column(_("County"), "county_name", width=12),
        Column(_("Recipient"), "recipient_name", width=30),
        Column(_("Amount (yuan)"), "amount", CellType.MONEY, width=14),
        Column(_("Remainder returned (yuan)"), "remainder", CellType.MONEY, width=14),
        Column(_("Status"), "status", width=12, transform=choice_labels(AllocationStatus)),
        Column(_("Purpose"), "purpose", width=30),
        Column(_("Disbursed at"), "disbursed_at", CellType.DATETIME),
    ]
