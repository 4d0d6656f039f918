"""What the commendations area knows of a counselor: their commendations, shown on their
record and to title reviewers (``counselor_facts`` in apps.py); and a school's nominations
(``school_facts``)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from apps.commendations.choices import NominationStatus
from apps.commendations.models import Nomination
from apps.core.access import link_for
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


def school_facts(*, school, year, viewer) -> list[Fact]:
    """Nominations of the school (its collectives, counselors and pupils) in the ``year``
    round, and how many were commended. One query."""
    figures = Nomination.objects.filter(school=school, round__year=year).aggregate(
        nominated=Count("pk"),
        awarded=Count("pk", filter=Q(status=NominationStatus.AWARDED)),
    )
    url = link_for(viewer, "commendations:nomination-list")
    return [
        Fact(_("Nominations"), figures["nominated"], url, "commendations.nominated"),
        Fact(_("Commended"), figures["awarded"], url, "commendations.awarded"),
    ]
