"""One day's reminders and escalations, from every area's ``due_sources``.

- Reminder: an open item due within three working days of ``today`` (the core's working-day
  calendar), to the users who must act on it.
- Escalation: an open item whose due date has passed, to the staff of the division above
  the one that must act, holding one of the item's roles (a school's items: its county's;
  the province's: the provincial administrators). Items overdue for longer than
  ``ESCALATE_WITHIN_DAYS`` are left alone: they were escalated when they fell due, or they
  predate the portal's reminders.

Each (recipient, item, step) is stored once (``Notification``'s unique constraint), so a
second run for the same day, or a second process running at the same time, sends nothing.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import override

from apps.accounts.choices import Role
from apps.core import registry, workdays
from apps.core.registry import DueItem
from apps.inbox import delivery
from apps.inbox.choices import Step
from apps.inbox.models import Notification
from apps.organizations.models import Division

REMIND_WORKDAYS = 3
ESCALATE_WITHIN_DAYS = 30


@dataclass
class Sent:
    """What one run sent: notifications stored (each reached the inbox) and e-mails."""

    reminders: int = 0
    escalations: int = 0
    emails: int = 0
    items: set[str] = field(default_factory=set)


def due_items(*, today: datetime.date) -> tuple[list[DueItem], list[DueItem]]:
    """(items to remind of, items to escalate) on ``today``."""
    remind_until = workdays.add_workdays(today, REMIND_WORKDAYS).date
    due_from = today - datetime.timedelta(days=ESCALATE_WITHIN_DAYS)
    items = [
        item
        for source in registry.due_sources()
        for item in source(due_from=due_from, due_to=remind_until)
    ]
    remind = [item for item in items if today <= item.due <= remind_until]
    escalate = [item for item in items if due_from <= item.due < today]
    return remind, escalate


def _escalation_recipients(items: list[DueItem]) -> dict[str, list]:
    """The staff each overdue item is escalated to, by item key (two queries in all)."""
    codes = {item.division for item in items if item.division and not item.at_school}
    parents = dict(Division.objects.filter(code__in=codes).values_list("code", "parent_id"))
    wanted: dict[str, tuple[str | None, tuple[str, ...]]] = {}
    for item in items:
        if item.at_school:
            wanted[item.key] = (item.division, item.roles)
        elif item.division and parents.get(item.division):
            wanted[item.key] = (parents[item.division], item.roles)
        else:  # the province's own items (or an item with no division)
            wanted[item.key] = (None, (Role.PROVINCIAL_ADMIN,))
    divisions = {code for code, _roles in wanted.values() if code}
    users = get_user_model().objects.filter(is_active=True, school__isnull=True)
    staff = defaultdict(list)
    for user in users.filter(division_id__in=divisions):
        staff[user.division_id].append(user)
    admins = list(users.filter(role=Role.PROVINCIAL_ADMIN))
    recipients = {}
    for key, (code, roles) in wanted.items():
        pool = staff.get(code, []) if code else admins
        recipients[key] = [user for user in pool if user.role in roles]
    return recipients


def _text(item: DueItem, step: str) -> str:
    values = {
        "kind": item.kind,
        "what": item.what,
        "unit": item.unit,
        "due": item.due.strftime("%Y-%m-%d"),
        "action": item.action,
    }
    with override(settings.LANGUAGE_CODE):
        if step == Step.REMINDER:
            return (
                _("Reminder: %(kind)s “%(what)s” (%(unit)s) is due on %(due)s; please %(action)s.")
                % values
            )
        return (
            _(
                "Escalation: %(kind)s “%(what)s” of %(unit)s was due on %(due)s and is still "
                "open (%(unit)s must %(action)s); please follow it up."
            )
            % values
        )


def _store(user, item: DueItem, step: str, sent: Sent) -> None:
    """Store one notification unless it is there already, and deliver it once stored.
    ``get_or_create`` inserts in a savepoint and, when another process inserted the same
    row first, reads that row instead: the unique constraint decides who sends."""
    notification, created = Notification.objects.get_or_create(
        recipient=user,
        item_key=item.key,
        step=step,
        defaults={"text": _text(item, step), "link": item.url, "due_on": item.due},
    )
    if not created:
        return
    if step == Step.REMINDER:
        sent.reminders += 1
    else:
        sent.escalations += 1
    sent.items.add(item.key)
    channels = delivery.deliver(notification)
    sent.emails += "email" in channels


def reminders_send(*, today: datetime.date) -> Sent:
    """Send ``today``'s reminders and escalations; whatever was sent before is not sent
    again. Called by ``manage.py send_reminders`` (any user-facing trigger would call it
    too); it acts for the portal, not for a user, so it checks no one's rights."""
    remind, escalate = due_items(today=today)
    sent = Sent()
    for item in remind:
        for user in item.actors:
            if user.is_active:
                _store(user, item, Step.REMINDER, sent)
    recipients = _escalation_recipients(escalate)
    for item in escalate:
        for user in recipients[item.key]:
            _store(user, item, Step.ESCALATION, sent)
    return sent
