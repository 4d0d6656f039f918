"""Setting up a round and its categories (provincial staff; the admin calls these)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from apps.commendations.choices import RoundStatus
from apps.commendations.models import Category, Round
from apps.commendations.rights import require_round_manager
from apps.core.audit import audited_delete, stamp

ROUND_FIELDS = (
    "year",
    "title",
    "running_bodies",
    "basis",
    "selection_mode",
    "ratio",
    "nominations_open_on",
    "nominations_close_on",
    "review_until",
    "notice_planned_on",
    "final_planned_on",
    "office",
    "contact_name",
    "contact_phone",
    "contact_email",
)
CATEGORY_FIELDS = ("code", "name", "nominee_kind", "quota")


def _save(row, actor, values, fields, reason):
    for name in fields:
        if name in values:
            setattr(row, name, values[name])
    stamp(row, actor, reason=reason)
    row.full_clean()
    row.save()
    return row


def _require_open(round_: Round) -> None:
    if round_.status != RoundStatus.OPEN:
        raise ValidationError(_("A round is set up only before its public notice."))


@transaction.atomic
def round_create(*, actor, values: dict) -> Round:
    """Provincial staff open a round (nominating and reviewing)."""
    require_round_manager(actor)
    return _save(Round(), actor, values, ROUND_FIELDS, "created")


@transaction.atomic
def round_update(*, actor, round: Round, values: dict) -> Round:
    """Provincial staff change a round's terms before its 公示."""
    require_round_manager(actor)
    locked = Round.objects.select_for_update().get(pk=round.pk)
    _require_open(locked)
    return _save(locked, actor, values, ROUND_FIELDS, "changed")


@transaction.atomic
def category_create(*, actor, round: Round, values: dict) -> Category:
    require_round_manager(actor)
    _require_open(round)
    return _save(Category(round=round), actor, values, CATEGORY_FIELDS, "created")


@transaction.atomic
def category_update(*, actor, category: Category, values: dict) -> Category:
    """A category's quota never drops below what the province already approved in it."""
    require_round_manager(actor)
    _require_open(category.round)
    locked = Category.objects.select_for_update().get(pk=category.pk)
    approved = locked.nominations.filter(status="approved").count()
    if values.get("quota", locked.quota) < approved:
        raise ValidationError(
            {"quota": _("%(count)d nominees are already approved in this category.")},
            params={"count": approved},
        )
    return _save(locked, actor, values, CATEGORY_FIELDS, "changed")


@transaction.atomic
def category_delete(*, actor, category: Category) -> None:
    require_round_manager(actor)
    if category.nominations.exists():
        raise ValidationError(_("A category with nominations cannot be removed."))
    audited_delete(category, actor, reason=gettext_noop("removed"))
