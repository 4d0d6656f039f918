"""What the transition area knows of one school, for the dashboard of a user scoped to it
(declared as ``school_facts`` in apps.py): nothing unless the school is a pilot."""

from __future__ import annotations

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.access import link_for
from apps.core.registry import Fact
from apps.transition.choices import MilestoneStatus
from apps.transition.models import HandOff, Milestone, Pilot


def school_facts(*, school, year, viewer) -> list[Fact]:
    """The school's pilot: its milestones done and overdue today, and how many Young
    Pioneers reaching 14 joined the League in ``year``. Three queries."""
    pilot = Pilot.objects.filter(school=school).first()
    if pilot is None:
        return []
    milestones = Milestone.objects.filter(pilot=pilot).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=MilestoneStatus.DONE)),
        overdue=Count("pk", filter=~Q(status=MilestoneStatus.DONE) & Q(due_on__lt=clock.today())),
    )
    joined = HandOff.objects.filter(pilot=pilot, year=year).values_list("joined", flat=True).first()
    url = link_for(viewer, "transition:pilot-detail", pilot.pk)
    return [
        Fact(_("Milestones"), milestones["total"], url, "transition.milestones"),
        Fact(_("Milestones done"), milestones["done"], url, "transition.done"),
        Fact(_("Milestones overdue"), milestones["overdue"], url, "transition.overdue"),
        Fact(
            _("Young Pioneers reaching 14 who joined the League"),
            joined if joined is not None else _("not recorded"),
            url,
            "transition.joined",
        ),
    ]
