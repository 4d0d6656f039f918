"""Joint-meeting indicators for a scope and a year:

- ``meetings``: joint meetings convened inside the scope and held in the year (up to the day
  the figures describe);
- ``decisions``: decisions those meetings of the year made for bodies inside the scope;
- ``decisions_open``: decisions owned by a body inside the scope, made by then and not done
  by then (a stock, whatever year the meeting was in);
- ``decisions_overdue``: those of them whose due date had passed by then.

Counts only; two queries.
"""

from __future__ import annotations

import datetime

from django.db.models import Count, Q

from apps.meetings.choices import DecisionStatus
from apps.meetings.models import Decision, Meeting
from apps.organizations.models import Division


def meeting_indicators(*, scope: Division, as_of: datetime.date) -> dict:
    prefix = scope.prefix
    meetings = Meeting.objects.filter(
        division__code__startswith=prefix, held_on__year=as_of.year, held_on__lte=as_of
    ).count()
    not_done_then = Q(status=DecisionStatus.OPEN) | Q(done_on__gt=as_of)
    figures = Decision.objects.filter(
        owner_division__code__startswith=prefix, meeting__held_on__lte=as_of
    ).aggregate(
        decisions=Count("pk", filter=Q(meeting__held_on__year=as_of.year)),
        decisions_open=Count("pk", filter=not_done_then),
        decisions_overdue=Count("pk", filter=not_done_then & Q(due_on__lt=as_of)),
    )
    return {"joint_meeting": {"meetings": meetings, **figures}}
