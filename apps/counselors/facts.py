"""What the counselors area knows of one school, for the dashboard of a user scoped to it
(declared as ``school_facts`` in apps.py)."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from apps.core.access import link_for
from apps.core.people import person_label
from apps.core.registry import Fact
from apps.counselors.choices import CounselorPost
from apps.counselors.models import RANKED_AT_LEAST_MIDDLE, Counselor


def school_facts(*, school, year, viewer) -> list[Fact]:
    """The school's counselors and its posts as held today: who holds the brigade
    counselor's post (大队辅导员), how many of them rank no lower than middle management,
    the squad counselors, and the county's chief counselor (总辅导员) the school reports to.
    Three queries."""
    at_school = Counselor.objects.filter(school=school)
    counts = at_school.aggregate(
        total=Count("pk"),
        squad=Count("pk", filter=Q(post=CounselorPost.SQUAD)),
        ranked=Count(
            "pk", filter=Q(post=CounselorPost.BRIGADE, post_rank__in=RANKED_AT_LEAST_MIDDLE)
        ),
    )
    # 姓名（单位）: the school's own name for its brigade counselors, the county for a chief.
    brigade = [
        f"{name}（{school.name}）"
        for name in at_school.filter(post=CounselorPost.BRIGADE)
        .order_by("name", "pk")
        .values_list("name", flat=True)
    ]
    chiefs = [
        person_label(chief)
        for chief in Counselor.objects.filter(
            county_id=school.county_id, post=CounselorPost.COUNTY_CHIEF
        )
        .select_related("county")
        .order_by("name", "pk")
    ]
    url = link_for(viewer, "counselors:counselor-list")
    vacant = _("vacant")
    return [
        Fact(_("Counselors"), counts["total"], url, "counselors.total"),
        Fact(_("Brigade counselor"), "、".join(brigade) or vacant, url, "counselors.brigade"),
        Fact(
            _("Brigade counselors at middle rank or above"),
            counts["ranked"],
            url,
            "counselors.brigade_ranked",
        ),
        Fact(_("Squad counselors"), counts["squad"], url, "counselors.squad"),
        Fact(_("County chief counselor"), "、".join(chiefs) or vacant, None, "counselors.chief"),
    ]
