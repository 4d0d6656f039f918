"""The one write path of the joint-meeting area: keyword-only services that re-check the
actor's right and scope, validate in full and save inside ``transaction.atomic`` with the
actor in the history. The pages, the admin and the demo all call these.

- ``meeting_create``, ``meeting_update``
- ``attendee_add``, ``attendee_update``, ``attendee_remove``
- ``minutes_upload`` (the meeting's minutes, replaced when uploaded again)
- ``decision_create``, ``decision_update``, ``decision_complete``
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core import clock
from apps.core.audit import audited_delete, stamp
from apps.core.evidence import DOCUMENTS, evidence_fields
from apps.core.scope import code_prefix
from apps.core.versioning import bump, lock_version
from apps.meetings import rights
from apps.meetings.choices import SIDE_ROLE, DecisionStatus, OwnerSide
from apps.meetings.models import Attendee, Decision, Meeting, Minutes

MINUTES_MAX_BYTES = 20 * 1024 * 1024
MEETING_FIELDS = ("title", "held_on", "place", "bodies", "summary")
ATTENDEE_FIELDS = ("person_name", "person_unit")
DECISION_FIELDS = ("text", "owner_division", "owner_side", "responsible", "due_on")


def _error(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def _check_records(actor, division) -> None:
    if not rights.may_record(actor, division.code):
        raise PermissionDenied(
            _("Only League or education staff of %(division)s record its joint meetings.")
            % {"division": division.name}
        )


def _save(row, actor, *, reason: str, exclude=None):
    stamp(row, actor, reason=reason)
    row.full_clean(exclude=exclude)
    row.save()
    return row


def _meeting_terms(meeting: Meeting, *, title, held_on, place, summary) -> None:
    if held_on > clock.today():
        raise _error("held_on", _("Record a meeting once it has been held."), "future")
    meeting.title = (title or "").strip()
    meeting.held_on = held_on
    meeting.place = (place or "").strip()
    meeting.summary = (summary or "").strip()


def _set_bodies(meeting: Meeting, bodies: Iterable) -> None:
    bodies = list(bodies or [])
    outside = [b for b in bodies if not meeting.division.code.startswith(b.division_id[:2])]
    if outside:
        raise _error("bodies", _("Choose bodies of this province."), "outside")
    meeting.bodies.set(bodies)


@transaction.atomic
def meeting_create(
    *,
    actor,
    division,
    title: str,
    held_on: datetime.date,
    place: str = "",
    bodies: Iterable = (),
    summary: str = "",
) -> Meeting:
    """A joint meeting convened by ``division``, recorded by its own staff."""
    _check_records(actor, division)
    meeting = Meeting(division=division)
    _meeting_terms(meeting, title=title, held_on=held_on, place=place, summary=summary)
    _save(meeting, actor, reason=_("created"))
    _set_bodies(meeting, bodies)
    return meeting


@transaction.atomic
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    title: str,
    held_on: datetime.date,
    place: str = "",
    bodies: Iterable = (),
    summary: str = "",
    seen_version: int | None = None,
) -> Meeting:
    """Change a meeting's record; refused (StaleEditError) over a change made since
    ``seen_version``."""
    locked = lock_version(
        Meeting.objects.select_related("division"), pk=meeting.pk, seen_version=seen_version
    )
    _check_records(actor, locked.division)
    bump(locked)
    _meeting_terms(locked, title=title, held_on=held_on, place=place, summary=summary)
    _save(locked, actor, reason=_("changed"))
    _set_bodies(locked, bodies)
    return locked


@transaction.atomic
def attendee_add(*, actor, meeting: Meeting, person_name: str, person_unit: str) -> Attendee:
    """A person present, as 姓名（单位）."""
    _check_records(actor, meeting.division)
    attendee = Attendee(
        meeting=meeting,
        person_name=(person_name or "").strip(),
        person_unit=(person_unit or "").strip(),
    )
    return _save(attendee, actor, reason=_("created"))


@transaction.atomic
def attendee_update(*, actor, attendee: Attendee, person_name: str, person_unit: str) -> Attendee:
    _check_records(actor, attendee.meeting.division)
    attendee.person_name = (person_name or "").strip()
    attendee.person_unit = (person_unit or "").strip()
    return _save(attendee, actor, reason=_("changed"))


@transaction.atomic
def attendee_remove(*, actor, attendee: Attendee) -> None:
    _check_records(actor, attendee.meeting.division)
    audited_delete(attendee, actor, reason=_("deleted"))


@transaction.atomic
def minutes_upload(*, actor, meeting: Meeting, upload) -> Minutes:
    """The meeting's minutes (PDF, DOCX or OFD by their bytes, at most 20 MB); a new upload
    replaces the old file."""
    _check_records(actor, meeting.division)
    fields = evidence_fields(
        upload,
        actor=actor,
        max_bytes=MINUTES_MAX_BYTES,
        types=DOCUMENTS,
        field="minutes",
    )
    for old in Minutes.objects.filter(meeting=meeting):
        # The old file goes once the new minutes are saved for good.
        transaction.on_commit(lambda stored=old.file: stored.delete(save=False))
        audited_delete(old, actor, reason=gettext_noop("replaced"))
    minutes = Minutes(meeting=meeting, **fields)
    minutes.full_clean(exclude=["file"])
    minutes.save()
    return minutes


def _decision_terms(
    decision: Decision, *, meeting, text, owner_division, owner_side, responsible, due_on
) -> None:
    if not owner_division.code.startswith(code_prefix(meeting.division_id)):
        raise _error(
            "owner_division",
            _("A meeting tasks bodies of its own division or below it."),
            "outside",
        )
    if owner_side not in OwnerSide.values:
        raise _error("owner_side", _("Choose the League or the education side."), "side")
    role = SIDE_ROLE[OwnerSide(owner_side)]
    if (
        responsible is None
        or not responsible.is_active
        or responsible.division_id != owner_division.code
        or responsible.role != role
    ):
        raise _error(
            "responsible",
            _("The responsible person works for the owner body: %(body)s staff of %(division)s.")
            % {"body": OwnerSide(owner_side).label, "division": owner_division.name},
            "not_owner_staff",
        )
    if due_on < meeting.held_on:
        raise _error("due_on", _("A decision cannot be due before its meeting."), "early")
    decision.text = (text or "").strip()
    decision.owner_division = owner_division
    decision.owner_side = owner_side
    decision.responsible = responsible
    decision.due_on = due_on


@transaction.atomic
def decision_create(
    *, actor, meeting: Meeting, text, owner_division, owner_side, responsible, due_on
) -> Decision:
    """A decision of ``meeting`` for one side of a division at or below the convening one,
    with a responsible person of that side and a due date."""
    _check_records(actor, meeting.division)
    decision = Decision(meeting=meeting)
    _decision_terms(
        decision,
        meeting=meeting,
        text=text,
        owner_division=owner_division,
        owner_side=owner_side,
        responsible=responsible,
        due_on=due_on,
    )
    return _save(decision, actor, reason=_("created"))


def _lock(decision: Decision, seen_version) -> Decision:
    queryset = Decision.objects.select_related("meeting__division", "owner_division")
    return lock_version(queryset, pk=decision.pk, seen_version=seen_version)


@transaction.atomic
def decision_update(
    *,
    actor,
    decision: Decision,
    text,
    owner_division,
    owner_side,
    responsible,
    due_on,
    seen_version: int | None = None,
) -> Decision:
    """Change an open decision (its owner, person or date); refused once done."""
    locked = _lock(decision, seen_version)
    _check_records(actor, locked.meeting.division)
    if locked.status != DecisionStatus.OPEN:
        raise ValidationError(_("This decision is done; it no longer changes."), code="done")
    _decision_terms(
        locked,
        meeting=locked.meeting,
        text=text,
        owner_division=owner_division,
        owner_side=owner_side,
        responsible=responsible,
        due_on=due_on,
    )
    bump(locked)
    return _save(locked, actor, reason=_("changed"))


@transaction.atomic
def decision_complete(
    *,
    actor,
    decision: Decision,
    outcome: str,
    done_on: datetime.date | None = None,
    seen_version: int | None = None,
) -> Decision:
    """Report an open decision done (today unless told) with what was done. The row is
    locked: of two people reporting it at once, the second is told it is done already."""
    locked = _lock(decision, seen_version)
    if not rights.may_complete(actor, locked):
        raise PermissionDenied(_("Only the owner body or the responsible person reports this."))
    if locked.status != DecisionStatus.OPEN:
        raise ValidationError(_("This decision is done already."), code="done")
    outcome = (outcome or "").strip()
    if not outcome:
        raise _error("outcome", _("Say what was done."), "required")
    done_on = done_on or clock.today()
    if done_on > clock.today() or done_on < locked.meeting.held_on:
        raise _error(
            "done_on", _("The day it was done lies between the meeting and today."), "date"
        )
    locked.status = DecisionStatus.DONE
    locked.done_on = done_on
    locked.outcome = outcome
    bump(locked)
    return _save(locked, actor, reason=_("done"))
