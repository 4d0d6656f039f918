"""Work waiting for a user in the funding area, for the dashboard's to-do list."""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.registry import Todo
from apps.funding import selectors
from apps.funding.filters import Waiting


def funding_todos(*, actor) -> Iterable[Todo]:
    """Allocations awaiting the actor's approval, disbursed allocations awaiting the usage
    report of the actor's school, and usage reports awaiting the actor's acceptance; each
    links to the allocation list filtered to exactly those rows."""
    url = reverse("funding:allocation-list")
    waiting = (
        (
            Waiting.APPROVAL,
            _("Fund allocations awaiting your approval"),
            selectors.awaiting_approval,
        ),
        (
            Waiting.USAGE_REPORT,
            _("Disbursed funds awaiting your usage report"),
            selectors.awaiting_usage_report,
        ),
        (
            Waiting.ACCEPTANCE,
            _("Usage reports awaiting your acceptance"),
            selectors.awaiting_acceptance,
        ),
    )
    for key, label, selector in waiting:
        count = selector(actor=actor).count()
        if count:
            yield Todo(label=label, url=f"{url}?waiting={key}", count=count)
