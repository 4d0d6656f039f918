"""Regional scope: the one place where rows are narrowed to what a user may see.

Every scoped model declares how it reaches a division code (``scope_division_field``) and,
optionally, a school (``scope_school_field``), most with the manager that applies them:
``objects = ScopedManager(division="county__code", school="school")``, or
``SomeQuerySet.as_manager(division=..., school=...)``. Division codes are GB/T 2260 codes, so a
subtree is a code prefix: the province 530000 is "53", the prefecture 530100 is "5301",
a county is its whole code. Views, the admin, forms, exports and imports all call
``QuerySet.for_actor`` and never filter by region themselves.
"""

from __future__ import annotations

from typing import Any

from django.db import models

# The portal's user model (apps.accounts); the core names no area, so it is typed loosely.
User = Any


def code_prefix(code: str) -> str:
    """The prefix shared by a division's code and every code below it."""
    if code.endswith("0000"):
        return code[:2]
    if code.endswith("00"):
        return code[:4]
    return code


def scope_queryset(queryset: models.QuerySet, actor: User | None) -> models.QuerySet:
    """Rows of ``queryset`` inside the actor's scope; nothing for anonymous or scope-less users.

    A superuser without a scope sees everything. A school-scoped user sees rows of their
    school, or, for models that do not belong to a school, rows of their county. A model may
    name several division paths (a tuple): a row is in scope when any of them is.
    """
    model = queryset.model
    if actor is None or not actor.is_authenticated or not actor.is_active:
        return queryset.none()
    if actor.is_superuser and actor.division_id is None and actor.school_id is None:
        return queryset
    school_field = getattr(model, "scope_school_field", None)
    division_fields = model.scope_division_field
    if isinstance(division_fields, str):
        division_fields = (division_fields,)
    if actor.school_id is not None:
        if school_field is not None:
            return queryset.filter(**{school_field: actor.school_id})
        prefix = actor.school.county_id
    elif actor.division_id is not None:
        prefix = code_prefix(actor.division_id)
    else:
        return queryset.none()
    condition = models.Q()
    for field in division_fields:
        condition |= models.Q(**{f"{field}__startswith": prefix})
    return queryset.filter(condition)


def in_scope(queryset: models.QuerySet, actor: User | None) -> models.QuerySet:
    """The one scope entry point for code that holds any queryset (the admin, exports,
    imports, pickers): the model's own ``for_actor`` when it has one (a model may widen or
    narrow the regional rule, e.g. inspectors and their campaigns), else the regional rule."""
    for_actor = getattr(queryset, "for_actor", None)
    return for_actor(actor) if for_actor is not None else scope_queryset(queryset, actor)


def is_scoped(model) -> bool:
    return hasattr(model, "scope_division_field")


# A model's path (or paths) to a division code, and to a school.
DivisionPath = str | tuple[str, ...]


class ScopedQuerySet(models.QuerySet):
    def for_actor(self, actor: User | None) -> ScopedQuerySet:
        """Rows inside the actor's scope (see ``scope_queryset``)."""
        return scope_queryset(self, actor)

    @classmethod
    def as_manager(
        cls, *, division: DivisionPath | None = None, school: str | None = None
    ) -> ScopedManager:
        """A manager of this queryset that also declares the model's scope paths (see
        ``ScopedManager``)."""
        manager = ScopedManager.from_queryset(cls)(division=division, school=school)
        manager._built_with_as_manager = True
        return manager

    as_manager.__func__.queryset_only = True


class ScopedManager(models.Manager.from_queryset(ScopedQuerySet)):
    """The manager of a scoped model. ``division`` and ``school``, where given, become the
    model's ``scope_division_field`` and ``scope_school_field``: a model's scope is declared
    once, on the manager that applies it."""

    def __init__(self, *, division: DivisionPath | None = None, school: str | None = None):
        super().__init__()
        self.scope_division_field = division
        self.scope_school_field = school

    def contribute_to_class(self, cls, name):
        super().contribute_to_class(cls, name)
        if self.scope_division_field is not None:
            cls.scope_division_field = self.scope_division_field
        if self.scope_school_field is not None:
            cls.scope_school_field = self.scope_school_field
