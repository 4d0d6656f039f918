"""Work waiting for a user in the pairing area, for the dashboard's to-do list."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.registry import Todo
from apps.pairing import selectors


def pairing_todos(*, actor) -> Iterable[Todo]:
    """Gifts awaiting the actor's school's confirmation; open wishes the actor's League
    office may claim; claims the actor's office must fulfil (overdue ones flagged)."""
    url = reverse("pairing:wish-list")
    for waiting, label in (
        ("confirm", _("Gifts awaiting your school's confirmation")),
        ("claim", _("Open micro-wishes waiting for a claim")),
        ("fulfil", _("Claimed micro-wishes to fulfil")),
    ):
        rows = selectors.waiting_for(actor=actor, waiting=waiting)
        count = rows.count()
        if count:
            overdue = waiting == "fulfil" and selectors.overdue(rows).exists()
            yield Todo(label=label, url=f"{url}?waiting={waiting}", count=count, overdue=overdue)
