"""Work waiting for a user in the pairing area, for the dashboard's to-do list."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.registry import DueItem
from apps.core.todos import Waiting, staff_in, todo_source
from apps.pairing import selectors
from apps.pairing.choices import WishStatus
from apps.pairing.models import CLAIM_DAYS, Wish


@todo_source
def pairing_todos(*, actor) -> list[Waiting]:
    """Gifts awaiting the actor's school's confirmation; open wishes the actor's League
    office may claim; claims the actor's office must fulfil (overdue ones flagged)."""
    url = reverse("pairing:wish-list")
    return [
        Waiting(
            label,
            selectors.waiting_for(actor=actor, waiting=waiting),
            f"{url}?waiting={waiting}",
            overdue=selectors.overdue_claims() if waiting == "fulfil" else False,
        )
        for waiting, label in (
            ("confirm", _("Gifts awaiting your school's confirmation")),
            ("claim", _("Open micro-wishes waiting for a claim")),
            ("fulfil", _("Claimed micro-wishes to fulfil")),
        )
    ]


def wish_due_items(*, due_from, due_to) -> list[DueItem]:
    """Claimed micro-wishes whose 30 days to fulfil end between the two dates: the League
    staff of the wish's county must see them fulfilled."""
    claim_days = datetime.timedelta(days=CLAIM_DAYS)
    wishes = list(
        Wish.objects.filter(
            status=WishStatus.CLAIMED,
            claimed_on__range=(due_from - claim_days, due_to - claim_days),
        ).select_related("school")
    )
    staff = staff_in(divisions=[wish.county_id for wish in wishes], roles=(Role.LEAGUE,))
    return [
        DueItem(
            key=f"pairing.wish:{wish.pk}",
            kind=_("micro-wish"),
            what=wish.card_label,
            unit=wish.school.name,
            due=wish.claimed_on + claim_days,
            url=reverse("pairing:wish-detail", args=[wish.pk]),
            action=_("see the claimed wish fulfilled"),
            actors=tuple(staff.get(("division", wish.county_id), ())),
            division=wish.county_id,
            roles=(Role.LEAGUE,),
        )
        for wish in wishes
    ]
