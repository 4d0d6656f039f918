"""What every joint-inspection model shares: who sees a row (one scope mechanism for the
whole area) and what a row aimed at a division or a school looks like."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.core.models import exactly_one_of, reference
from apps.core.scope import ScopedQuerySet
from apps.organizations.models import Division, School

# Roles that see inspection work by region: the rows whose targets lie in their subtree.
# Inspectors see only what they are assigned to, whatever their division.
REGIONAL_ROLES = frozenset({Role.PROVINCIAL_ADMIN, Role.LEAGUE, Role.EDUCATION, Role.OFFICIAL})
# Staff who carry out a rectification for a target inside their scope.
TARGET_STAFF_ROLES = frozenset({Role.LEAGUE, Role.EDUCATION})


def signed_in(actor) -> bool:
    return bool(actor is not None and actor.is_authenticated and actor.is_active)


def sees_everything(actor) -> bool:
    return actor.is_superuser and actor.division_id is None and actor.school_id is None


def sees_by_region(actor) -> bool:
    """Whether the actor sees inspection rows by their region (not only by assignment)."""
    return actor.is_superuser or actor.role in REGIONAL_ROLES


NOTHING = Q(pk__in=[])


class InspectionsQuerySet(ScopedQuerySet):
    """The one scope mechanism of joint inspections, behind every model's ``for_actor``
    (and so behind ``core.scope.in_scope``, which the admin, exports and pickers call).

    A row is visible to a signed-in, active user when they take part in the work it belongs
    to (``visible_by_assignment``: the lead, the team, the assigned inspectors, the issuer)
    or, for the regional roles, when it lies in their subtree (``visible_by_region``). A
    superuser without a scope sees everything. Models say only what their two hooks are.
    """

    def for_actor(self, actor) -> InspectionsQuerySet:
        """Rows the actor sees (see the class docstring)."""
        if not signed_in(actor):
            return self.none()
        if sees_everything(actor):
            return self
        return self.filter(self.visible_to(actor))

    def visible_to(self, actor) -> Q:
        """The condition for a scoped actor: assignment, plus region for regional roles."""
        visible = self.visible_by_assignment(actor)
        if sees_by_region(actor):
            visible |= self.visible_by_region(actor)
        return visible

    def visible_by_assignment(self, actor) -> Q:
        """Rows the actor sees through their own part in the work; none by default."""
        return NOTHING

    def visible_by_region(self, actor) -> Q:
        """Rows whose own area lies in the actor's scope."""
        return Q(pk__in=self.model.objects.all().in_region_of(actor).values("pk"))

    def in_region_of(self, actor) -> InspectionsQuerySet:
        """The portal's regional rule alone (``scope_division_field``), without assignment:
        e.g. whether the actor's scope holds a campaign's whole area."""
        return super().for_actor(actor)


class Targeted(models.Model):
    """A row aimed at one division or one school, with the division code that scopes it.

    ``target_division_code`` is the target division's code, or the school's county code, so
    regional scope is one prefix test on an indexed column."""

    target_division = reference(Division, _("target division"), optional=True)
    target_school = reference(School, _("target school"), optional=True)
    target_division_code = models.CharField(
        _("target division code"), max_length=6, db_index=True, editable=False
    )

    scope_division_field = "target_division_code"
    scope_school_field = "target_school"

    class Meta:
        abstract = True
        constraints = [
            exactly_one_of(
                "target_division", "target_school", "%(app_label)s_%(class)s_exactly_one_target"
            ),
            models.CheckConstraint(
                condition=Q(target_division__isnull=True)
                | Q(target_division_code=F("target_division")),
                name="%(app_label)s_%(class)s_target_code_matches",
            ),
        ]

    @property
    def target(self) -> Division | School:
        return self.target_division if self.target_division_id else self.target_school

    def set_target(self, target: Division | School) -> None:
        if isinstance(target, School):
            self.target_division, self.target_school = None, target
            self.target_division_code = target.county_id
        else:
            self.target_division, self.target_school = target, None
            self.target_division_code = target.code

    @property
    def target_prefecture_code(self) -> str:
        return f"{self.target_division_code[:4]}00"


def step_user(verbose_name):
    """The user who took a step of a record (submitted, accepted, closed it); empty until
    the step is taken."""
    return reference(settings.AUTH_USER_MODEL, verbose_name, optional=True)


def target_code(target: Division | School) -> str:
    """The division code a target is scoped by: its own, or a school's county."""
    return target.county_id if isinstance(target, School) else target.code


def plain_number(value: Decimal) -> str:
    """A decimal without trailing zeros or an exponent: 30.00 -> "30", 27.50 -> "27.5"."""
    text = format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
