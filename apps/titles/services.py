"""Writes to title applications: the applicant's edits and the reviewers' decisions.

The review chain is school → county → prefecture → province; a reviewer is education staff
whose scope is the applicant's school, county, prefecture or the province, and acts only at
the level of that scope. Decisions that shape the workflow:

- A county chief counselor belongs to no school, so their application starts at county level.
- Approval at a level moves the application up; approval at province level approves it and
  sets the counselor's teacher title to the title won, so every later page (the registry,
  the next application, reviewers' panels) reads the one current title.
- Return (with a reason) hands the application back; the applicant edits and resubmits, and
  the resubmission starts again at the first level: every level must have approved the
  application as it now stands, not an earlier version of it.
- Reject (with a reason) is final: nothing can change the application afterwards.
- Every change raises ``version`` (``core.versioning``). A reviewer's decision and the
  applicant's edit carry the version they saw; it is checked on the row locked with
  SELECT ... FOR UPDATE, so of two people acting at once one wins and the other is told to
  reload, and nothing of theirs is written.
- A round is this year's or next year's by the portal's clock: a past round is closed. The
  demo writes the 2017 and 2018 rounds through these services with the clock set back.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.accounts.models import User
from apps.core import clock, review
from apps.core.audit import audited_delete, stamp
from apps.core.evidence import clean_original_name, removed_on_rollback, validate_evidence_upload
from apps.core.versioning import bump, lock_version
from apps.counselors.models import Counselor
from apps.titles.choices import (
    EVIDENCE_MAX_BYTES,
    EVIDENCE_MAX_FILES,
    OPEN_STATUSES,
    TITLE_RANK,
    ApplicationStatus,
    ReviewLevel,
)
from apps.titles.models import EvidenceFile, ReviewStep, TitleApplication
from apps.titles.selectors import reviewer_level

# What a reviewer is told when the application moved on after they opened it.
STALE_REVIEW_MESSAGE = _(
    "This application was already handled by someone else; reload the page to see it."
)


def first_level(applicant: Counselor) -> ReviewLevel:
    """Where a (re)submission starts: the school, or the county for a county chief counselor."""
    return ReviewLevel.SCHOOL if applicant.school_id else ReviewLevel.COUNTY


def _lock(
    application: TitleApplication, *, seen_version: int | None = None, message=None
) -> TitleApplication:
    # Lock only the application row: its applicant is read, not written, by the caller.
    return lock_version(
        TitleApplication.objects.select_related("applicant"),
        pk=application.pk,
        seen_version=seen_version,
        message=message,
    )


def _save(application: TitleApplication, actor: User, *, reason: str, fields=None) -> None:
    """Record ``actor``'s change of a locked application: a new version, validated, saved."""
    stamp(application, actor, reason=reason)
    bump(application)
    if fields is None:
        application.full_clean()
        application.save()
    else:
        application.save(update_fields=[*fields, "version", "updated_by", "updated_at"])


def _own_counselor(actor: User) -> Counselor:
    counselor = Counselor.objects.filter(user=actor).first() if actor.is_authenticated else None
    if counselor is None:
        raise PermissionDenied(_("Only a counselor with a registry record can apply for a title."))
    return counselor


def _check_owner_may_edit(*, actor: User, application: TitleApplication) -> None:
    if application.applicant.user_id != actor.pk:
        raise PermissionDenied
    if not application.is_editable:
        raise ValidationError(
            _("Only a draft or a returned application can be changed."), code="not_editable"
        )


def _check_year(year: int) -> None:
    """A round is this year's or next year's: a past round is closed, and nobody applies
    further ahead."""
    this_year = clock.today().year
    if year < this_year:
        message = _("The %(year)s round is over; apply for this year's or next year's round.")
    elif year > this_year + 1:
        message = _("The %(year)s round is not open yet; apply for this year's or next year's.")
    else:
        return
    raise ValidationError({"year": ValidationError(message, code="year", params={"year": year})})


def _check_target_title(*, applicant: Counselor, target_title: str) -> None:
    if TITLE_RANK[target_title] <= TITLE_RANK[applicant.teacher_title]:
        message = _("Choose a title above your current one (%(current)s).") % {
            "current": applicant.get_teacher_title_display()
        }
        raise ValidationError({"target_title": ValidationError(message, code="not_a_promotion")})


def _check_none_open(*, applicant: Counselor, year: int, other_than: int | None = None) -> None:
    """One open application a round: the message names the round and the open one (the
    form links to it through the error's ``open_application`` parameter). ``other_than``:
    the application being moved to ``year``, which does not stand in its own way."""
    open_one = (
        TitleApplication.objects.filter(applicant=applicant, year=year, status__in=OPEN_STATUSES)
        .exclude(pk=other_than)
        .first()
    )
    if open_one is None:
        return
    message = _(
        "You already have an open application in the %(year)s round (%(title)s, %(status)s); "
        "continue with that one instead."
    )
    raise ValidationError(
        {
            "year": ValidationError(
                message,
                code="open_application",
                params={
                    "year": year,
                    "title": open_one.get_target_title_display(),
                    "status": open_one.get_status_display(),
                    "open_application": open_one.pk,
                },
            )
        }
    )


@transaction.atomic
def title_application_create(
    *, actor: User, track: str, target_title: str, year: int, statement: str
) -> TitleApplication:
    """A counselor starts a draft application for themselves; at most one open per year."""
    applicant = _own_counselor(actor)
    application = TitleApplication(
        applicant=applicant,
        track=track,
        target_title=target_title,
        year=year,
        statement=statement.strip(),
    )
    stamp(application, actor, reason=gettext_noop("created"))
    _check_none_open(applicant=applicant, year=year)
    application.full_clean()
    _check_year(year)
    _check_target_title(applicant=applicant, target_title=target_title)
    application.save()
    return application


@transaction.atomic
def title_application_update(
    *,
    actor: User,
    application: TitleApplication,
    track: str,
    target_title: str,
    year: int,
    statement: str,
    seen_version: int | None = None,
) -> TitleApplication:
    """The applicant changes their draft or returned application; refused (StaleEditError)
    when it changed since ``seen_version``, the version their edit page was loaded with."""
    locked = _lock(application, seen_version=seen_version)
    _check_owner_may_edit(actor=actor, application=locked)
    if year != locked.year:
        _check_year(year)
        _check_none_open(applicant=locked.applicant, year=year, other_than=locked.pk)
    locked.track = track
    locked.target_title = target_title
    locked.year = year
    locked.statement = statement.strip()
    _check_target_title(applicant=locked.applicant, target_title=target_title)
    _save(locked, actor, reason=gettext_noop("edited"))
    return locked


def _send_to_first_level(*, actor: User, application: TitleApplication) -> TitleApplication:
    if not application.evidence.exists():
        raise ValidationError(
            _("Add at least one evidence file before submitting."), code="no_evidence"
        )
    _check_target_title(applicant=application.applicant, target_title=application.target_title)
    now = clock.now()
    resubmitted = application.submission_count > 0
    application.status = ApplicationStatus.SUBMITTED
    application.current_level = first_level(application.applicant)
    application.submission_count += 1
    application.submitted_at = application.submitted_at or now
    application.waiting_since = now
    _save(
        application,
        actor,
        reason=gettext_noop("resubmitted") if resubmitted else gettext_noop("submitted"),
    )
    return application


@transaction.atomic
def title_application_submit(*, actor: User, application: TitleApplication) -> TitleApplication:
    """The applicant sends a draft (with at least one evidence file) to the first level."""
    locked = _lock(application)
    _check_owner_may_edit(actor=actor, application=locked)
    if locked.status != ApplicationStatus.DRAFT:
        raise ValidationError(_("Only a draft can be submitted."), code="not_draft")
    return _send_to_first_level(actor=actor, application=locked)


@transaction.atomic
def title_application_resubmit(*, actor: User, application: TitleApplication) -> TitleApplication:
    """The applicant sends a returned application back; review starts again at the first level."""
    locked = _lock(application)
    _check_owner_may_edit(actor=actor, application=locked)
    if locked.status != ApplicationStatus.RETURNED:
        raise ValidationError(
            _("Only a returned application can be resubmitted."), code="not_returned"
        )
    return _send_to_first_level(actor=actor, application=locked)


@removed_on_rollback
@transaction.atomic
def evidence_add(
    *, actor: User, application: TitleApplication, upload: UploadedFile
) -> EvidenceFile:
    """The applicant attaches a PDF/JPEG/PNG (the core's evidence policy; at most 5 MB, at
    most 10 per application) to a draft or returned application, stored under a random name."""
    locked = _lock(application)
    _check_owner_may_edit(actor=actor, application=locked)
    content_type = validate_evidence_upload(upload, max_bytes=EVIDENCE_MAX_BYTES)
    if locked.evidence.count() >= EVIDENCE_MAX_FILES:
        raise ValidationError(
            _("An application can have at most %(limit)d evidence files."),
            code="too_many",
            params={"limit": EVIDENCE_MAX_FILES},
        )
    evidence = EvidenceFile(
        application=locked,
        file=upload,
        original_name=clean_original_name(upload.name or ""),
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.full_clean(exclude=["file"])
    evidence.save()
    _save(locked, actor, reason=gettext_noop("evidence added"), fields=[])
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: EvidenceFile) -> None:
    """The applicant removes a file from a draft or returned application; the stored file is
    deleted once the removal is committed."""
    locked = _lock(evidence.application)
    _check_owner_may_edit(actor=actor, application=locked)
    storage, name = evidence.file.storage, evidence.file.name
    audited_delete(evidence, actor)
    _save(locked, actor, reason=gettext_noop("evidence removed"), fields=[])
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def title_application_review(
    *,
    actor: User,
    application: TitleApplication,
    decision: str,
    comment: str,
    seen_version: int,
) -> ReviewStep:
    """A reviewer decides at their level: approve (up one level, or approved at province
    level), return or reject (both need a reason). Refused unless the application, as of
    ``seen_version``, waits at the actor's level inside their scope."""
    level = reviewer_level(actor)
    if level is None:
        raise PermissionDenied
    # The applicant never changes, so scope and ownership are checked before the lock.
    in_scope = TitleApplication.objects.for_actor(actor).filter(pk=application.pk)
    found = in_scope.values("applicant__user_id").first()
    if found is None:
        raise PermissionDenied
    if found["applicant__user_id"] == actor.pk:
        raise PermissionDenied(_("Nobody reviews their own application."))
    locked = _lock(application, seen_version=seen_version, message=STALE_REVIEW_MESSAGE)
    if locked.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("This application is not under review."), code="not_submitted")
    review.require_level(
        locked,
        level,
        _("This application waits at %(waiting)s level; you review at %(yours)s level."),
    )
    comment = review.decision_comment(decision, comment)

    step = ReviewStep(
        application=locked,
        level=level,
        round=locked.submission_count,
        reviewer=actor,
        decision=decision,
        comment=comment,
    )
    now = review.record_step(step, locked, level, ApplicationStatus)
    if locked.is_final:
        locked.decided_at = now
    _save(locked, actor, reason=review.decision_reason(decision, level))

    if locked.status == ApplicationStatus.APPROVED:
        # Only the title changes: the rest of the registry record is not this decision's to
        # re-validate, and a flaw elsewhere in it must not block the province's approval.
        counselor = locked.applicant
        counselor.teacher_title = locked.target_title
        stamp(counselor, actor, reason=gettext_noop("title won"))
        bump(counselor)
        counselor.save(update_fields=["teacher_title", "version", "updated_by", "updated_at"])
    return step
