"""What the pairing area knows of one school, for the dashboard of a user scoped to it
(declared as ``school_facts`` in apps.py)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from apps.core.access import link_for
from apps.core.registry import Fact
from apps.pairing.choices import FULFILLED_STATUSES, WishStatus
from apps.pairing.models import Pairing, Wish


def school_facts(*, school, year, viewer) -> list[Fact]:
    """The school's pairings of ``year``, and its micro-wishes posted that year: how many,
    still open for a claim, and fulfilled. Two queries."""
    pairings = Pairing.objects.filter(school=school, year=year).count()
    wishes = Wish.objects.filter(school=school, posted_on__year=year).aggregate(
        posted=Count("pk"),
        open=Count("pk", filter=Q(status=WishStatus.OPEN)),
        fulfilled=Count("pk", filter=Q(status__in=FULFILLED_STATUSES)),
    )
    wish_list = link_for(viewer, "pairing:wish-list")
    return [
        Fact(_("Pairings"), pairings, link_for(viewer, "pairing:pairing-list"), "pairing.pairings"),
        Fact(_("Micro-wishes posted"), wishes["posted"], wish_list, "pairing.wishes"),
        Fact(_("Wishes open for a claim"), wishes["open"], wish_list, "pairing.open"),
        Fact(_("Wishes fulfilled"), wishes["fulfilled"], wish_list, "pairing.fulfilled"),
    ]
