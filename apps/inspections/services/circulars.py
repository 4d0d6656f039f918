"""Writes to circulars (通报): drafting, editing and publishing."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import NotRequired, TypedDict, Unpack

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import clock
from apps.core.versioning import bump, check_version
from apps.inspections.choices import CircularKind, Step
from apps.inspections.models import Campaign, Circular, Finding
from apps.inspections.services.rules import (
    audited_save,
    can_publish_circular,
    can_write_circular,
    in_subtree,
    require,
)
from apps.organizations.models import Division, School


def _check_contents(campaign: Campaign, named_divisions, named_schools, findings) -> None:
    errors = {}
    if any(not in_subtree(d.code, campaign.division) for d in named_divisions):
        errors["named_divisions"] = _("Name only divisions inside the campaign's area.")
    if any(not in_subtree(s.county_id, campaign.division) for s in named_schools):
        errors["named_schools"] = _("Name only schools inside the campaign's area.")
    if any(f.inspection.campaign_id != campaign.pk for f in findings):
        errors["findings"] = _("Use only findings of this campaign.")
    if errors:
        raise ValidationError(errors)


class Contents(TypedDict):
    """What a circular says and names: the fields a draft is written with and changed by."""

    kind: CircularKind
    title: str
    body: str
    named_divisions: NotRequired[Sequence[Division]]
    named_schools: NotRequired[Sequence[School]]
    findings: NotRequired[Sequence[Finding]]


def _write(
    circular: Circular,
    actor: User,
    reason: Step,
    *,
    kind: CircularKind,
    title: str,
    body: str,
    named_divisions: Sequence[Division] = (),
    named_schools: Sequence[School] = (),
    findings: Sequence[Finding] = (),
) -> Circular:
    _check_contents(circular.campaign, named_divisions, named_schools, findings)
    circular.kind, circular.title, circular.body = kind, title.strip(), body.strip()
    circular.full_clean()
    audited_save(circular, actor, reason)
    circular.named_divisions.set(named_divisions)
    circular.named_schools.set(named_schools)
    circular.findings.set(findings)
    return circular


@transaction.atomic
def circular_create(*, actor: User, campaign: Campaign, **contents: Unpack[Contents]) -> Circular:
    """Draft a circular from a campaign the actor may write circulars of
    (``can_write_circular``); named units lie in its area."""
    require(Campaign.objects.for_actor(actor).filter(pk=campaign.pk).exists())
    require(can_write_circular(actor, campaign))
    return _write(Circular(campaign=campaign), actor, Step.CREATED, **contents)


def _locked_circular(actor: User, circular: Circular) -> Circular:
    require(Circular.objects.for_actor(actor).filter(pk=circular.pk).exists())
    return Circular.objects.select_for_update().select_related("campaign").get(pk=circular.pk)


@transaction.atomic
def circular_update(
    *,
    actor: User,
    circular: Circular,
    seen_version: int | None = None,
    **contents: Unpack[Contents],
) -> Circular:
    """Change a draft circular (``can_write_circular``); a published one is final. The row is
    locked, so an edit racing a publication cannot unpublish or rewrite what went public;
    an edit over a change made since ``seen_version`` is refused (StaleEditError)."""
    circular = _locked_circular(actor, circular)
    require(can_write_circular(actor, circular.campaign))
    if circular.is_published:
        raise ValidationError(_("A published circular cannot be changed."), code="published")
    check_version(circular, seen_version)
    bump(circular)
    return _write(circular, actor, Step.UPDATED, **contents)


@transaction.atomic
def circular_publish(
    *, actor: User, circular: Circular, published_on: datetime.date | None = None
) -> Circular:
    """Publish a draft circular on the public pages (``can_publish_circular``), dated today
    by the portal's clock unless ``published_on`` says otherwise."""
    circular = _locked_circular(actor, circular)
    require(can_publish_circular(actor, circular.campaign))
    if circular.is_published:
        raise ValidationError(_("The circular is already published."), code="published")
    circular.is_published = True
    circular.published_on = published_on or clock.today()
    circular.full_clean()
    return audited_save(circular, actor, Step.PUBLISHED)
