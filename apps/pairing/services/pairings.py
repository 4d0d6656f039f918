"""Pairings of an institution with a brigade or squad, and their activities."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from apps.core import clock
from apps.core.audit import stamp
from apps.organizations.models import Brigade, Squad
from apps.pairing import rights
from apps.pairing.choices import CAMPAIGN_2017
from apps.pairing.models import Activity, Institution, Pairing


@transaction.atomic
def pairing_create(
    *,
    actor,
    institution: Institution,
    organization: Brigade | Squad,
    year: int,
    started_on: datetime.date | None = None,
    campaign: str = CAMPAIGN_2017,
    note: str = "",
) -> Pairing:
    """Pair ``institution`` with a brigade or squad in the actor's scope for ``year``."""
    school = organization.school
    if not rights.may_pair(actor, school.county_id):
        raise PermissionDenied(_("This organization is outside the area you pair for."))
    started_on = started_on or clock.today()
    if started_on > clock.today():
        raise ValidationError({"started_on": _("The date cannot be in the future.")})
    if started_on.year != year:
        raise ValidationError({"started_on": _("The date lies outside the pairing's year.")})
    is_squad = isinstance(organization, Squad)
    pairing = Pairing(
        institution=institution,
        brigade=None if is_squad else organization,
        squad=organization if is_squad else None,
        school=school,
        county_id=school.county_id,
        year=year,
        campaign=(campaign or "").strip(),
        started_on=started_on,
        note=(note or "").strip(),
    )
    duplicate = Pairing.objects.filter(institution=institution, year=year)
    duplicate = (
        duplicate.filter(squad=organization) if is_squad else duplicate.filter(brigade=organization)
    )
    if duplicate.exists():
        raise ValidationError(
            {"organization": _("This institution is already paired with it that year.")}
        )
    stamp(pairing, actor, reason=gettext_noop("paired"))
    pairing.full_clean(exclude=["school", "county"])
    pairing.save()
    return pairing


def _count(value, field: str) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError) as error:
        raise ValidationError({field: _("Enter a whole number.")}) from error
    if number < 0:
        raise ValidationError({field: _("The number cannot be negative.")})
    return number


@transaction.atomic
def activity_record(
    *,
    actor,
    pairing: Pairing,
    held_on: datetime.date,
    kind: str,
    volunteers: int,
    service_hours: Decimal | str,
    children_reached: int,
    note: str = "",
) -> Activity:
    """An activity of the pairing: counts of volunteers, their hours, children reached."""
    if not rights.may_pair(actor, pairing.county_id):
        raise PermissionDenied(_("This pairing is outside the area you record for."))
    if held_on > clock.today():
        raise ValidationError({"held_on": _("The date cannot be in the future.")})
    if held_on < pairing.started_on:
        raise ValidationError({"held_on": _("The pairing began after this date.")})
    if isinstance(service_hours, float):
        raise TypeError("Hours are never a float; pass a Decimal or a string.")
    try:
        hours = Decimal(str(service_hours))
    except InvalidOperation as error:
        raise ValidationError({"service_hours": _("Enter a number of hours.")}) from error
    if not hours.is_finite() or hours < 0:
        raise ValidationError({"service_hours": _("Enter a number of hours.")})
    activity = Activity(
        pairing=pairing,
        held_on=held_on,
        kind=kind,
        volunteers=_count(volunteers, "volunteers"),
        service_hours=hours,
        children_reached=_count(children_reached, "children_reached"),
        note=(note or "").strip(),
    )
    stamp(activity, actor, reason=gettext_noop("recorded"))
    activity.full_clean(exclude=["pairing"])
    activity.save()
    return activity
