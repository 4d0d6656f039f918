"""Template helpers of the funding area, and the program and allocation lists' rows."""

from decimal import Decimal, InvalidOperation

from django import template

from apps.core import rows
from apps.core.money import yuan
from apps.funding.choices import AllocationStatus, ProgramStatus, Target

register = template.Library()


@register.filter
def percent(share) -> str:
    """A share as text ("0.9876") shown as a percentage ("98.76%"); "" for no share."""
    try:
        value = Decimal(str(share)) * 100
    except (InvalidOperation, TypeError, ValueError):
        return ""
    return f"{value.quantize(Decimal('0.01'))}%"


def _number(value) -> str:
    """``{{ value }}`` of a number as the template writes it (no thousands separator):
    a Decimal in fixed-point notation, never as an exponent."""
    if isinstance(value, Decimal):
        return f"{value:f}"
    return str(value)


# The badge class of each allocation status; any other is muted.
_STATUS_BADGE = {
    AllocationStatus.CANCELLED: "badge-bad",
    AllocationStatus.DISBURSED: "badge-ok",
    AllocationStatus.USAGE_REPORTED: "badge-ok",
    AllocationStatus.USAGE_ACCEPTED: "badge-ok",
}


@register.simple_tag
def allocation_status(allocation):
    """``{% allocation_status allocation %}``: the allocation's status as a badge."""
    return rows.rows_html([_status_badge(allocation)])


def _status_badge(allocation) -> str:
    status = allocation.status
    badge = _STATUS_BADGE.get(status, "badge-muted")
    return (
        f'<span class="badge {badge}" data-status="{rows.esc(status)}">'
        f"{rows.choice(AllocationStatus, status)}</span>"
    )


_PROGRAM_LABELS = ("Year", "Run by", "Pays", "Budget", "Allocated", "Status")
_ALLOCATION_LABELS = ("County", "Program", "Amount", "Status")


@rows.list_tag(register, "program_rows", _PROGRAM_LABELS)
def _program_row(program, label) -> str:
    """A row of ``{% program_rows page %}``, the program list's rows."""
    esc = rows.esc
    status = esc(program.status)
    return rows.row(
        "program",
        program.pk,
        "funding:program-detail",
        esc(program.name),
        rows.cell(label["Year"], esc(_number(program.year))),
        rows.cell(label["Run by"], esc(program.division_name)),
        rows.cell(label["Pays"], rows.choice(Target, program.target)),
        rows.cell(label["Budget"], esc(yuan(program.total_budget)), ' class="num"'),
        rows.cell(
            label["Allocated"],
            esc(yuan(program.allocated)),
            f' class="num" data-allocated="{esc(_number(program.allocated))}"',
        ),
        rows.cell(
            label["Status"],
            f'<span class="badge badge-muted" data-status="{status}">'
            f"{rows.choice(ProgramStatus, program.status)}</span>",
        ),
    )


@rows.list_tag(register, "allocation_rows", _ALLOCATION_LABELS)
def _allocation_row(allocation, label) -> str:
    """A row of ``{% allocation_rows page %}``, the allocation list's rows."""
    # The names are the selector's annotations (selectors.allocation_list).
    esc = rows.esc
    amount = allocation.amount
    return rows.row(
        "allocation",
        allocation.pk,
        "funding:allocation-detail",
        esc(allocation.recipient_name),
        rows.cell(label["County"], esc(allocation.county_name)),
        rows.cell(
            label["Program"],
            f"{esc(_number(allocation.program_year))} {esc(allocation.program_name)}",
        ),
        rows.cell(
            label["Amount"], esc(yuan(amount)), f' class="num" data-amount="{esc(_number(amount))}"'
        ),
        rows.cell(label["Status"], _status_badge(allocation)),
    )
