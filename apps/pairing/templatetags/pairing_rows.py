"""Template tags for the rows of the micro-wish and pairing lists, written in Python
(``apps.core.rows``): the two busiest pages of the area at provincial scale.

A wish's words are shown only where ``rights.may_read_wish_text`` allows, as on its page;
anyone else sees "Micro-wish #pk".
"""

from django import template
from django.utils.text import Truncator

from apps.core import clock, money, rows
from apps.pairing import rights
from apps.pairing.choices import WishCategory, WishStatus

register = template.Library()

# Each cell's label on a phone, the wish's stand-ins and the overdue badge.
_WISH_LABELS = (
    "School",
    "Category",
    "Value",
    "Status",
    "Micro-wish",
    "(text cleared)",
    "claim ran out",
)
_PAIRING_LABELS = ("Organization", "County", "Year")
# The statuses whose badge reads as done (pairing/_status.html).
_DONE = frozenset({WishStatus.CONFIRMED.value, WishStatus.FULFILLED.value})


def _viewer(context):
    request = context.get("request")
    return getattr(request, "user", None) or context.get("user")


@register.simple_tag(takes_context=True)
def wish_rows(context, page):
    """``{% wish_rows page %}``: the micro-wish list's rows; the wish's text only to those
    who may read it, and its status badge as ``pairing/_status.html`` shows it."""
    user = _viewer(context)
    today = clock.today()
    label = rows.labels(*_WISH_LABELS)
    return rows.rows_html(_wish_row(wish, user, today, label) for wish in page)


def _wish_title(wish, user, label) -> str:
    if not rights.may_read_wish_text(user, wish):
        return f"{label['Micro-wish']} #{wish.pk}"
    if wish.text:
        return rows.esc(Truncator(wish.text).chars(24))
    return label["(text cleared)"]


def _wish_status(wish, overdue: bool, label) -> str:
    esc = rows.esc
    if overdue:
        badge = "badge-bad"
    elif wish.status in _DONE:
        badge = "badge-ok"
    else:
        badge = "badge-muted"
    ran_out = (
        f' <span class="badge badge-bad" data-overdue>{label["claim ran out"]}</span>'
        if overdue
        else ""
    )
    return (
        f'<span class="badge {badge}" data-status="{esc(wish.status)}">'
        f"{rows.choice(WishStatus, wish.status)}</span>{ran_out}"
    )


def _wish_row(wish, user, today, label) -> str:
    esc = rows.esc
    return rows.row(
        "wish",
        wish.pk,
        "pairing:wish-detail",
        _wish_title(wish, user, label),
        rows.cell(
            label["School"],
            f'{esc(wish.school.name)}<br><span class="help">{esc(wish.county.name)}</span>',
        ),
        rows.cell(label["Category"], rows.choice(WishCategory, wish.category)),
        rows.cell(label["Value"], esc(money.yuan(wish.estimated_value)), ' class="num"'),
        rows.cell(label["Status"], _wish_status(wish, wish.is_overdue(today), label)),
    )


@rows.list_tag(register, "pairing_rows", _PAIRING_LABELS)
def _pairing_row(pairing, label, organization_names) -> str:
    """A row of ``{% pairing_rows page organization_names %}``, the pairing list's rows,
    naming its brigade or squad from ``organization_names`` (``selectors.organization_names``)."""
    esc = rows.esc
    unit = organization_names.get(pairing.pk, "")
    campaign = f" “{esc(pairing.campaign)}”" if pairing.campaign else ""
    return rows.row(
        "pairing",
        pairing.pk,
        "pairing:pairing-detail",
        esc(pairing.institution.name),
        rows.cell(label["Organization"], f"{esc(pairing.school.name)}{esc(unit)}"),
        rows.cell(label["County"], esc(pairing.county.name)),
        rows.cell(label["Year"], f"{pairing.year}{campaign}"),
    )
