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
- Every change raises ``version``. A reviewer's decision carries the version they saw; it is
  checked on the row locked with SELECT ... FOR UPDATE, so of two reviewers acting at once
  one wins and the other is told to reload, and nothing of theirs is written.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.counselors.models import Counselor
from apps.titles.choices import (
    EVIDENCE_MAX_FILES,
    TITLE_RANK,
    ApplicationStatus,
    Decision,
    ReviewLevel,
)
from apps.titles.models import EvidenceFile, ReviewStep, TitleApplication
from apps.titles.selectors import reviewer_level
from apps.titles.uploads import validate_evidence_upload


class StaleApplicationError(ValidationError):
    """The application changed after the actor loaded it; they must reload and look again."""


STALE_MESSAGE = _(
    "This application was already handled by someone else; reload the page to see it."
)


def first_level(applicant: Counselor) -> ReviewLevel:
    """Where a (re)submission starts: the school, or the county for a county chief counselor."""
    return ReviewLevel.SCHOOL if applicant.school_id else ReviewLevel.COUNTY


def _lock(application: TitleApplication) -> TitleApplication:
    # Lock only the application row: its applicant is read, not written, by the caller.
    return (
        TitleApplication.objects.select_for_update(of=("self",))
        .select_related("applicant")
        .get(pk=application.pk)
    )


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


def _check_target_title(*, applicant: Counselor, target_title: str) -> None:
    if TITLE_RANK[target_title] <= TITLE_RANK[applicant.teacher_title]:
        message = _("Choose a title above your current one (%(current)s).") % {
            "current": applicant.get_teacher_title_display()
        }
        raise ValidationError({"target_title": ValidationError(message, code="not_a_promotion")})


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
        created_by=actor,
        updated_by=actor,
    )
    application.full_clean()
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
) -> TitleApplication:
    """The applicant changes their draft or returned application."""
    locked = _lock(application)
    _check_owner_may_edit(actor=actor, application=locked)
    locked.track = track
    locked.target_title = target_title
    locked.year = year
    locked.statement = statement.strip()
    locked.updated_by = actor
    locked.version += 1
    locked.full_clean()
    _check_target_title(applicant=locked.applicant, target_title=target_title)
    locked.save()
    return locked


def _send_to_first_level(*, actor: User, application: TitleApplication) -> TitleApplication:
    if not application.evidence.exists():
        raise ValidationError(
            _("Add at least one evidence file before submitting."), code="no_evidence"
        )
    _check_target_title(applicant=application.applicant, target_title=application.target_title)
    now = timezone.now()
    application.status = ApplicationStatus.SUBMITTED
    application.current_level = first_level(application.applicant)
    application.submission_count += 1
    application.submitted_at = application.submitted_at or now
    application.waiting_since = now
    application.updated_by = actor
    application.version += 1
    application.full_clean()
    application.save()
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


@transaction.atomic
def evidence_add(
    *, actor: User, application: TitleApplication, upload: UploadedFile
) -> EvidenceFile:
    """The applicant attaches a PDF/JPEG/PNG (type read from its bytes, at most 5 MB, at most
    10 per application) to a draft or returned application; it is stored under a random name."""
    locked = _lock(application)
    _check_owner_may_edit(actor=actor, application=locked)
    content_type = validate_evidence_upload(upload)
    if locked.evidence.count() >= EVIDENCE_MAX_FILES:
        raise ValidationError(
            _("An application can have at most %(limit)d evidence files."),
            code="too_many",
            params={"limit": EVIDENCE_MAX_FILES},
        )
    evidence = EvidenceFile(
        application=locked,
        file=upload,
        original_name=(upload.name or "")[-255:],
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    evidence.full_clean(exclude=["file"])
    evidence.save()
    locked.version += 1
    locked.updated_by = actor
    locked.save(update_fields=["version", "updated_by", "updated_at"])
    return evidence


@transaction.atomic
def evidence_remove(*, actor: User, evidence: EvidenceFile) -> None:
    """The applicant removes a file from a draft or returned application; the stored file is
    deleted once the removal is committed."""
    locked = _lock(evidence.application)
    _check_owner_may_edit(actor=actor, application=locked)
    storage, name = evidence.file.storage, evidence.file.name
    evidence.delete()
    locked.version += 1
    locked.updated_by = actor
    locked.save(update_fields=["version", "updated_by", "updated_at"])
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic
def title_application_review(
    *,
    actor: User,
    application: TitleApplication,
    decision: str,
    comment: str,
    expected_version: int,
) -> ReviewStep:
    """A reviewer decides at their level: approve (up one level, or approved at province
    level), return or reject (both need a reason). Refused unless the application, as of
    ``expected_version``, waits at the actor's level inside their scope."""
    level = reviewer_level(actor)
    if level is None:
        raise PermissionDenied
    locked = _lock(application)
    if not TitleApplication.objects.for_actor(actor).filter(pk=locked.pk).exists():
        raise PermissionDenied
    if locked.applicant.user_id == actor.pk:
        raise PermissionDenied(_("Nobody reviews their own application."))
    if locked.version != expected_version:
        raise StaleApplicationError(STALE_MESSAGE, code="stale")
    if locked.status != ApplicationStatus.SUBMITTED:
        raise ValidationError(_("This application is not under review."), code="not_submitted")
    if locked.current_level != level:
        raise ValidationError(
            _("This application waits at %(waiting)s level; you review at %(yours)s level."),
            code="wrong_level",
            params={
                "waiting": ReviewLevel(locked.current_level).label,
                "yours": level.label,
            },
        )
    if decision != Decision.APPROVE and not comment.strip():
        reason = _("Give a reason when returning or rejecting.")
        raise ValidationError({"comment": ValidationError(reason, code="reason_required")})

    step = ReviewStep(
        application=locked,
        level=level,
        round=locked.submission_count,
        reviewer=actor,
        decision=decision,
        comment=comment.strip(),
    )
    step.full_clean()
    step.save()

    now = timezone.now()
    if decision == Decision.APPROVE and level.next_level is not None:
        locked.current_level = level.next_level
        locked.waiting_since = now
    else:
        locked.status = {
            Decision.APPROVE: ApplicationStatus.APPROVED,
            Decision.RETURN: ApplicationStatus.RETURNED,
            Decision.REJECT: ApplicationStatus.REJECTED,
        }[Decision(decision)]
        locked.current_level = ""
        locked.waiting_since = None
        if locked.is_final:
            locked.decided_at = now
    locked.updated_by = actor
    locked.version += 1
    locked.full_clean()
    locked.save()

    if locked.status == ApplicationStatus.APPROVED:
        # Only the title changes: the rest of the registry record is not this decision's to
        # re-validate, and a flaw elsewhere in it must not block the province's approval.
        counselor = locked.applicant
        counselor.teacher_title = locked.target_title
        counselor.updated_by = actor
        counselor.save(update_fields=["teacher_title", "updated_by", "updated_at"])
    return step
