"""Writes to campaigns: planning, the joint team, the checklist, the start and the close, and
the fan-out of one report per target."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core.audit import audited_delete, stamp
from apps.core.versioning import bump, check_version
from apps.inspections.choices import CampaignStatus, InspectionStatus, Step, TeamBody
from apps.inspections.models import Campaign, ChecklistItem, Inspection, TeamMember, target_code
from apps.inspections.services.rules import (
    audited_save,
    can_manage_campaign,
    in_subtree,
    require,
)
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division, School

# Who may lead a campaign: staff and inspectors, never a read-only official or a counselor,
# since the lead accepts and returns reports.
LEAD_ROLES = (Role.PROVINCIAL_ADMIN, Role.LEAGUE, Role.EDUCATION, Role.INSPECTOR)
CAMPAIGN_FIELDS = ("name", "year", "start_date", "end_date", "lead", "scope_note")
CLOSED_MESSAGE = _("A closed campaign cannot be changed.")


def lead_candidates(actor: User):
    """Who the actor may name as a campaign lead: active staff and inspectors in scope."""
    return User.objects.for_actor(actor).filter(is_active=True, role__in=LEAD_ROLES)


def _check_lead(*, actor: User, lead: User) -> None:
    """The lead is an active staff user or inspector inside the actor's scope."""
    if not lead_candidates(actor).filter(pk=lead.pk).exists():
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
    require(Division.objects.for_actor(actor).filter(pk=division.pk).exists())
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
    return audited_save(campaign, actor, Step.CREATED)


def _locked_campaign(campaign: Campaign, actor: User, *, refuse_closed: bool = False):
    """The campaign row locked for update and re-read, refused unless the actor manages it
    (and, with ``refuse_closed``, once it is closed). The team, the checklist and the status
    are checked against the stored row under this lock, so a change racing a start or a
    close takes its turn and cannot slip into a running campaign or write an old status."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign.pk)
    require(can_manage_campaign(actor, campaign))
    if refuse_closed and campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(CLOSED_MESSAGE, code="closed")
    return campaign


@transaction.atomic
def campaign_update(
    *, actor: User, campaign: Campaign, seen_version: int | None = None, **changes
) -> Campaign:
    """Change a campaign that is not closed (its manager only); the area stays fixed. The row
    is locked and re-read, so an edit racing a start or close cannot write the old status back;
    an edit over a change made since ``seen_version`` is refused (StaleEditError)."""
    unknown = set(changes) - set(CAMPAIGN_FIELDS)
    if unknown:
        raise TypeError(f"campaign_update cannot change {sorted(unknown)}")
    campaign = _locked_campaign(campaign, actor, refuse_closed=True)
    check_version(campaign, seen_version)
    if "lead" in changes and changes["lead"].pk != campaign.lead_id:
        _check_lead(actor=actor, lead=changes["lead"])
    for name, value in changes.items():
        setattr(campaign, name, value.strip() if isinstance(value, str) else value)
    campaign.full_clean()
    bump(campaign)
    return audited_save(campaign, actor, Step.UPDATED)


@transaction.atomic
def campaign_start(*, actor: User, campaign: Campaign) -> Campaign:
    """Start a planned campaign. Refused unless the joint team has members from at least two
    bodies (League, education, work committee...) and the checklist has an item."""
    campaign = _locked_campaign(campaign, actor)
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
    return audited_save(campaign, actor, Step.STARTED)


@transaction.atomic
def campaign_close(*, actor: User, campaign: Campaign) -> Campaign:
    """Close a running campaign once no submitted report awaits the lead's decision."""
    campaign = _locked_campaign(campaign, actor)
    if campaign.status != CampaignStatus.RUNNING:
        raise ValidationError(_("Only a running campaign can be closed."), code="not_running")
    if campaign.inspections.filter(status=InspectionStatus.SUBMITTED).exists():
        raise ValidationError(
            _("Accept or return the submitted reports before closing the campaign."),
            code="reports_pending",
        )
    campaign.status = CampaignStatus.CLOSED
    return audited_save(campaign, actor, Step.CLOSED)


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
    """Put someone on the joint team of a campaign that is not closed (its manager only).
    A member's account is an active one inside the actor's scope, whatever the form sent."""
    campaign = _locked_campaign(campaign, actor, refuse_closed=True)
    if user is not None and not (
        User.objects.for_actor(actor).filter(pk=user.pk, is_active=True).exists()
    ):
        raise ValidationError(
            {"user": _("Choose an active account in your area.")}, code="user_out_of_scope"
        )
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
    stamp(member, actor)
    member.save()
    return member


def _require_planning(campaign: Campaign, message) -> None:
    if campaign.status != CampaignStatus.PLANNING:
        raise ValidationError(message, code="not_planning")


TEAM_FIXED = _("The team can only be reduced while the campaign is planned.")
CHECKLIST_FIXED = _("The checklist is fixed once the campaign has started.")


@transaction.atomic
def team_member_remove(*, actor: User, member: TeamMember) -> None:
    """Take someone off the team while the campaign is still being planned."""
    campaign = _locked_campaign(member.campaign, actor)
    _require_planning(campaign, TEAM_FIXED)
    audited_delete(member, actor)


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
    campaign = _locked_campaign(campaign, actor)
    _require_planning(campaign, CHECKLIST_FIXED)
    if position is None:
        position = campaign.checklist.count() + 1
    item = ChecklistItem(
        campaign=campaign, name=name.strip(), max_score=max_score, weight=weight, position=position
    )
    item.full_clean()
    stamp(item, actor)
    item.save()
    return item


@transaction.atomic
def checklist_item_remove(*, actor: User, item: ChecklistItem) -> None:
    """Remove an indicator while the campaign is planned."""
    campaign = _locked_campaign(item.campaign, actor)
    _require_planning(campaign, CHECKLIST_FIXED)
    audited_delete(item, actor)


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


def _check_assignment(actor, campaign, assignment: TargetAssignment, team_users) -> None:
    target = assignment.target
    if isinstance(target, Division) and target.level == DivisionLevel.PROVINCE:
        raise ValidationError(
            {"targets": _("Inspect prefectures, counties or schools, not the province.")},
            code="province_target",
        )
    if not in_subtree(target_code(target), campaign.division):
        raise ValidationError(
            {"targets": _("%(target)s lies outside the campaign's area.") % {"target": target}},
            code="outside_area",
        )
    visible = School if isinstance(target, School) else Division
    require(visible.objects.for_actor(actor).filter(pk=target.pk).exists())
    if any(u.pk not in team_users for u in assignment.inspectors):
        raise ValidationError(
            {"inspectors": _("Only members of the joint team can be assigned.")},
            code="not_on_team",
        )


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
    campaign = _locked_campaign(campaign, actor, refuse_closed=True)
    assignments = [
        t if isinstance(t, TargetAssignment) else TargetAssignment(target=t) for t in targets
    ]
    team_users = set(campaign.team.exclude(user=None).values_list("user_id", flat=True))
    for assignment in assignments:
        _check_assignment(actor, campaign, assignment, team_users)

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
            audited_save(inspection, actor, Step.CREATED)
            result.created.append(inspection)
        else:
            result.existing.append(inspection)
        already = set(inspection.inspectors.values_list("pk", flat=True))
        added = [u for u in assignment.inspectors if u.pk not in already]
        if added:
            inspection.inspectors.add(*added)
            # The assignment is a step of the report: its history names who made it.
            audited_save(inspection, actor, Step.INSPECTORS_ASSIGNED)
    return result
