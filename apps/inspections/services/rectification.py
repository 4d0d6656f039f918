"""Writes to rectification orders (责令整改): issue, the target's rectification, verification,
reopening and re-visits (回头看). Each step is kept as a step row and in the order's history."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import clock
from apps.core.evidence import removed_on_rollback
from apps.inspections.choices import (
    AWAITING_TARGET,
    CampaignStatus,
    RectificationAction,
    RectificationStatus,
)
from apps.inspections.models import (
    Campaign,
    Finding,
    RectificationEvent,
    RectificationEvidence,
    RectificationOrder,
    target_code,
)
from apps.inspections.services.reports import evidence_check, evidence_save
from apps.inspections.services.rules import (
    audited_save,
    can_issue_order,
    can_rectify,
    can_verify_order,
    in_subtree,
    require,
)
from apps.organizations.models import Division, School


def _step(order: RectificationOrder, actor: User, action: RectificationAction, note="") -> None:
    """Save the order with ``action`` as its history's reason, and keep the step row."""
    order.full_clean()
    audited_save(order, actor, action)
    RectificationEvent.objects.create(
        order=order, actor=actor, action=action, note=note, at=clock.now()
    )


def _locked_order(order: RectificationOrder) -> RectificationOrder:
    return RectificationOrder.objects.select_for_update().get(pk=order.pk)


def _running_campaign(campaign_id: int, message) -> Campaign:
    """The campaign row locked for update, refused once it is closed: a close racing an
    order or a re-visit takes its turn, and nothing new is planned under a closed campaign."""
    campaign = Campaign.objects.select_for_update().get(pk=campaign_id)
    if campaign.status == CampaignStatus.CLOSED:
        raise ValidationError(message, code="campaign_closed")
    return campaign


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
    the report's own, or a unit inside it; ``issued_on`` (default today, by the portal's
    clock) allows entering an order first issued on paper."""
    inspection = finding.inspection
    require(can_issue_order(actor, inspection))
    _running_campaign(
        inspection.campaign_id,
        _("The campaign is closed; no more rectification orders can be issued under it."),
    )
    target = target or inspection.target
    own = inspection.target
    # A report on a school can only order that school; on a division, anything inside it.
    inside = target == own if isinstance(own, School) else in_subtree(target_code(target), own)
    # The target is also one the issuer may see (the form offers no other), whatever was sent.
    visible = type(target).objects.for_actor(actor).filter(pk=target.pk).exists()
    if not inside or not visible:
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
        issued_on=issued_on or clock.today(),
    )
    order.set_target(target)
    _step(order, actor, RectificationAction.ISSUED, order.requirement)
    return order


@removed_on_rollback
@transaction.atomic
def rectification_submit(
    *, actor: User, order: RectificationOrder, text: str, uploads=()
) -> RectificationOrder:
    """The target's staff report what they rectified, with evidence files (all or none: the
    whole batch is checked before a file is written, and written files go on rollback)."""
    order = _locked_order(order)
    if order.status not in AWAITING_TARGET:
        raise ValidationError(
            _("This order is not waiting for a rectification."), code="not_awaiting"
        )
    require(can_rectify(actor, order))
    text = text.strip()
    if not text:
        raise ValidationError({"text": _("Describe the rectification.")}, code="required")
    checked = evidence_check(uploads)
    evidence_save(RectificationEvidence, actor=actor, checked=checked, order=order)
    order.rectification_text = text
    order.status = RectificationStatus.SUBMITTED
    order.submitted_at = clock.now()
    order.submitted_by = actor
    _step(order, actor, RectificationAction.SUBMITTED, text)
    return order


def _verifiable_order(actor: User, order: RectificationOrder) -> RectificationOrder:
    order = _locked_order(order)
    require(can_verify_order(actor, order))
    return order


@transaction.atomic
def rectification_verify(
    *, actor: User, order: RectificationOrder, note: str = ""
) -> RectificationOrder:
    """Close a submitted rectification after checking it (the issuer or the lead)."""
    order = _verifiable_order(actor, order)
    if order.status != RectificationStatus.SUBMITTED:
        raise ValidationError(
            _("Only a submitted rectification can be verified."), code="not_submitted"
        )
    order.status = RectificationStatus.CLOSED
    order.closed_at = clock.now()
    order.closed_by = actor
    _step(order, actor, RectificationAction.CLOSED, note.strip())
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
    a new deadline that is not before today (the portal's clock); the issuer or the lead."""
    order = _verifiable_order(actor, order)
    if order.status not in (RectificationStatus.SUBMITTED, RectificationStatus.CLOSED):
        raise ValidationError(
            _("Only a submitted or closed order can be reopened."), code="not_reopenable"
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the order is reopened.")}, code="required")
    if deadline is not None:
        if deadline < clock.today():
            raise ValidationError(
                {"deadline": _("A new deadline cannot be in the past.")}, code="past"
            )
        order.deadline = deadline
    order.status = RectificationStatus.REOPENED
    order.reopen_reason = reason
    order.closed_at = None
    order.closed_by = None
    _step(order, actor, RectificationAction.REOPENED, reason)
    return order


@transaction.atomic
def rectification_schedule_revisit(
    *, actor: User, order: RectificationOrder, revisit_on: datetime.date, note: str = ""
) -> RectificationOrder:
    """Schedule a re-visit (回头看) to check the rectification on site (issuer or lead): on
    an order that is not closed, of a campaign that is not closed, on a day not yet past
    (the portal's clock). The order and its campaign are locked while this is checked."""
    order = _verifiable_order(actor, order)
    _running_campaign(
        order.finding.inspection.campaign_id,
        _("The campaign is closed; no more re-visits can be scheduled under it."),
    )
    if order.status == RectificationStatus.CLOSED:
        raise ValidationError(
            _("This order is closed; reopen it before scheduling a re-visit."),
            code="order_closed",
        )
    if revisit_on < clock.today():
        raise ValidationError(
            {"revisit_on": _("A re-visit cannot be dated in the past.")}, code="past"
        )
    order.revisit_on = revisit_on
    order.revisit_note = note.strip()
    _step(
        order,
        actor,
        RectificationAction.REVISIT_SCHEDULED,
        f"{revisit_on.isoformat()} {order.revisit_note}".strip(),
    )
    return order
