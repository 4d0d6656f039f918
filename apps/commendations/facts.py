"""What the commendations area knows of a counselor: their commendations, shown on their
record and to title reviewers (declared as ``counselor_facts`` in apps.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.commendations.choices import NominationStatus
from apps.commendations.models import Nomination
from apps.core.registry import Fact


def commendation_facts(*, counselor, viewer) -> list[Fact]:
    """Each commendation the counselor won: the category, the round and the certificate
    number (which the public verification page confirms). One query."""
    awards = (
        Nomination.objects.filter(counselor=counselor, status=NominationStatus.AWARDED)
        .select_related("round", "category")
        .order_by("-round__year", "-pk")
    )
    return [
        Fact(
            _("Commended"),
            _("%(category)s, %(round)s (certificate %(serial)s)")
            % {"category": a.category.name, "round": a.round.title, "serial": a.serial},
            f"/verify/{a.serial}/",
        )
        for a in awards
    ]
