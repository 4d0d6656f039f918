"""What the organizations area knows of one school, for the dashboard of a user scoped to it
(declared as ``school_facts`` in apps.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.core.access import link_for
from apps.core.registry import Fact
from apps.organizations.models import SCHOOL_FLAGS, Brigade, School, Squad


def school_facts(*, school, year, viewer) -> list[Fact]:
    """The school's brigades and squads (as held today) and the features it is listed by.
    Two queries."""
    url = link_for(viewer, "organizations:school-detail", school.pk)
    features = [
        str(School._meta.get_field(flag).verbose_name)
        for flag in SCHOOL_FLAGS
        if getattr(school, flag)
    ]
    return [
        Fact(
            _("Brigades"),
            Brigade.objects.filter(school=school).count(),
            url,
            "organizations.brigades",
        ),
        Fact(
            _("Squads"),
            Squad.objects.filter(brigade__school=school).count(),
            url,
            "organizations.squads",
        ),
        Fact(
            _("Listed as"),
            "、".join(features) or _("none of the listed features"),
            url,
            "organizations.features",
        ),
    ]
