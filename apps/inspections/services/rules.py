"""Who may do what to one campaign, report, order or circular (object level; the URL rules
check the role first), and the write helpers every service of the area shares."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import models

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core import audit, clock
from apps.core.scope import code_prefix
from apps.inspections.choices import AWAITING_TARGET, CampaignStatus, InspectionStatus
from apps.inspections.models import (
    TARGET_STAFF_ROLES,
    Campaign,
    Inspection,
    RectificationOrder,
)
from apps.inspections.permissions import Perm
from apps.organizations.models import Division


def can_manage_campaign(actor: User, campaign: Campaign) -> bool:
    """The lead, the creator and a provincial administrator whose scope holds the campaign's
    whole area (seeing it because one of its targets is theirs is not enough) manage it."""
    if actor.is_superuser or actor.pk in (campaign.lead_id, campaign.created_by_id):
        return True
    return actor.role == Role.PROVINCIAL_ADMIN and holds_campaign_area(actor, campaign)


def holds_campaign_area(actor: User, campaign: Campaign) -> bool:
    """Whether the actor's own scope holds the campaign's whole area."""
    return Campaign.objects.in_region_of(actor).filter(pk=campaign.pk).exists()


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
    return holds_campaign_area(actor, campaign)


def can_publish_circular(actor: User, campaign: Campaign) -> bool:
    """Publishing speaks for the campaign's whole area: a holder of the publish right who
    manages the campaign or whose scope holds that area."""
    if not actor.has_perm(Perm.PUBLISH_CIRCULAR):
        return False
    return can_manage_campaign(actor, campaign) or holds_campaign_area(actor, campaign)


def can_rectify(actor: User, order: RectificationOrder) -> bool:
    """The target's staff (League or education users whose scope holds it) submit."""
    if order.status not in AWAITING_TARGET:
        return False
    if actor.is_superuser:
        return True
    if actor.role not in TARGET_STAFF_ROLES or actor.division_id is None:
        return False
    return order.target_division_code.startswith(code_prefix(actor.division_id))


def require(allowed: bool, message=None) -> None:
    """Refuse (PermissionDenied) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message)


def in_subtree(code: str, area: Division) -> bool:
    """Whether a division code lies inside ``area``."""
    return code.startswith(area.prefix)


def audited_save[M: models.Model](instance: M, actor: User, reason, **kwargs) -> M:
    """Save ``instance`` with ``actor`` and ``reason`` in its history, dated by the portal's
    clock (so a step written in the seeded past is dated then)."""
    audit.stamp(instance, actor, reason=str(reason))
    instance._history_date = clock.now()
    instance.save(**kwargs)
    return instance


def audited_delete(instance: models.Model, actor: User, reason) -> None:
    """Delete ``instance``; its history keeps a last row naming ``actor``, dated by the clock."""
    instance._history_date = clock.now()
    audit.audited_delete(instance, actor, reason=str(reason))
