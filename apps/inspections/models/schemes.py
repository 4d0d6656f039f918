"""School evaluation schemes: weighted items, Young Pioneer work at least 10% of them."""

from __future__ import annotations

from decimal import Decimal

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from apps.core.models import (
    AuditedModel,
    VersionedModel,
    one_per,
    part_history,
    part_of,
    positive,
    reference,
    status_field,
)
from apps.core.scope import code_prefix
from apps.inspections.choices import SchemeStatus, Step
from apps.inspections.models.base import NOTHING, InspectionsQuerySet
from apps.organizations.models import Division

# The source: Young Pioneer work is part of the school's evaluation, "确保分值比例不少于10%".
MIN_YOUNG_PIONEER_SHARE = Decimal("0.10")


class EvaluationSchemeQuerySet(InspectionsQuerySet):
    def visible_to(self, actor) -> Q:
        """Schemes issued in the actor's subtree, and those issued above it (which apply to it)."""
        code = actor.scope_code
        if code is None:
            return NOTHING
        ancestors = {f"{code[:2]}0000", f"{code[:4]}00", code}
        return Q(division__code__startswith=code_prefix(code)) | Q(division_id__in=ancestors)


class EvaluationScheme(AuditedModel, VersionedModel):
    """How schools are evaluated: weighted items, one of them Young Pioneer work."""

    history_reasons = Step

    name = models.CharField(_("name"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    division = reference(Division, _("issued for"))
    description = models.TextField(_("description"), blank=True)
    status = status_field(SchemeStatus, default=SchemeStatus.DRAFT)
    activated_at = models.DateTimeField(_("activated at"), null=True, blank=True)

    objects = EvaluationSchemeQuerySet.as_manager(division="division__code")

    class Meta:
        verbose_name = _("evaluation scheme")
        verbose_name_plural = _("evaluation schemes")
        ordering = ["-year", "division_id", "name", "id"]
        # The scheme list's keyset order.
        indexes = [
            models.Index(fields=["year", "division", "name", "id"], name="scheme_list_order")
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("inspections:scheme-detail", args=[self.pk])


class EvaluationItem(models.Model):
    """A weighted item of an evaluation scheme."""

    scheme = part_of(EvaluationScheme, _("scheme"), related_name="items")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name = models.CharField(_("item"), max_length=200)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2)
    is_young_pioneer_work = models.BooleanField(_("Young Pioneer work"), default=False)
    history = part_history()

    class Meta:
        verbose_name = _("evaluation item")
        verbose_name_plural = _("evaluation items")
        ordering = ["scheme_id", "position", "id"]
        constraints = [
            one_per(["scheme", "name"], "evaluation_item_unique_name"),
            one_per(
                ["scheme"],
                "evaluation_one_young_pioneer_item",
                when={"is_young_pioneer_work": True},
            ),
            positive("weight", "evaluation_weight_positive"),
        ]

    def __str__(self):
        return self.name


def young_pioneer_share(weights: list[tuple[Decimal, bool]]) -> Decimal | None:
    """The Young Pioneer item's share of the total weight (0–1), from (weight, is_yp) pairs."""
    total = sum((w for w, _yp in weights), Decimal(0))
    if not total:
        return None
    return sum((w for w, yp in weights if yp), Decimal(0)) / total
