"""Writes to supervision reports: filling in, findings, evidence, submission, acceptance and
return. Every step saves the report with its reason (``Step``), so the report's history
shows it, with the child rows it added (scores, findings, evidence) beside it."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import clock
from apps.core.evidence import (
    clean_original_name,
    removed_on_rollback,
    validate_evidence_upload,
)
from apps.core.versioning import bump, check_version
from apps.inspections.choices import CampaignStatus, InspectionStatus, Severity, Step
from apps.inspections.models import (
    ChecklistItem,
    Finding,
    IndicatorScore,
    Inspection,
    InspectionEvidence,
)
from apps.inspections.services.rules import (
    audited_delete,
    audited_save,
    can_decide_report,
    is_assigned,
    require,
)

REPORT_FIELDS = ("inspected_on", "rating", "summary")


def _locked_report(inspection: Inspection) -> Inspection:
    return Inspection.objects.select_for_update().get(pk=inspection.pk)


def _ensure_editable(actor: User, inspection: Inspection) -> None:
    if inspection.status != InspectionStatus.DRAFT:
        raise ValidationError(
            _("A submitted report cannot be changed; the campaign lead can return it to draft."),
            code="not_draft",
        )
    if inspection.campaign.status != CampaignStatus.RUNNING:
        raise ValidationError(
            _("Reports are filed while the campaign is running."), code="campaign_not_running"
        )
    require(is_assigned(actor, inspection))


def _editable_report(actor: User, inspection: Inspection) -> Inspection:
    """The report locked for update, refused unless the actor may change it now."""
    inspection = _locked_report(inspection)
    _ensure_editable(actor, inspection)
    return inspection


def score_field(item: ChecklistItem) -> str:
    """The form field (and error key) of a checklist item's score."""
    return f"score_{item.pk}"


def _score_changes(inspection, scores: Mapping[int, Decimal | None]) -> list:
    """Check the scores by item id; return the (row, value) changes, None deleting a row."""
    items = {item.pk: item for item in inspection.campaign.checklist.all()}
    current = {s.item_id: s for s in inspection.scores.all()}
    errors: dict[str, list] = {}
    changes = []
    for item_id, value in scores.items():
        item = items.get(int(item_id))
        if item is None:
            raise ValidationError(_("This item is not on the campaign's checklist."))
        existing = current.get(item.pk)
        if value is None:
            if existing is not None:
                changes.append((existing, None))
            continue
        value = Decimal(value)
        if existing is not None and existing.score == value:
            continue
        score = existing or IndicatorScore(inspection=inspection, item=item)
        score.score = value
        try:
            # clean() checks 0..max; the database constraints back it up, so they are not
            # re-queried for every item of every report.
            score.full_clean(exclude=["inspection"], validate_constraints=False)
        except ValidationError as exc:
            errors[score_field(item)] = exc.message_dict.get("score", exc.messages)
            continue
        changes.append((score, value))
    if errors:
        raise ValidationError(errors)
    return changes


@transaction.atomic
def inspection_update(
    *,
    actor: User,
    inspection: Inspection,
    scores: Mapping[int, Decimal | None] | None = None,
    seen_version: int | None = None,
    **changes,
) -> Inspection:
    """Fill in a draft report (an assigned inspector): visit date, rating, summary and the
    scores by checklist item id (None clears one). Scores outside 0..max are refused, keyed
    ``score_<item id>``. The report and each score changed keep their old and new values.
    Refused (StaleEditError) over a change made since ``seen_version``, as when two of the
    assigned inspectors fill in the same report."""
    inspection = _editable_report(actor, inspection)
    check_version(inspection, seen_version)
    unknown = set(changes) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"inspection_update cannot change {sorted(unknown)}")
    changed = False
    for name, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        if getattr(inspection, name) != value:
            setattr(inspection, name, value)
            changed = True
    if changed:
        inspection.full_clean()
    score_changes = _score_changes(inspection, scores) if scores is not None else []
    for score, value in score_changes:
        if value is None:
            audited_delete(score, actor, Step.UPDATED)
        else:
            audited_save(score, actor, Step.UPDATED)
    if changed or score_changes:
        bump(inspection)
        audited_save(inspection, actor, Step.UPDATED)
    return inspection


@transaction.atomic
def finding_add(
    *, actor: User, inspection: Inspection, text: str, severity: Severity = Severity.MEDIUM
) -> Finding:
    """Record a finding on a draft report (an assigned inspector)."""
    inspection = _editable_report(actor, inspection)
    finding = Finding(inspection=inspection, text=text.strip(), severity=severity)
    finding.full_clean()
    audited_save(finding, actor, Step.FINDING_ADDED)
    audited_save(inspection, actor, Step.FINDING_ADDED)
    return finding


def evidence_check(uploads) -> list[tuple]:
    """Judge every file of a batch by the one evidence policy (PDF, JPEG or PNG by its
    bytes) before any is stored, so a bad file refuses the batch with nothing written; the
    refusal is keyed ``files`` as the forms name it. Returns (upload, content type) pairs."""
    checked, errors = [], []
    for upload in uploads:
        try:
            checked.append((upload, validate_evidence_upload(upload)))
        except ValidationError as exc:
            errors.extend(exc.error_list)
    if errors:
        raise ValidationError({"files": errors})
    return checked


def evidence_save(model, *, actor: User, checked: list[tuple], **owner) -> list:
    """Store checked uploads (``evidence_check``) as ``model`` evidence of ``owner``. Should
    the transaction roll back later, the files written are removed again (core.evidence)."""
    saved = []
    for upload, content_type in checked:
        evidence = model(
            file=upload,
            original_name=clean_original_name(upload.name),
            content_type=content_type,
            size=upload.size,
            uploaded_by=actor,
            uploaded_at=clock.now(),
            **owner,
        )
        evidence.full_clean(exclude=["file"])
        evidence.save()
        saved.append(evidence)
    return saved


@removed_on_rollback
@transaction.atomic
def inspection_evidence_add(*, actor: User, inspection: Inspection, uploads) -> list:
    """Attach PDF/JPG/PNG files to a draft report (an assigned inspector); all or none."""
    inspection = _editable_report(actor, inspection)
    saved = evidence_save(
        InspectionEvidence, actor=actor, checked=evidence_check(uploads), inspection=inspection
    )
    if saved:
        audited_save(inspection, actor, Step.EVIDENCE_ADDED)
    return saved


@transaction.atomic
def inspection_submit(*, actor: User, inspection: Inspection) -> Inspection:
    """Hand a draft report to the campaign lead (an assigned inspector). Refused until every
    checklist item is scored and an overall rating is chosen."""
    inspection = _editable_report(actor, inspection)
    errors: dict[str, list] = {}
    if not inspection.rating:
        errors["rating"] = [gettext("Choose an overall rating before submitting.")]
    scored = set(inspection.scores.values_list("item_id", flat=True))
    for item in inspection.campaign.checklist.all():
        if item.pk not in scored:
            errors[score_field(item)] = [gettext("Score this item before submitting.")]
    if errors:
        raise ValidationError(errors)
    inspection.status = InspectionStatus.SUBMITTED
    inspection.submitted_at = clock.now()
    inspection.submitted_by = actor
    inspection.return_reason = ""
    inspection.full_clean()
    return audited_save(inspection, actor, Step.SUBMITTED)


def _decided_report(actor: User, inspection: Inspection, message) -> Inspection:
    """The submitted report locked for the lead's decision."""
    inspection = _locked_report(inspection)
    if inspection.status != InspectionStatus.SUBMITTED:
        raise ValidationError(message, code="not_submitted")
    require(can_decide_report(actor, inspection))
    return inspection


@transaction.atomic
def inspection_accept(*, actor: User, inspection: Inspection) -> Inspection:
    """Accept a submitted report (the campaign lead)."""
    inspection = _decided_report(actor, inspection, _("Only a submitted report can be accepted."))
    inspection.status = InspectionStatus.ACCEPTED
    inspection.accepted_at = clock.now()
    inspection.accepted_by = actor
    return audited_save(inspection, actor, Step.ACCEPTED)


@transaction.atomic
def inspection_return(*, actor: User, inspection: Inspection, reason: str) -> Inspection:
    """Send a submitted report back to draft with a reason (the campaign lead)."""
    inspection = _decided_report(actor, inspection, _("Only a submitted report can be returned."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")}, code="required")
    inspection.status = InspectionStatus.DRAFT
    inspection.return_reason = reason
    inspection.submitted_at = None
    inspection.submitted_by = None
    return audited_save(inspection, actor, Step.RETURNED)
