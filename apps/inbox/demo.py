"""Demo items due soon and overdue, dated from the day the demo is seeded, so that the first
``send_reminders`` (``make run`` starts one) fills county and prefecture inboxes of both
bodies: reminders to Wuhua's education and League staff and to Kunming's education staff,
an escalation of Wuhua's overdue rectification order to Kunming's League and education
staff, and reminders of a countersignature to the provincial bodies.

The areas' own demos made the items; this one only moves their dates (rows of the demo
database, written directly: no one's action is being recorded)."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone

from apps.core import clock, workdays
from apps.documents.models import CountersignStep
from apps.inspections.choices import AWAITING_TARGET
from apps.inspections.models import RectificationOrder
from apps.pairing.choices import WishStatus
from apps.pairing.models import CLAIM_DAYS, Wish
from apps.titles.choices import ApplicationStatus, ReviewLevel
from apps.titles.models import TitleApplication

WUHUA, KUNMING = "530102", "530100"


def _waiting_since(due: datetime.date, level: str) -> datetime.datetime:
    start = due - datetime.timedelta(days=settings.TITLES_REVIEW_DAYS[level])
    return timezone.make_aware(datetime.datetime.combine(start, datetime.time(9, 0)))


def seed(*, rng, stdout) -> None:
    today = clock.today()
    soon = workdays.add_workdays(today, 2).date
    moved = []

    for level, where in (
        (ReviewLevel.COUNTY, {"applicant__county_id": WUHUA}),
        (ReviewLevel.PREFECTURE, {"applicant__county__parent_id": KUNMING}),
    ):
        application = (
            TitleApplication.objects.filter(
                status=ApplicationStatus.SUBMITTED, current_level=level, **where
            )
            .order_by("pk")
            .first()
        )
        if application:
            TitleApplication.objects.filter(pk=application.pk).update(
                waiting_since=_waiting_since(soon, level)
            )
            moved.append(f"title review ({level}) due {soon}")

    order = (
        RectificationOrder.objects.filter(
            status__in=AWAITING_TARGET, target_division_code=WUHUA, target_school__isnull=True
        )
        .order_by("pk")
        .first()
    ) or RectificationOrder.objects.filter(
        status__in=AWAITING_TARGET, target_division_code=WUHUA
    ).order_by("pk").first()
    if order:
        overdue = today - datetime.timedelta(days=1)
        RectificationOrder.objects.filter(pk=order.pk).update(deadline=overdue)
        moved.append(f"rectification order overdue since {overdue}")

    wish = (
        Wish.objects.filter(status=WishStatus.CLAIMED, county_id=WUHUA)
        .order_by("-claimed_on", "-pk")
        .first()
    )
    if wish:
        Wish.objects.filter(pk=wish.pk).update(
            claimed_on=soon - datetime.timedelta(days=CLAIM_DAYS)
        )
        moved.append(f"claimed micro-wish due {soon}")

    step = CountersignStep.objects.pending().order_by("pk").first()
    if step:
        CountersignStep.objects.filter(pk=step.pk).update(due_on=soon)
        moved.append(f"countersignature due {soon}")

    stdout.write("Reminders: " + ("; ".join(moved) or "nothing to date") + ".")
