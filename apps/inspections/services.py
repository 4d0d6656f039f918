"""Writes to joint inspections. Portal views, the admin and the demo data all call these.

Every service takes the acting user, checks that they may act (PermissionDenied otherwise),
validates with ``full_clean()`` (ValidationError, keyed by the form field that is wrong) and
saves inside a transaction. Reports keep a revision row for every change, orders a step row.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core.scope import code_prefix, scope_queryset
from apps.inspections.choices import (
    AWAITING_TARGET,
    CampaignStatus,
    CircularKind,
    InspectionStatus,
    RectificationAction,
    RectificationStatus,
    RevisionAction,
    SchemeStatus,
    Severity,
    TeamBody,
)
from apps.inspections.models import (
    MIN_YOUNG_PIONEER_SHARE,
    TARGET_STAFF_ROLES,
    Campaign,
    ChecklistItem,
    Circular,
    EvaluationItem,
    EvaluationScheme,
    Finding,
    IndicatorScore,
    Inspection,
    InspectionEvidence,
    RectificationEvent,
    RectificationEvidence,
    RectificationOrder,
    ReportRevision,
    TeamMember,
    plain_number,
    young_pioneer_share,
)
from apps.inspections.permissions import Perm
from apps.inspections.uploads import clean_original_name, validate_evidence_file
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School

# --- Who may do what (object level; the URL rules check the role first) --------------------


def can_manage_campaign(actor: User, campaign: Campaign) -> bool:
    """The lead, the creator and a provincial administrator whose scope holds the campaign's
    whole area (seeing it because one of its targets is theirs is not enough) manage it."""
    if actor.is_superuser or actor.pk in (campaign.lead_id, campaign.created_by_id):
        return True
    return actor.role == Role.PROVINCIAL_ADMIN and _holds_campaign_area(actor, campaign)


def is_assigned(actor: User, inspection: Inspection) -> bool:
    """Whether the actor is one of the report's assigned inspectors."""
    return inspection.inspectors.filter(pk=actor.pk).exists()


def can_file(actor: User, inspection: Inspection) -> bool:
    """Assigned inspectors file a report while it is a draft in a running campaign."""
    return (
        inspection.status == InspectionStatus.DRAFT
        and inspection.campaign.status == CampaignStatus.RUNNING
        and is_assigned(actor, inspection)
    )


def can_decide_report(actor: User, inspection: Inspection) -> bool:
    """The campaign lead accepts or returns a submitted report."""
    return inspection.status == InspectionStatus.SUBMITTED and (
        actor.is_superuser or actor.pk == inspection.campaign.lead_id
    )


def can_issue_order(actor: User, inspection: Inspection) -> bool:
    """An assigned inspector or the campaign lead issues orders from a report's findings."""
    return (
        actor.is_superuser
        or actor.pk == inspection.campaign.lead_id
        or is_assigned(actor, inspection)
    )


def can_verify_order(actor: User, order: RectificationOrder) -> bool:
    """The issuer (or the campaign lead) verifies, reopens and schedules re-visits."""
    return actor.is_superuser or actor.pk in (
        order.issued_by_id,
        order.finding.inspection.campaign.lead_id,
    )


def can_write_circular(actor: User, campaign: Campaign) -> bool:
    """Drafts of a campaign's circulars are written by its managers, its joint team and staff
    whose scope holds the campaign's whole area (not staff of one of its targets only)."""
    if can_manage_campaign(actor, campaign):
        return True
    if campaign.team.filter(user=actor).exists():
        return True
    return _holds_campaign_area(actor, campaign)


def can_publish_circular(actor: User, campaign: Campaign) -> bool:
    """Publishing speaks for the campaign's whole area: a holder of the publish right who
    manages the campaign or whose scope holds that area."""
    if not actor.has_perm(Perm.PUBLISH_CIRCULAR):
        return False
    return can_manage_campaign(actor, campaign) or _holds_campaign_area(actor, campaign)


def _holds_campaign_area(actor: User, campaign: Campaign) -> bool:
    return scope_queryset(Campaign.objects.all(), actor).filter(pk=campaign.pk).exists()


def can_rectify(actor: User, order: RectificationOrder) -> bool:
    """The target's staff (League or education users whose scope holds it) submit."""
    if order.status not in AWAITING_TARGET:
        return False
    if actor.is_superuser:
        return True
    if actor.role not in TARGET_STAFF_ROLES or actor.division_id is None:
        return False
    return order.target_division_code.startswith(code_prefix(actor.division_id))


def _require(allowed: bool, message=None) -> None:
    if not allowed:
        raise PermissionDenied(message)


def _text(value) -> str:
    """A value as it is kept in a revision's ``changes``."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return plain_number(value)
    return str(value)


def _revise(inspection: Inspection, *, actor: User, action: RevisionAction, changes=None, note=""):
    ReportRevision.objects.create(
        inspection=inspection, actor=actor, action=action, changes=changes or {}, note=note
    )


def _step(order: RectificationOrder, *, actor: User, action: RectificationAction, note=""):
    RectificationEvent.objects.create(order=order, actor=actor, action=action, note=note)


def _in_subtree(code: str, area: Division) -> bool:
    return code.startswith(area.prefix)


# --- Campaigns ----------------------------------------------------------------------------


# Who may lead a campaign: staff and inspectors, never a read-only official or a counselor,
# since the lead accepts and returns reports.
LEAD_ROLES = (Role.PROVINCIAL_ADMIN, Role.LEAGUE, Role.EDUCATION, Role.INSPECTOR)


def _check_lead(*, actor: User, lead: User) -> None:
    """The lead is an active staff user or inspector inside the actor's scope."""
    eligible = User.objects.for_actor(actor).filter(is_active=True, role__in=LEAD_ROLES)
    if not eligible.filter(pk=lead.pk).exists():
        raise ValidationError(
            {"lead": _("The lead must be League or education staff or an inspector in your area.")},
            code="bad_lead",
        )


@transaction.atomic
def campaign_create(
    *,
    actor: User,
    name: str,
    year: int,
    start_date: datetime.date,
    end_date: datetime.date,
    division: Division,
    lead: User,
    scope_note: str = "",
) -> Campaign:
    """Plan a campaign over an area inside the actor's scope (staff, the administrator)."""
    _require(Division.objects.for_actor(actor).filter(pk=division.pk).exists())
    _check_lead(actor=actor, lead=lead)
    campaign = Campaign(
        name=name.strip(),
        year=year,
        start_date=start_date,
        end_date=end_date,
        division=division,
        lead=lead,
        scope_note=scope_note.strip(),
        created_by=actor,
    )
    campaign.full_clean()
    campaign.save()
    return campaign


CAMPAIGN_FIELDS = ("name", "year", "start_date", "end_date", "lead", "scope_note")


@transaction.atomic
def campaign_update(*, actor: User, campaign: Campaign, **changes) -> Campaign:
    """Change a campaign that is not closed (its manager only); the area stays fixed. The row
    is locked and re-read, so an edit racing a start or close cannot write the old status back."""
    unknown = set(changes) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"campaign_update cannot change {sorted(unknown)}")
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    _require(can_manage_campaign(actor, campaign))
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(_("A closed campaign cannot be changed."), code="closed")
    if "lead" in changes and changes["lead"].pk != campaign.lead_id:
        _check_lead(actor=actor, lead=changes["lead"])
    for name, value in changes.items():
        setattr(campaign, name, value.strip() if isinstance(value, str) else value)
    campaign.full_clean()
    campaign.save()
    return campaign


@transaction.atomic
def campaign_start(*, actor: User, campaign: Campaign) -> Campaign:
    """Start a planned campaign. Refused unless the joint team has members from at least two
    bodies (League, education, work committee...) and the checklist has an item."""
    _require(can_manage_campaign(actor, campaign))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.PLANNING:
        raise ValidationError(_("Only a campaign in planning can be started."), code="not_planning")
    bodies = set(campaign.team.values_list("body", flat=True))
    errors = []
    if len(bodies) < 2:
        errors.append(
            ValidationError(
                _(
                    "A joint team needs members from at least two bodies (League committee, "
                    "education bureau, work committee); this team has %(count)s."
                )
                % {"count": len(bodies)},
                code="single_body",
            )
        )
    if not campaign.checklist.exists():
        errors.append(
            ValidationError(_("Add at least one checklist item first."), code="no_checklist")
        )
    if errors:
        raise ValidationError(errors)
    campaign.status = CampaignStatus.RUNNING
    campaign.save(update_fields=["status", "updated_at"])
    return campaign


@transaction.atomic
def campaign_close(*, actor: User, campaign: Campaign) -> Campaign:
    """Close a running campaign once no submitted report awaits the lead's decision."""
    _require(can_manage_campaign(actor, campaign))
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    if campaign.status != CampaignStatus.RUNNING:
        raise ValidationError(_("Only a running campaign can be closed."), code="not_running")
    if campaign.inspections.filter(status=InspectionStatus.SUBMITTED).exists():
        raise ValidationError(
            _("Accept or return the submitted reports before closing the campaign."),
            code="reports_pending",
        )
    campaign.status = CampaignStatus.CLOSED
    campaign.save(update_fields=["status", "updated_at"])
    return campaign


def _locked_campaign(campaign: Campaign) -> Campaign:
    # The team and checklist are checked against the stored status under the row lock that
    # campaign_start takes, so a change racing the start cannot slip into a running campaign.
    return Campaign.objects.select_for_update().get(pk=campaign.pk)


@transaction.atomic
def team_member_add(
    *,
    actor: User,
    campaign: Campaign,
    name: str,
    body: TeamBody,
    user: User | None = None,
    position: str = "",
) -> TeamMember:
    """Put someone on the joint team of a campaign that is not closed (its manager only)."""
    campaign = _locked_campaign(campaign)
    _require(can_manage_campaign(actor, campaign))
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(_("A closed campaign cannot be changed."), code="closed")
    if user is not None and campaign.team.filter(user=user).exists():
        raise ValidationError({"user": _("This account is already on the team.")}, code="twice")
    member = TeamMember(
        campaign=campaign,
        user=user,
        name=(name or (user.get_full_name() if user else "")).strip(),
        body=body,
        position=position.strip(),
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def team_member_remove(*, actor: User, member: TeamMember) -> None:
    """Take someone off the team while the campaign is still being planned."""
    campaign = _locked_campaign(member.campaign)
    _require(can_manage_campaign(actor, campaign))
    if campaign.status != CampaignStatus.PLANNING:
        raise ValidationError(
            _("The team can only be reduced while the campaign is planned."), code="not_planning"
        )
    member.delete()


@transaction.atomic
def checklist_item_add(
    *,
    actor: User,
    campaign: Campaign,
    name: str,
    max_score: Decimal,
    weight: Decimal,
    position: int | None = None,
) -> ChecklistItem:
    """Add an indicator to the checklist of a campaign in planning (its manager only)."""
    campaign = _locked_campaign(campaign)
    _require(can_manage_campaign(actor, campaign))
    if campaign.status != CampaignStatus.PLANNING:
        raise ValidationError(
            _("The checklist is fixed once the campaign has started."), code="not_planning"
        )
    if position is None:
        position = campaign.checklist.count() + 1
    item = ChecklistItem(
        campaign=campaign, name=name.strip(), max_score=max_score, weight=weight, position=position
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def checklist_item_remove(*, actor: User, item: ChecklistItem) -> None:
    """Remove an indicator while the campaign is planned."""
    campaign = _locked_campaign(item.campaign)
    _require(can_manage_campaign(actor, campaign))
    if campaign.status != CampaignStatus.PLANNING:
        raise ValidationError(
            _("The checklist is fixed once the campaign has started."), code="not_planning"
        )
    item.delete()


@dataclass(frozen=True)
class TargetAssignment:
    """A target of a fan-out and the inspectors assigned to it."""

    target: Division | School
    inspectors: tuple[User, ...] = ()


@dataclass
class FanOutResult:
    created: list[Inspection] = field(default_factory=list)
    existing: list[Inspection] = field(default_factory=list)


def _target_lookup(target: Division | School) -> dict:
    if isinstance(target, School):
        return {"target_school": target}
    return {"target_division": target}


def _target_code(target: Division | School) -> str:
    return target.county_id if isinstance(target, School) else target.code


@transaction.atomic
def campaign_fan_out(
    *,
    actor: User,
    campaign: Campaign,
    targets: Iterable[Division | School | TargetAssignment],
) -> FanOutResult:
    """One report per target (a prefecture, a county or a school inside the campaign's area
    and the actor's scope), with its assigned inspectors, who must be on the team.

    Idempotent: a target that already has a report keeps it and gains any inspector it lacks.
    The campaign row is locked, so two fan-outs, or a fan-out and a close, take turns.
    """
    campaign = _locked_campaign(campaign)
    _require(can_manage_campaign(actor, campaign))
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(_("A closed campaign cannot be changed."), code="closed")
    assignments = [
        t if isinstance(t, TargetAssignment) else TargetAssignment(target=t) for t in targets
    ]
    team_users = set(campaign.team.exclude(user=None).values_list("user_id", flat=True))
    visible_divisions = Division.objects.for_actor(actor)
    visible_schools = School.objects.for_actor(actor)
    for assignment in assignments:
        target = assignment.target
        if isinstance(target, Division) and target.level == DivisionLevel.PROVINCE:
            raise ValidationError(
                {"targets": _("Inspect prefectures, counties or schools, not the province.")},
                code="province_target",
            )
        if not _in_subtree(_target_code(target), campaign.division):
            raise ValidationError(
                {"targets": _("%(target)s lies outside the campaign's area.") % {"target": target}},
                code="outside_area",
            )
        in_scope = visible_schools if isinstance(target, School) else visible_divisions
        _require(in_scope.filter(pk=target.pk).exists())
        strangers = [u for u in assignment.inspectors if u.pk not in team_users]
        if strangers:
            raise ValidationError(
                {"inspectors": _("Only members of the joint team can be assigned.")},
                code="not_on_team",
            )

    result = FanOutResult()
    for assignment in assignments:
        inspection = (
            campaign.inspections.select_for_update()
            .filter(**_target_lookup(assignment.target))
            .first()
        )
        if inspection is None:
            inspection = Inspection(campaign=campaign, created_by=actor)
            inspection.set_target(assignment.target)
            inspection.full_clean()
            inspection.save()
            _revise(inspection, actor=actor, action=RevisionAction.CREATED)
            result.created.append(inspection)
        else:
            result.existing.append(inspection)
        already = set(inspection.inspectors.values_list("pk", flat=True))
        added = [u for u in assignment.inspectors if u.pk not in already]
        if added:
            inspection.inspectors.add(*added)
            _revise(
                inspection,
                actor=actor,
                action=RevisionAction.INSPECTORS_ASSIGNED,
                changes={
                    "inspectors": [
                        "",
                        ", ".join(sorted(u.get_full_name() or u.username for u in added)),
                    ]
                },
            )
    return result


# --- Reports ------------------------------------------------------------------------------

REPORT_FIELDS = ("inspected_on", "rating", "summary")


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
    _require(is_assigned(actor, inspection))


def score_field(item: ChecklistItem) -> str:
    """The form field (and error key) of a checklist item's score."""
    return f"score_{item.pk}"


@transaction.atomic
def inspection_update(
    *,
    actor: User,
    inspection: Inspection,
    scores: Mapping[int, Decimal | None] | None = None,
    **changes,
) -> Inspection:
    """Fill in a draft report (an assigned inspector): visit date, rating, summary and the
    scores by checklist item id (None clears one). Scores outside 0..max are refused, keyed
    ``score_<item id>``. Every change is kept as a revision."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _ensure_editable(actor, inspection)
    unknown = set(changes) - set(REPORT_FIELDS)
    if unknown:
        raise TypeError(f"inspection_update cannot change {sorted(unknown)}")
    diff: dict[str, list] = {}
    for name, value in changes.items():
        value = value.strip() if isinstance(value, str) else value
        before = getattr(inspection, name)
        if before != value:
            diff[name] = [_text(before), _text(value)]
            setattr(inspection, name, value)
    if diff:
        inspection.full_clean()

    score_diff: dict[str, list] = {}
    if scores is not None:
        items = {item.pk: item for item in inspection.campaign.checklist.all()}
        current = {s.item_id: s for s in inspection.scores.all()}
        errors: dict[str, list] = {}
        to_save, to_delete = [], []
        for item_id, value in scores.items():
            item = items.get(int(item_id))
            if item is None:
                raise ValidationError(_("This item is not on the campaign's checklist."))
            existing = current.get(item.pk)
            if value is None:
                if existing is not None:
                    to_delete.append(existing)
                    score_diff[item.name] = [_text(existing.score), ""]
                continue
            value = Decimal(value)
            score = existing or IndicatorScore(inspection=inspection, item=item)
            before = existing.score if existing else None
            score.score = value
            try:
                # clean() checks 0..max; the database constraints back it up, so they are not
                # re-queried for every item of every report.
                score.full_clean(exclude=["inspection"], validate_constraints=False)
            except ValidationError as exc:
                errors[score_field(item)] = exc.message_dict.get("score", exc.messages)
                continue
            if before is None or before != value:
                to_save.append(score)
                score_diff[item.name] = [_text(before), _text(value)]
        if errors:
            raise ValidationError(errors)
        for score in to_save:
            score.save()
        for score in to_delete:
            score.delete()
    if score_diff:
        diff["scores"] = score_diff
    if diff:
        inspection.save()
        _revise(inspection, actor=actor, action=RevisionAction.UPDATED, changes=diff)
    return inspection


@transaction.atomic
def finding_add(
    *, actor: User, inspection: Inspection, text: str, severity: Severity = Severity.MEDIUM
) -> Finding:
    """Record a finding on a draft report (an assigned inspector)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _ensure_editable(actor, inspection)
    finding = Finding(inspection=inspection, text=text.strip(), severity=severity, created_by=actor)
    finding.full_clean()
    finding.save()
    _revise(
        inspection,
        actor=actor,
        action=RevisionAction.FINDING_ADDED,
        changes={"finding": ["", f"[{finding.get_severity_display()}] {finding.text}"]},
    )
    return finding


def _evidence(model, *, actor: User, upload, **owner):
    try:
        content_type = validate_evidence_file(upload)
    except ValidationError as exc:
        raise ValidationError({"files": exc.error_list}) from exc
    evidence = model(
        file=upload,
        original_name=clean_original_name(upload.name),
        content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
        **owner,
    )
    evidence.full_clean(exclude=["file"])
    evidence.save()
    return evidence


@transaction.atomic
def inspection_evidence_add(*, actor: User, inspection: Inspection, uploads) -> list:
    """Attach PDF/JPG/PNG files to a draft report (an assigned inspector); all or none."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _ensure_editable(actor, inspection)
    saved = [
        _evidence(InspectionEvidence, actor=actor, upload=upload, inspection=inspection)
        for upload in uploads
    ]
    if saved:
        _revise(
            inspection,
            actor=actor,
            action=RevisionAction.EVIDENCE_ADDED,
            changes={"evidence": ["", ", ".join(e.original_name for e in saved)]},
        )
    return saved


@transaction.atomic
def inspection_submit(*, actor: User, inspection: Inspection) -> Inspection:
    """Hand a draft report to the campaign lead (an assigned inspector). Refused until every
    checklist item is scored and an overall rating is chosen."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    _ensure_editable(actor, inspection)
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
    inspection.submitted_at = timezone.now()
    inspection.submitted_by = actor
    inspection.return_reason = ""
    inspection.full_clean()
    inspection.save()
    _revise(
        inspection,
        actor=actor,
        action=RevisionAction.SUBMITTED,
        changes={"status": [InspectionStatus.DRAFT.value, InspectionStatus.SUBMITTED.value]},
    )
    return inspection


@transaction.atomic
def inspection_accept(*, actor: User, inspection: Inspection) -> Inspection:
    """Accept a submitted report (the campaign lead)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status != InspectionStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted."), code="not_submitted")
    _require(can_decide_report(actor, inspection))
    inspection.status = InspectionStatus.ACCEPTED
    inspection.accepted_at = timezone.now()
    inspection.accepted_by = actor
    inspection.save()
    _revise(
        inspection,
        actor=actor,
        action=RevisionAction.ACCEPTED,
        changes={"status": [InspectionStatus.SUBMITTED.value, InspectionStatus.ACCEPTED.value]},
    )
    return inspection


@transaction.atomic
def inspection_return(*, actor: User, inspection: Inspection, reason: str) -> Inspection:
    """Send a submitted report back to draft with a reason (the campaign lead)."""
    inspection = Inspection.objects.select_for_update().get(pk=inspection.pk)
    if inspection.status != InspectionStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."), code="not_submitted")
    _require(can_decide_report(actor, inspection))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the report is returned.")}, code="required")
    inspection.status = InspectionStatus.DRAFT
    inspection.return_reason = reason
    inspection.submitted_at = None
    inspection.submitted_by = None
    inspection.save()
    _revise(
        inspection,
        actor=actor,
        action=RevisionAction.RETURNED,
        changes={"status": [InspectionStatus.SUBMITTED.value, InspectionStatus.DRAFT.value]},
        note=reason,
    )
    return inspection


# --- Circulars ----------------------------------------------------------------------------


def _check_circular_contents(campaign: Campaign, named_divisions, named_schools, findings) -> None:
    errors = {}
    if any(not _in_subtree(d.code, campaign.division) for d in named_divisions):
        errors["named_divisions"] = _("Name only divisions inside the campaign's area.")
    if any(not _in_subtree(s.county_id, campaign.division) for s in named_schools):
        errors["named_schools"] = _("Name only schools inside the campaign's area.")
    if any(f.inspection.campaign_id != campaign.pk for f in findings):
        errors["findings"] = _("Use only findings of this campaign.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def circular_create(
    *,
    actor: User,
    campaign: Campaign,
    kind: CircularKind,
    title: str,
    body: str,
    named_divisions: Sequence[Division] = (),
    named_schools: Sequence[School] = (),
    findings: Sequence[Finding] = (),
) -> Circular:
    """Draft a circular from a campaign the actor may write circulars of
    (``can_write_circular``); named units lie in its area."""
    _require(Campaign.objects.for_actor(actor).filter(pk=campaign.pk).exists())
    _require(can_write_circular(actor, campaign))
    _check_circular_contents(campaign, named_divisions, named_schools, findings)
    circular = Circular(
        campaign=campaign, kind=kind, title=title.strip(), body=body.strip(), created_by=actor
    )
    circular.full_clean()
    circular.save()
    circular.named_divisions.set(named_divisions)
    circular.named_schools.set(named_schools)
    circular.findings.set(findings)
    return circular


@transaction.atomic
def circular_update(
    *,
    actor: User,
    circular: Circular,
    kind: CircularKind,
    title: str,
    body: str,
    named_divisions: Sequence[Division] = (),
    named_schools: Sequence[School] = (),
    findings: Sequence[Finding] = (),
) -> Circular:
    """Change a draft circular (``can_write_circular``); a published one is final. The row is
    locked, so an edit racing a publication cannot unpublish or rewrite what went public."""
    _require(Circular.objects.for_actor(actor).filter(pk=circular.pk).exists())
    circular = Circular.objects.select_for_update().select_related("campaign").get(pk=circular.pk)
    _require(can_write_circular(actor, circular.campaign))
    if circular.is_published:
        raise ValidationError(_("A published circular cannot be changed."), code="published")
    _check_circular_contents(circular.campaign, named_divisions, named_schools, findings)
    circular.kind, circular.title, circular.body = kind, title.strip(), body.strip()
    circular.full_clean()
    circular.save()
    circular.named_divisions.set(named_divisions)
    circular.named_schools.set(named_schools)
    circular.findings.set(findings)
    return circular


@transaction.atomic
def circular_publish(
    *, actor: User, circular: Circular, published_on: datetime.date | None = None
) -> Circular:
    """Publish a draft circular on the public pages (``can_publish_circular``)."""
    _require(Circular.objects.for_actor(actor).filter(pk=circular.pk).exists())
    circular = Circular.objects.select_for_update().select_related("campaign").get(pk=circular.pk)
    _require(can_publish_circular(actor, circular.campaign))
    if circular.is_published:
        raise ValidationError(_("The circular is already published."), code="published")
    circular.is_published = True
    circular.published_on = published_on or timezone.localdate()
    circular.full_clean()
    circular.save()
    return circular


# --- Rectification orders -----------------------------------------------------------------


@transaction.atomic
def rectification_order_issue(
    *,
    actor: User,
    finding: Finding,
    requirement: str,
    deadline: datetime.date,
    target: Division | School | None = None,
    issued_on: datetime.date | None = None,
) -> RectificationOrder:
    """Order a target to rectify a finding (an assigned inspector or the lead). The target is
    the report's own, or a unit inside it; ``issued_on`` (default today) allows entering an
    order first issued on paper."""
    inspection = finding.inspection
    _require(can_issue_order(actor, inspection))
    target = target or inspection.target
    own = inspection.target
    # A report on a school can only order that school; on a division, anything inside it.
    inside = target == own if isinstance(own, School) else _in_subtree(_target_code(target), own)
    if not inside:
        key = "target_school" if isinstance(target, School) else "target_division"
        raise ValidationError(
            {key: _("The order must go to the inspected unit or a unit inside it.")},
            code="outside_target",
        )
    order = RectificationOrder(
        finding=finding,
        requirement=requirement.strip(),
        deadline=deadline,
        issued_by=actor,
        issued_on=issued_on or timezone.localdate(),
    )
    order.set_target(target)
    order.full_clean()
    order.save()
    _step(order, actor=actor, action=RectificationAction.ISSUED, note=order.requirement)
    return order


@transaction.atomic
def rectification_submit(
    *, actor: User, order: RectificationOrder, text: str, uploads=()
) -> RectificationOrder:
    """The target's staff report what they rectified, with evidence files (all or none)."""
    order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
    if order.status not in AWAITING_TARGET:
        raise ValidationError(
            _("This order is not waiting for a rectification."), code="not_awaiting"
        )
    _require(can_rectify(actor, order))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Describe the rectification.")}, code="required")
    for upload in uploads:
        _evidence(RectificationEvidence, actor=actor, upload=upload, order=order)
    order.rectification_text = text
    order.status = RectificationStatus.SUBMITTED
    order.submitted_at = timezone.now()
    order.submitted_by = actor
    order.full_clean()
    order.save()
    _step(order, actor=actor, action=RectificationAction.SUBMITTED, note=text)
    return order


@transaction.atomic
def rectification_verify(
    *, actor: User, order: RectificationOrder, note: str = ""
) -> RectificationOrder:
    """Close a submitted rectification after checking it (the issuer or the lead)."""
    order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
    _require(can_verify_order(actor, order))
    if order.status != RectificationStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted rectification can be verified."), code="not_submitted"
        )
    order.status = RectificationStatus.CLOSED
    order.closed_at = timezone.now()
    order.closed_by = actor
    order.save()
    _step(order, actor=actor, action=RectificationAction.CLOSED, note=note.strip())
    return order


@transaction.atomic
def rectification_reopen(
    *,
    actor: User,
    order: RectificationOrder,
    reason: str,
    deadline: datetime.date | None = None,
) -> RectificationOrder:
    """Send a submitted (or closed) order back to the target with a reason and, optionally,
    a new deadline (the issuer or the lead)."""
    order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
    _require(can_verify_order(actor, order))
    if order.status not in (RectificationStatus.SUBMITTED, RectificationStatus.CLOSED):
        raise ValidationError(
            _("Only a submitted or closed order can be reopened."), code="not_reopenable"
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the order is reopened.")}, code="required")
    if deadline is not None:
        if deadline < timezone.localdate():
            raise ValidationError(
                {"deadline": _("A new deadline cannot be in the past.")}, code="past"
            )
        order.deadline = deadline
    order.status = RectificationStatus.REOPENED
    order.reopen_reason = reason
    order.closed_at = None
    order.closed_by = None
    order.full_clean()
    order.save()
    _step(order, actor=actor, action=RectificationAction.REOPENED, note=reason)
    return order


@transaction.atomic
def rectification_schedule_revisit(
    *, actor: User, order: RectificationOrder, revisit_on: datetime.date, note: str = ""
) -> RectificationOrder:
    """Schedule a re-visit (回头看) to check the rectification on site (issuer or lead)."""
    _require(can_verify_order(actor, order))
    order.revisit_on = revisit_on
    order.revisit_note = note.strip()
    order.full_clean()
    order.save(update_fields=["revisit_on", "revisit_note", "updated_at"])
    _step(
        order,
        actor=actor,
        action=RectificationAction.REVISIT_SCHEDULED,
        note=f"{revisit_on.isoformat()} {order.revisit_note}".strip(),
    )
    return order


# --- Evaluation schemes -------------------------------------------------------------------


def _check_share(weights: list[tuple[Decimal, bool]]) -> None:
    share = young_pioneer_share(weights)
    if share is None or share < MIN_YOUNG_PIONEER_SHARE:
        raise ValidationError(
            {
                "young_pioneer_weight": _(
                    "Young Pioneer work must weigh at least %(min)s%% of the total "
                    "(now %(share)s%%)."
                )
                % {
                    "min": plain_number(MIN_YOUNG_PIONEER_SHARE * 100),
                    "share": ((share or Decimal(0)) * 100).quantize(Decimal("0.1")),
                }
            },
            code="young_pioneer_share",
        )


@transaction.atomic
def evaluation_scheme_save(
    *,
    actor: User,
    name: str,
    year: int,
    division: Division,
    young_pioneer_weight: Decimal,
    items: Sequence[tuple[str, Decimal]],
    description: str = "",
    young_pioneer_name: str = "",
    scheme: EvaluationScheme | None = None,
) -> EvaluationScheme:
    """Create or replace a school evaluation scheme for a division in the actor's scope.

    Refused (error on ``young_pioneer_weight``) when Young Pioneer work weighs less than 10%
    of the total; the source requires "分值比例不少于10%"."""
    _require(Division.objects.for_actor(actor).filter(pk=division.pk).exists())
    if scheme is not None:
        _require(EvaluationScheme.objects.for_actor(actor).filter(pk=scheme.pk).exists())
        _require(Division.objects.for_actor(actor).filter(pk=scheme.division_id).exists())
    yp_weight = Decimal(young_pioneer_weight)
    _check_share([(yp_weight, True)] + [(Decimal(w), False) for _n, w in items])

    scheme = scheme or EvaluationScheme(created_by=actor)
    scheme.name, scheme.year, scheme.division = name.strip(), year, division
    scheme.description = description.strip()
    scheme.full_clean()
    scheme.save()
    scheme.items.all().delete()
    rows = [
        EvaluationItem(
            scheme=scheme,
            position=0,
            name=(young_pioneer_name or gettext("Young Pioneer work")).strip(),
            weight=yp_weight,
            is_young_pioneer_work=True,
        )
    ]
    rows += [
        EvaluationItem(scheme=scheme, position=i, name=n.strip(), weight=Decimal(w))
        for i, (n, w) in enumerate(items, start=1)
    ]
    names = [row.name for row in rows]
    if len(set(names)) != len(names):
        raise ValidationError({"items": _("Each item needs its own name.")}, code="duplicate")
    for row in rows:
        row.full_clean(exclude=["scheme"])
    EvaluationItem.objects.bulk_create(rows)
    return scheme


@transaction.atomic
def evaluation_scheme_activate(*, actor: User, scheme: EvaluationScheme) -> EvaluationScheme:
    """Put a scheme in force, checking the Young Pioneer share again on the stored items."""
    _require(Division.objects.for_actor(actor).filter(pk=scheme.division_id).exists())
    scheme = EvaluationScheme.objects.select_for_update().get(pk=scheme.pk)
    _check_share(list(scheme.items.values_list("weight", "is_young_pioneer_work")))
    scheme.status = SchemeStatus.ACTIVE
    scheme.activated_at = timezone.now()
    scheme.save(update_fields=["status", "activated_at", "updated_at"])
    return scheme
