"""Work waiting for a user in the funding area, for the dashboard's to-do list."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core import todos
from apps.funding import selectors
from apps.funding.filters import Waiting


@todos.todo_source
def funding_todos(*, actor) -> list[todos.Waiting]:
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
    return [
        todos.Waiting(label, selector(actor=actor), f"{url}?waiting={key}")
        for key, label, selector in waiting
    ]
