"""The one write path of the transition area: keyword-only services that re-check the
actor's right and scope, validate in full and save inside ``transaction.atomic`` with the
actor in the history. The pages, the admin and the demo all call these.

- ``pilot_create``, ``pilot_update``
- ``milestone_create``, ``milestone_update``, ``milestone_delete``
- ``handoff_record`` (the year's count, created or replaced), ``handoff_delete``
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from apps.core import clock
from apps.core.audit import audited_delete, stamp
from apps.core.versioning import bump, lock_version
from apps.documents.choices import DocumentStatus
from apps.transition import rights
from apps.transition.choices import MilestoneStatus
from apps.transition.models import HandOff, Milestone, Pilot

PILOT_FIELDS = ("started_on", "plan_document", "summary")
MILESTONE_FIELDS = ("title", "due_on", "status", "done_on", "note")


def _check(actor, school) -> None:
    if not rights.may_manage(actor, school):
        raise PermissionDenied(
            _("Only League or education staff responsible for %(school)s may do this.")
            % {"school": school.name}
        )


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_pilot_terms(started_on: datetime.date, plan_document) -> None:
    if started_on > clock.today():
        raise _error("started_on", _("A pilot cannot start in the future."), "future")
    if plan_document is not None and plan_document.status != DocumentStatus.ISSUED:
        raise _error("plan_document", _("Choose a document that has been issued."), "not_issued")


def _save(row, actor, *, reason: str):
    stamp(row, actor, reason=reason)
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def pilot_create(
    *, actor, school, started_on: datetime.date, plan_document=None, summary: str = ""
) -> Pilot:
    """The pilot record of a school flagged as a transition pilot (one a school)."""
    _check(actor, school)
    if not school.is_transition_pilot:
        raise _error("school", _("This school is not a team–League transition pilot."), "flag")
    if Pilot.objects.filter(school=school).exists():
        raise _error("school", _("This school already has a pilot record."), "exists")
    _check_pilot_terms(started_on, plan_document)
    pilot = Pilot(
        school=school,
        started_on=started_on,
        plan_document=plan_document,
        summary=(summary or "").strip(),
    )
    return _save(pilot, actor, reason=_("created"))


@transaction.atomic
def pilot_update(
    *,
    actor,
    pilot: Pilot,
    started_on: datetime.date,
    plan_document=None,
    summary: str = "",
    seen_version: int | None = None,
) -> Pilot:
    """Change a pilot's start date, plan document or description; refused (StaleEditError)
    over a change made since ``seen_version``."""
    locked = lock_version(
        Pilot.objects.select_related("school"), pk=pilot.pk, seen_version=seen_version
    )
    _check(actor, locked.school)
    bump(locked)
    _check_pilot_terms(started_on, plan_document)
    locked.started_on = started_on
    locked.plan_document = plan_document
    locked.summary = (summary or "").strip()
    return _save(locked, actor, reason=_("changed"))


def _milestone_terms(milestone: Milestone, *, status: str, done_on, **terms) -> None:
    for name, value in terms.items():
        setattr(milestone, name, value.strip() if isinstance(value, str) else value)
    milestone.status = status
    if status == MilestoneStatus.DONE:
        done_on = done_on or clock.today()
        if done_on > clock.today():
            raise _error("done_on", _("A milestone cannot be done in the future."), "future")
        milestone.done_on = done_on
    else:
        milestone.done_on = None


@transaction.atomic
def milestone_create(
    *,
    actor,
    pilot: Pilot,
    title: str,
    due_on: datetime.date,
    status: str = MilestoneStatus.PLANNED,
    done_on: datetime.date | None = None,
    note: str = "",
) -> Milestone:
    """A new milestone of ``pilot``; a done milestone is dated today unless told."""
    _check(actor, pilot.school)
    milestone = Milestone(pilot=pilot)
    _milestone_terms(
        milestone, status=status, done_on=done_on, title=title, due_on=due_on, note=note
    )
    return _save(milestone, actor, reason=_("created"))


@transaction.atomic
def milestone_update(
    *,
    actor,
    milestone: Milestone,
    title: str,
    due_on: datetime.date,
    status: str,
    done_on: datetime.date | None = None,
    note: str = "",
    seen_version: int | None = None,
) -> Milestone:
    """Change a milestone: its dates, its status (done needs a done date, today by default);
    refused (StaleEditError) over a change made since ``seen_version``."""
    milestones = Milestone.objects.select_related("pilot__school")
    locked = lock_version(milestones, pk=milestone.pk, seen_version=seen_version)
    _check(actor, locked.pilot.school)
    bump(locked)
    _milestone_terms(locked, status=status, done_on=done_on, title=title, due_on=due_on, note=note)
    return _save(locked, actor, reason=_("changed"))


@transaction.atomic
def milestone_delete(*, actor, milestone: Milestone) -> None:
    _check(actor, milestone.pilot.school)
    audited_delete(milestone, actor, reason=_("deleted"))


@transaction.atomic
def handoff_record(*, actor, pilot: Pilot, year: int, joined: int) -> HandOff:
    """The count of ``year`` for ``pilot``: created, or the year's count replaced. Years
    before the pilot started or after this one are refused. The pilot's row is locked, so two
    people recording the same year at once make one row."""
    locked = Pilot.objects.select_for_update().select_related("school").get(pk=pilot.pk)
    _check(actor, locked.school)
    if year < locked.started_on.year:
        raise _error(
            "year",
            _("The pilot started in %(start)d; no count before that.")
            % {"start": locked.started_on.year},
            "before_start",
        )
    if year > clock.today().year:
        raise _error("year", _("A year that has not begun has no count yet."), "future")
    if joined is None or joined < 0:
        raise _error("joined", _("The count cannot be negative."), "negative")
    handoff = HandOff.objects.filter(pilot=locked, year=year).first()
    if handoff is None:
        handoff = HandOff(pilot=locked, year=year, joined=joined)
        reason = _("created")
    else:
        handoff.joined = joined
        reason = _("changed")
    return _save(handoff, actor, reason=reason)


@transaction.atomic
def handoff_delete(*, actor, handoff: HandOff) -> None:
    _check(actor, handoff.pilot.school)
    audited_delete(handoff, actor, reason=_("deleted"))
