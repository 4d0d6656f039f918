"""Nominations and their review, county → prefecture → province.

- County staff nominate for their county, prefecture staff for their prefecture; review
  starts at the nominator's own level. A nominee is put forward once in a round.
- Approval at a level passes the nomination up; at province level it is approved for the
  公示. Return (with a reason) hands it back to the nominator, whose resubmission starts
  again at the first level; reject (with a reason) is final. Every decision is a step.
- Quotas: under 等额 a level passes up at most its quota (the prefecture's quota where the
  round sets one, else the category's); under 差额 up to that quota times the round's
  ratio. The province never approves past the category's quota (nor a prefecture's quota).
  The count is taken after locking the category row (SELECT ... FOR UPDATE), so two
  approvals at once cannot both take the last place.
- Nobody reviews a nomination they made, their own nomination as a counselor, or a nominee
  of the school they are scoped to.
"""

from __future__ import annotations

import math

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.commendations.choices import (
    DEEDS_MAX_CHARS,
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
    PASSED_STATUSES,
    Decision,
    NominationStatus,
    NomineeKind,
    ReviewLevel,
    RoundStatus,
    SelectionMode,
)
from apps.commendations.models import (
    Category,
    ChildNominee,
    Nomination,
    NominationEvidence,
    PersonNominee,
    PrefectureQuota,
    ReviewStep,
)
from apps.commendations.rights import require_nominator, staff_level
from apps.core import clock, review
from apps.core.audit import stamp
from apps.core.evidence import check_file_count, evidence_store
from apps.core.versioning import bump, lock_version
from apps.organizations.choices import DivisionLevel

STALE_REVIEW_MESSAGE = _(
    "This nomination was already handled by someone else; reload the page to see it."
)


def _save(nomination: Nomination, actor, *, reason: str) -> None:
    stamp(nomination, actor, reason=reason)
    bump(nomination)
    nomination.save()


def _nominee_division(*, actor, kind, brigade, squad, committee, counselor, child, person):
    """Where the nominee belongs, the school (if any) and the key that identifies them."""
    if kind == NomineeKind.COLLECTIVE:
        units = [u for u in (squad, brigade, committee) if u is not None]
        if len(units) != 1:
            raise ValidationError(_("Choose one brigade, squad or work committee."), code="unit")
        if squad is not None:
            return squad.brigade.school.county, squad.brigade.school, f"squad:{squad.pk}"
        if brigade is not None:
            return brigade.school.county, brigade.school, f"brigade:{brigade.pk}"
        return committee.division, None, f"committee:{committee.pk}"
    if kind == NomineeKind.COUNSELOR:
        if counselor is None:
            raise ValidationError({"counselor": _("Choose a counselor from the registry.")})
        return counselor.county, counselor.school, f"counselor:{counselor.pk}"
    if kind == NomineeKind.CHILD:
        if not child:
            raise ValidationError(_("Give the Young Pioneer's name, school and squad."))
        school = child["school"]
        key = f"child:{school.pk}:{child['squad_name'].strip()}:{child['name'].strip()}"
        return school.county, school, key
    if not person:
        raise ValidationError(_("Give the nominee's name, post and unit."))
    key = f"person:{person['name'].strip()}:{person['unit'].strip()}"
    return actor.division, None, key


@transaction.atomic
def nomination_create(
    *,
    actor,
    category: Category,
    deeds: str,
    brigade=None,
    squad=None,
    committee=None,
    counselor=None,
    child: dict | None = None,
    person: dict | None = None,
) -> Nomination:
    """County or prefecture staff nominate in ``category`` inside their division while the
    round takes nominations; review starts at their own level."""
    round_ = category.round
    kind = category.nominee_kind
    division, school, key = _nominee_division(
        actor=actor,
        kind=kind,
        brigade=brigade,
        squad=squad,
        committee=committee,
        counselor=counselor,
        child=child,
        person=person,
    )
    level = require_nominator(actor, division.code)
    today = clock.today()
    if round_.status != RoundStatus.OPEN or not (
        round_.nominations_open_on <= today <= round_.nominations_close_on
    ):
        raise ValidationError(_("This round does not take nominations now."), code="closed")
    if division.level == DivisionLevel.PROVINCE:
        raise PermissionDenied
    prefecture = division if division.level == DivisionLevel.PREFECTURE else division.parent
    deeds = deeds.strip()
    if len(deeds) > DEEDS_MAX_CHARS:
        raise ValidationError(
            {"deeds": _("Keep the deeds to %(limit)d characters.") % {"limit": DEEDS_MAX_CHARS}}
        )
    nomination = Nomination(
        round=round_,
        category=category,
        division=division,
        prefecture=prefecture,
        school=school,
        brigade=brigade if kind == NomineeKind.COLLECTIVE else None,
        squad=squad if kind == NomineeKind.COLLECTIVE else None,
        committee=committee if kind == NomineeKind.COLLECTIVE else None,
        counselor=counselor if kind == NomineeKind.COUNSELOR else None,
        nominee_key=key,
        deeds=deeds,
        status=NominationStatus.SUBMITTED,
        current_level=level,
        first_level=level,
        waiting_since=clock.now(),
    )
    nomination.full_clean(exclude=["child", "person"])
    if kind == NomineeKind.CHILD:
        row = ChildNominee(
            name=child["name"].strip(),
            gender=child["gender"],
            ethnicity=child["ethnicity"],
            school=child["school"],
            squad_name=child["squad_name"].strip(),
            guardian_consent=child.get("guardian_consent_on") is not None,
            guardian_agreed_on=child.get("guardian_consent_on"),
        )
        stamp(row, actor, reason=gettext_noop("nominated"))
        row.full_clean()
        row.save()
        nomination.child = row
    elif kind == NomineeKind.PERSON:
        row = PersonNominee(
            name=person["name"].strip(),
            gender=person["gender"],
            ethnicity=person["ethnicity"],
            post=person["post"].strip(),
            unit=person["unit"].strip(),
        )
        stamp(row, actor, reason=gettext_noop("nominated"))
        row.full_clean()
        row.save()
        nomination.person = row
    stamp(nomination, actor, reason=gettext_noop("nominated"))
    nomination.save()
    return nomination


@transaction.atomic
def child_consent_record(
    *, actor, nomination: Nomination, consent_on, seen_version: int | None = None
) -> Nomination:
    """County or prefecture staff of the child's division record the date the guardian
    agreed to publication; the child's name then shows on the public pages. Refused when
    the nomination changed since the page showed it (a colleague recorded it first)."""
    locked = lock_version(Nomination.objects.all(), pk=nomination.pk, seen_version=seen_version)
    if staff_level(actor) not in (ReviewLevel.COUNTY, ReviewLevel.PREFECTURE):
        raise PermissionDenied
    if not Nomination.objects.for_actor(actor).filter(pk=locked.pk).exists():
        raise PermissionDenied
    if consent_on is None or consent_on > clock.today():
        raise ValidationError({"consent_on": _("Give the day the guardian agreed.")})
    if not locked.child_id:
        raise ValidationError(_("Only a Young Pioneer's nomination records consent."))
    child = locked.child
    child.guardian_consent = consent_on is not None
    child.guardian_agreed_on = consent_on
    stamp(child, actor, reason=gettext_noop("consent recorded"))
    child.save()
    # The nomination's version stands for its nominee too: a page loaded before is stale.
    bump(locked)
    stamp(locked, actor, reason=gettext_noop("consent recorded"))
    locked.save()
    return locked


@transaction.atomic
def evidence_add(*, actor, nomination: Nomination, upload: UploadedFile) -> NominationEvidence:
    """The nominator attaches a PDF/JPEG/PNG (the core's evidence policy; at most 5 MB, at
    most 10) to a nomination under review at their level or returned to them."""
    locked = lock_version(Nomination.objects.all(), pk=nomination.pk, seen_version=None)
    if locked.created_by_id != actor.pk:
        raise PermissionDenied
    check_file_count(
        locked.evidence.count(),
        EVIDENCE_MAX_FILES,
        _("A nomination can have at most %(limit)d evidence files."),
    )
    return evidence_store(
        NominationEvidence(nomination=locked), upload, actor=actor, max_bytes=EVIDENCE_MAX_BYTES
    )


@transaction.atomic
def nomination_resubmit(*, actor, nomination: Nomination, deeds: str) -> Nomination:
    """The nominator sends a returned nomination back with revised deeds; review starts
    again at the first level."""
    locked = lock_version(Nomination.objects.all(), pk=nomination.pk, seen_version=None)
    if locked.created_by_id != actor.pk:
        raise PermissionDenied
    if locked.status != NominationStatus.RETURNED:
        raise ValidationError(_("Only a returned nomination can be resubmitted."))
    locked.deeds = deeds.strip()
    locked.status = NominationStatus.SUBMITTED
    locked.current_level = locked.first_level
    locked.submission += 1
    locked.waiting_since = clock.now()
    _save(locked, actor, reason=gettext_noop("resubmitted"))
    return locked


def level_limit(category: Category, level: ReviewLevel, prefecture_id: str) -> int:
    """How many nominations of ``category`` one unit at ``level`` may pass up (the province:
    approve): the prefecture's quota where the round sets one, else the category's; times
    the ratio under 差额 below the province."""
    quota = (
        PrefectureQuota.objects.filter(category=category, prefecture_id=prefecture_id)
        .values_list("quota", flat=True)
        .first()
    )
    base = quota if quota is not None else category.quota
    round_ = category.round
    if level != ReviewLevel.PROVINCE and round_.selection_mode == SelectionMode.COMPETITIVE:
        return math.floor(base * round_.ratio)
    return base


def passed_count(nomination: Nomination, level: ReviewLevel) -> int:
    """How many nominations of the same category the unit at ``level`` has already passed
    up (the province: approved)."""
    rows = Nomination.objects.filter(category_id=nomination.category_id)
    higher = [lv for lv in ReviewLevel if lv.rank > level.rank]
    passed = rows.filter(status__in=PASSED_STATUSES) | rows.filter(
        status=NominationStatus.SUBMITTED, current_level__in=higher
    )
    if level == ReviewLevel.COUNTY:
        return passed.filter(division_id=nomination.division_id).count()
    return passed.filter(prefecture_id=nomination.prefecture_id).count()


def _check_quota(nomination: Nomination, level: ReviewLevel) -> None:
    """Refuse an approval past the level's limit; call with the category row locked."""
    category = nomination.category
    limit = level_limit(category, level, nomination.prefecture_id)
    if passed_count(nomination, level) >= limit:
        raise ValidationError(
            _("The quota is used up: %(level)s level may pass %(limit)d in %(category)s."),
            code="quota",
            params={"level": level.label, "limit": limit, "category": category.name},
        )
    if level == ReviewLevel.PROVINCE:
        approved = Nomination.objects.filter(
            category_id=category.pk, status__in=PASSED_STATUSES
        ).count()
        if approved >= category.quota:
            raise ValidationError(
                _("The quota is used up: %(category)s commends at most %(limit)d."),
                code="quota",
                params={"limit": category.quota, "category": category.name},
            )


def check_reviewer(actor, nomination: Nomination) -> ReviewLevel:
    """The actor's level, refusing anyone who may not decide on ``nomination``."""
    level = staff_level(actor)
    if level is None:
        raise PermissionDenied
    if not Nomination.objects.for_actor(actor).filter(pk=nomination.pk).exists():
        raise PermissionDenied
    if nomination.created_by_id == actor.pk:
        raise PermissionDenied(_("Nobody reviews their own nomination."))
    if nomination.counselor_id and nomination.counselor.user_id == actor.pk:
        raise PermissionDenied(_("Nobody reviews their own nomination."))
    if actor.school_id and actor.school_id == nomination.school_id:
        raise PermissionDenied(_("Nobody reviews a nominee of their own school."))
    return level


@transaction.atomic
def nomination_review(
    *, actor, nomination: Nomination, decision: str, comment: str = "", seen_version=None
) -> ReviewStep:
    """A reviewer decides at their level: approve (up one level, or approved at province
    level, within the quota), return or reject (both with a reason)."""
    level = check_reviewer(actor, nomination)
    if decision == Decision.APPROVE:
        # Every approval in a category queues on its row, so quota counts are exact.
        Category.objects.select_for_update().get(pk=nomination.category_id)
    locked = lock_version(
        Nomination.objects.select_related("category__round"),
        pk=nomination.pk,
        seen_version=seen_version,
        message=STALE_REVIEW_MESSAGE,
    )
    if locked.status != NominationStatus.SUBMITTED:
        raise ValidationError(_("This nomination is not under review."), code="not_submitted")
    review.require_level(
        locked,
        level,
        _("This nomination waits at %(waiting)s level; you review at %(yours)s level."),
    )
    if locked.round.status != RoundStatus.OPEN:
        raise ValidationError(_("Review of this round is closed."), code="closed")
    comment = review.decision_comment(decision, comment)
    if decision == Decision.APPROVE:
        _check_quota(locked, level)
    step = ReviewStep(
        nomination=locked,
        level=level,
        submission=locked.submission,
        reviewer=actor,
        decision=decision,
        comment=comment,
    )
    now = review.record_step(step, locked, level, NominationStatus)
    if locked.status == NominationStatus.APPROVED:
        locked.approved_at = now
    _save(locked, actor, reason=review.decision_reason(decision, level))
    return step


def province_approve(*, actor, nomination: Nomination) -> None:
    """The province takes a reserve nominee into a freed place (递补): an approval at
    province level, quota checked; used by ``objection_resolve``."""
    check_reviewer(actor, nomination)
    Category.objects.select_for_update().get(pk=nomination.category_id)
    locked = lock_version(Nomination.objects.all(), pk=nomination.pk, seen_version=None)
    if not (
        locked.status == NominationStatus.SUBMITTED and locked.current_level == ReviewLevel.PROVINCE
    ):
        raise ValidationError(
            {"replacement": _("A reserve nominee is one waiting at province level.")}
        )
    _check_quota(locked, ReviewLevel.PROVINCE)
    ReviewStep.objects.create(
        nomination=locked,
        level=ReviewLevel.PROVINCE,
        submission=locked.submission,
        reviewer=actor,
        decision=Decision.APPROVE,
        comment=str(_("Takes a place freed by an upheld objection (递补).")),
    )
    locked.status = NominationStatus.APPROVED
    locked.current_level = ""
    locked.waiting_since = None
    locked.approved_at = clock.now()
    _save(locked, actor, reason=gettext_noop("approved as a reserve"))
