"""Writes to school evaluation schemes: Young Pioneer work weighs at least 10% of them."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from apps.accounts.models import User
from apps.core import clock
from apps.core.audit import audited_delete, bulk_create_audited
from apps.core.versioning import bump, lock_version
from apps.inspections.choices import SchemeStatus, Step
from apps.inspections.models import (
    MIN_YOUNG_PIONEER_SHARE,
    EvaluationItem,
    EvaluationScheme,
    plain_number,
    young_pioneer_share,
)
from apps.inspections.services.rules import audited_save, require
from apps.organizations.models import Division


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


def _in_scope(actor: User, division_id: str) -> bool:
    return Division.objects.for_actor(actor).filter(pk=division_id).exists()


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
    seen_version: int | None = None,
) -> EvaluationScheme:
    """Create or replace a school evaluation scheme for a division in the actor's scope.

    Refused (error on ``young_pioneer_weight``) when Young Pioneer work weighs less than 10%
    of the total; the source requires "分值比例不少于10%". A replacement over a change made
    since ``seen_version`` is refused (StaleEditError)."""
    require(_in_scope(actor, division.pk))
    if scheme is not None:
        require(EvaluationScheme.objects.for_actor(actor).filter(pk=scheme.pk).exists())
        require(_in_scope(actor, scheme.division_id))
        scheme = lock_version(
            EvaluationScheme.objects.all(), pk=scheme.pk, seen_version=seen_version
        )
        bump(scheme)
    yp_weight = Decimal(young_pioneer_weight)
    _check_share([(yp_weight, True)] + [(Decimal(w), False) for _n, w in items])

    reason = Step.UPDATED if scheme is not None else Step.CREATED
    scheme = scheme or EvaluationScheme()
    scheme.name, scheme.year, scheme.division = name.strip(), year, division
    scheme.description = description.strip()
    scheme.full_clean()
    audited_save(scheme, actor, reason)
    for item in scheme.items.all():
        audited_delete(item, actor)
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
    bulk_create_audited(EvaluationItem, rows, actor=actor)
    return scheme


@transaction.atomic
def evaluation_scheme_activate(*, actor: User, scheme: EvaluationScheme) -> EvaluationScheme:
    """Put a scheme in force, checking the Young Pioneer share again on the stored items."""
    require(_in_scope(actor, scheme.division_id))
    scheme = EvaluationScheme.objects.select_for_update().get(pk=scheme.pk)
    _check_share(list(scheme.items.values_list("weight", "is_young_pioneer_work")))
    scheme.status = SchemeStatus.ACTIVE
    scheme.activated_at = clock.now()
    return audited_save(scheme, actor, Step.ACTIVATED)
