"""The public notice (公示), objections, the final list (表彰决定) and the purge of objectors'
personal data.

- Closing review creates a draft 公示 of the round's approved nominees; ``notice_publish``
  sets its period: five working days after ``starts_on`` on the core's calendar. A period
  running into a year the calendar does not know yet is provisional, and the notice cannot
  close until that year is known (or overridden by the province).
- Objections come from a named person (name and phone) or an organisation (a PDF letter
  under its seal), never anonymously, at most a few an hour from one address, only while
  the period runs. Each is checked within ten working days: 维持, 取消 or 递补 (a reserve
  nominee waiting at province level takes the place, under a new 公示 of its own).
- The final list is published once every notice is closed and every objection resolved;
  every approved nominee is commended and gets a certificate number.
- A year (by default) after the final list, objectors' names, phones and letters are
  deleted; the outcome stays.
"""

from __future__ import annotations

import datetime
import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.commendations.choices import (
    LETTER_MAX_BYTES,
    NOTICE_WORKDAYS,
    OBJECTION_WORKDAYS,
    OBJECTIONS_PER_ADDRESS_PER_HOUR,
    OBJECTOR_DATA_KEEP_DAYS,
    NominationStatus,
    ObjectionOutcome,
    ObjectorKind,
    RoundStatus,
)
from apps.commendations.models import (
    Nomination,
    Objection,
    ObjectionLetter,
    PublicNotice,
    Round,
)
from apps.commendations.rights import require_round_manager
from apps.commendations.services.nominations import province_approve
from apps.core import clock, workdays
from apps.core.audit import stamp
from apps.core.evidence import EvidenceType, evidence_fields


def _lock_round(round_: Round) -> Round:
    return Round.objects.select_for_update().get(pk=round_.pk)


def _lock_notice(notice: PublicNotice) -> PublicNotice:
    return PublicNotice.objects.select_for_update().select_related("round").get(pk=notice.pk)


def notice_title(round_: Round, *, replacement: Nomination | None = None) -> str:
    """The notice's title as a Chinese office writes it (it is data, like the round's)."""
    if replacement is not None:
        return f"关于{round_.title}递补拟表彰对象的公示"
    return f"关于{round_.title}拟表彰对象的公示"


@transaction.atomic
def round_close_review(*, actor, round: Round) -> PublicNotice:
    """The province closes review: the round moves to its 公示, drafted with every approved
    nominee. Nominations still under review stay as reserves."""
    require_round_manager(actor)
    locked = _lock_round(round)
    if locked.status != RoundStatus.OPEN:
        raise ValidationError(_("Review of this round is already closed."), code="closed")
    approved = list(locked.nominations.filter(status=NominationStatus.APPROVED))
    if not approved:
        raise ValidationError(_("No nominee has been approved yet."), code="empty")
    locked.status = RoundStatus.NOTICE
    stamp(locked, actor, reason=gettext_noop("review closed"))
    locked.save()
    notice = PublicNotice(round=locked, title=notice_title(locked))
    stamp(notice, actor, reason=gettext_noop("drafted"))
    notice.save()
    notice.nominations.set(approved)
    return notice


@transaction.atomic
def notice_publish(*, actor, notice: PublicNotice, starts_on: datetime.date) -> PublicNotice:
    """Publish a drafted 公示 from ``starts_on`` (today or later) for five working days:
    ``ends_on`` is the fifth working day after it, ``provisional`` when the calendar does
    not know that year yet."""
    require_round_manager(actor)
    locked = _lock_notice(notice)
    if locked.published_at is not None:
        raise ValidationError(_("This notice is already published."), code="published")
    if starts_on < clock.today():
        raise ValidationError({"starts_on": _("A notice cannot start in the past.")})
    end = workdays.add_workdays(starts_on, NOTICE_WORKDAYS)
    locked.starts_on = starts_on
    locked.ends_on = end.date
    locked.provisional = end.provisional
    locked.published_at = clock.now()
    stamp(locked, actor, reason=gettext_noop("published"))
    locked.full_clean()
    locked.save()
    return locked


@transaction.atomic
def notice_close(*, actor, notice: PublicNotice, override: bool = False) -> PublicNotice:
    """Close a 公示 after its last day. A provisional period is first recomputed; while the
    calendar still does not know its year it closes only with ``override``."""
    require_round_manager(actor)
    locked = _lock_notice(notice)
    if locked.published_at is None or locked.closed_at is not None:
        raise ValidationError(_("Only a published, open notice can be closed."), code="state")
    if locked.provisional:
        end = workdays.add_workdays(locked.starts_on, NOTICE_WORKDAYS)
        locked.ends_on, locked.provisional = end.date, end.provisional
        if end.provisional and not override:
            raise ValidationError(
                _(
                    "The official calendar does not know %(year)s yet, so the notice period "
                    "may still move; add the holidays as working-day overrides or close it "
                    "with an override."
                ),
                code="provisional",
                params={"year": end.date.year},
            )
    if clock.today() <= locked.ends_on:
        raise ValidationError(
            _("The notice runs until %(date)s."), code="running", params={"date": locked.ends_on}
        )
    locked.closed_at = clock.now()
    stamp(locked, actor, reason=gettext_noop("closed"))
    locked.save()
    return locked


def address_hash(address: str) -> str:
    """The visitor's address, hashed with the site's secret: enough to count, not to trace."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{address}".encode()).hexdigest()


@transaction.atomic
def objection_submit(
    *,
    notice: PublicNotice,
    nomination: Nomination,
    objector_kind: str,
    objector_name: str,
    objector_phone: str,
    grounds: str,
    letter=None,
    address: str = "",
) -> Objection:
    """Anyone objects to a nominee of an open 公示, under their real name (with a phone) or
    as an organisation (with a PDF letter under its seal); anonymous objections and floods
    from one address are refused."""
    today = clock.today()
    notice = PublicNotice.objects.get(pk=notice.pk)
    if not notice.is_open_on(today):
        raise ValidationError(_("This notice is not open for objections."), code="closed")
    if not notice.nominations.filter(pk=nomination.pk).exists():
        raise ValidationError({"nomination": _("Choose a nominee of this notice.")})
    name, phone, grounds = objector_name.strip(), objector_phone.strip(), grounds.strip()
    errors = {}
    anonymous = _(
        "Anonymous objections are not accepted: give your real name and a phone number, "
        "or object as an organisation with a letter under its seal."
    )
    if not name:
        errors["objector_name"] = anonymous
    if objector_kind == ObjectorKind.PERSON and not phone:
        errors["objector_phone"] = anonymous
    if objector_kind == ObjectorKind.ORGANISATION and letter is None:
        errors["letter"] = _("Attach the organisation's letter under its seal (PDF).")
    if not grounds:
        errors["grounds"] = _("Say what the objection is about.")
    if errors:
        raise ValidationError(errors)
    hashed = address_hash(address) if address else ""
    if hashed:
        since = clock.now() - datetime.timedelta(hours=1)
        recent = Objection.objects.filter(address_hash=hashed, created_at__gte=since).count()
        if recent >= OBJECTIONS_PER_ADDRESS_PER_HOUR:
            raise ValidationError(
                _("Too many objections from your address; try again in an hour."),
                code="rate_limited",
            )
    if letter is not None:
        letter_fields = evidence_fields(
            letter,
            actor=notice.created_by,
            max_bytes=LETTER_MAX_BYTES,
            types=(EvidenceType.PDF,),
        )
    objection = Objection(
        notice=notice,
        nomination=nomination,
        objector_kind=objector_kind,
        objector_name=name,
        objector_phone=phone,
        grounds=grounds,
        address_hash=hashed,
        received_on=today,
        due_on=workdays.add_workdays(today, OBJECTION_WORKDAYS).date,
    )
    stamp(objection, None, reason=gettext_noop("received"))
    objection.full_clean()
    objection.save()
    if letter is not None:
        row = ObjectionLetter(objection=objection, **letter_fields)
        row.full_clean(exclude=["file"])
        row.save()
    return objection


@transaction.atomic
def objection_resolve(
    *,
    actor,
    objection: Objection,
    outcome: str,
    resolution: str,
    replacement: Nomination | None = None,
) -> Objection:
    """The province resolves an objection with its finding: 维持 (the nomination stands),
    取消 (it is withdrawn) or 递补 (withdrawn, and ``replacement``, a reserve nominee of the
    same category waiting at province level, takes the place under a new 公示 from today)."""
    require_round_manager(actor)
    locked = Objection.objects.select_for_update().get(pk=objection.pk)
    if locked.outcome != ObjectionOutcome.PENDING:
        raise ValidationError(_("This objection is already resolved."), code="resolved")
    if outcome == ObjectionOutcome.PENDING or outcome not in ObjectionOutcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if not resolution.strip():
        raise ValidationError({"resolution": _("Give the finding.")})
    nomination = Nomination.objects.select_for_update().get(pk=locked.nomination_id)
    if outcome == ObjectionOutcome.REPLACED and (
        replacement is None or replacement.category_id != nomination.category_id
    ):
        raise ValidationError({"replacement": _("Choose a reserve nominee of the same category.")})
    locked.outcome = outcome
    locked.resolution = resolution.strip()
    locked.resolved_at = clock.now()
    locked.resolved_by = actor
    locked.replacement = replacement if outcome == ObjectionOutcome.REPLACED else None
    stamp(
        locked,
        actor,
        reason=_("objection resolved: %(outcome)s") % {"outcome": ObjectionOutcome(outcome).label},
    )
    locked.save()
    if outcome in (ObjectionOutcome.WITHDRAWN, ObjectionOutcome.REPLACED):
        if nomination.status != NominationStatus.APPROVED:
            raise ValidationError(_("This nomination is no longer on the notice."))
        nomination.status = NominationStatus.WITHDRAWN
        stamp(nomination, actor, reason=gettext_noop("withdrawn after an objection"))
        nomination.version += 1
        nomination.save()
    if outcome == ObjectionOutcome.REPLACED:
        province_approve(actor=actor, nomination=replacement)
        notice = PublicNotice(
            round=nomination.round,
            title=notice_title(nomination.round, replacement=replacement),
            replacement=replacement,
        )
        stamp(notice, actor, reason=gettext_noop("drafted for a reserve"))
        notice.save()
        notice.nominations.set([replacement])
        notice_publish(actor=actor, notice=notice, starts_on=clock.today())
    return locked


@transaction.atomic
def final_list_publish(*, actor, round: Round, decision_number: str) -> Round:
    """The province publishes the final list (表彰决定) once every notice of the round is
    closed and every objection resolved: each approved nominee is commended, with a
    certificate number."""
    require_round_manager(actor)
    locked = _lock_round(round)
    if locked.status != RoundStatus.NOTICE:
        raise ValidationError(_("The round's notice has not been held yet."), code="state")
    if not decision_number.strip():
        raise ValidationError({"decision_number": _("Give the decision's document number.")})
    notices = PublicNotice.objects.filter(round=locked)
    if notices.filter(closed_at__isnull=True).exists():
        raise ValidationError(_("Close every notice of the round first."), code="open_notice")
    if Objection.objects.open().filter(nomination__round=locked).exists():
        raise ValidationError(
            _("Every objection must be resolved before the final list."), code="open_objection"
        )
    today = clock.today()
    approved = list(
        locked.nominations.filter(status=NominationStatus.APPROVED).order_by(
            "category_id", "prefecture_id", "division_id", "id"
        )
    )
    for number, nomination in enumerate(approved, start=1):
        nomination.status = NominationStatus.AWARDED
        nomination.awarded_on = today
        nomination.serial = certificate_serial(locked, number)
        stamp(nomination, actor, reason=gettext_noop("commended"))
        nomination.version += 1
        nomination.save()
    locked.status = RoundStatus.FINAL
    locked.decision_number = decision_number.strip()
    locked.decided_on = today
    stamp(locked, actor, reason=gettext_noop("final list published"))
    locked.full_clean()
    locked.save()
    return locked


def certificate_serial(round_: Round, number: int) -> str:
    """A certificate number: 滇少表 + year, round and place on the list."""
    return f"YNSB{round_.year}{round_.pk:03d}{number:04d}"


@transaction.atomic
def objector_data_purge(*, today: datetime.date | None = None, keep_days=None) -> int:
    """Delete objectors' names, phones, addresses and letters ``keep_days`` (a year by
    default) after their round's final list; the outcome and finding stay. Returns how many
    objections were purged."""
    today = today or clock.today()
    keep = OBJECTOR_DATA_KEEP_DAYS if keep_days is None else keep_days
    cutoff = today - datetime.timedelta(days=keep)
    due = list(
        Objection.objects.select_for_update().filter(
            nomination__round__decided_on__lte=cutoff, objector_purged_on__isnull=True
        )
    )
    for objection in due:
        objection.objector_name = ""
        objection.objector_phone = ""
        objection.address_hash = ""
        objection.objector_purged_on = today
        stamp(objection, None, reason=gettext_noop("objector's data deleted"))
        objection.save()
        letter = ObjectionLetter.objects.filter(objection=objection).first()
        if letter is not None:
            storage, name = letter.file.storage, letter.file.name
            letter.delete()
            transaction.on_commit(lambda s=storage, n=name: s.delete(n))
    # The earlier copies of each objection in its history held the same data.
    Objection.history.filter(id__in=[objection.pk for objection in due]).update(
        objector_name="", objector_phone="", address_hash=""
    )
    return len(due)
