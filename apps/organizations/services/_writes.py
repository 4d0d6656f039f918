"""What every write of the organization tree does, in one place.

Each service takes the acting user, checks that they hold the permission and that the row
(before and after the change) lies inside their scope, validates with the model's own
fields and constraints (each error next to the field it is about), and saves inside one
transaction with the actor named in the row's history (``apps.core.audit``), so the portal,
the admin, imports and commands behave the same.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from apps.core.audit import audited_delete, stamp
from apps.core.versioning import bump, lock_version
from apps.organizations.choices import DivisionLevel
from apps.organizations.models import Division

if TYPE_CHECKING:
    from apps.accounts.models import User

# A violated constraint, reported next to the fields it is about: {field: message}.
Placement = Callable[[models.Model], dict[str, str]]


@dataclass(frozen=True)
class Edit:
    """How one kind of row is changed: the permission it takes, the fields that may change,
    and where its constraint errors go (``full_clean_placed``)."""

    perm: str
    fields: tuple[str, ...]
    placement: Mapping[str, Placement] = field(default_factory=dict)


def require_perm(actor: User, perm: str) -> None:
    """PermissionDenied unless ``actor`` holds ``perm``."""
    if not actor.has_perm(str(perm)):
        raise PermissionDenied


def stored_in_scope[M: models.Model](model: type[M], actor: User, pk) -> M:
    """The row as stored, if the actor's scope holds it; PermissionDenied otherwise."""
    row = model._default_manager.for_actor(actor).filter(pk=pk).first() if pk else None
    if row is None:
        raise PermissionDenied
    return row


COUNTY_OUTSIDE_SCOPE = gettext_lazy("Choose a county inside your area.")


def counties_in_scope(actor: User) -> models.QuerySet[Division]:
    """The counties inside the actor's scope."""
    return Division.objects.for_actor(actor).filter(level=DivisionLevel.COUNTY)


def check_county_in_scope(actor: User, county_id: str | None) -> None:
    """A ValidationError on ``county`` unless it names a county inside the actor's scope."""
    if not counties_in_scope(actor).filter(pk=county_id).exists():
        raise ValidationError({"county": COUNTY_OUTSIDE_SCOPE})


def full_clean_placed(
    instance: models.Model, placement: Mapping[str, Placement] | None = None
) -> None:
    """``full_clean()``, with each violated constraint named in ``placement`` reported next
    to the field it is about instead of above the form."""
    placement = placement or {}
    errors: dict[str, list] = {}
    try:
        instance.full_clean(validate_constraints=False)
    except ValidationError as exc:
        errors = exc.update_error_dict(errors)
    # As in Model.full_clean: a field that already failed is not checked again.
    exclude = {name for name in errors if name != NON_FIELD_ERRORS}
    using = router.db_for_write(type(instance), instance=instance)
    for constraint in instance._meta.constraints:
        try:
            constraint.validate(type(instance), instance, exclude=exclude, using=using)
        except ValidationError as exc:
            place = placement.get(constraint.name)
            if place is None:
                errors = exc.update_error_dict(errors)
                continue
            for name, message in place(instance).items():
                errors.setdefault(name, []).append(ValidationError(message, code=constraint.name))
    if errors:
        raise ValidationError(errors)


def apply_fields(instance: models.Model, data: Mapping[str, Any], allowed: Iterable[str]) -> None:
    """Set ``data`` on ``instance``; TypeError for a field this service does not manage."""
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")
    for name, value in data.items():
        setattr(instance, name, value)


def save_audited[M: models.Model](
    instance: M,
    actor: User,
    placement: Mapping[str, Placement] | None = None,
    *,
    validated: bool = False,
) -> M:
    """Validate ``instance`` (unless the caller just did) and save it with ``actor`` named
    in its history."""
    if not validated:
        full_clean_placed(instance, placement)
    stamp(instance, actor)
    instance.save()
    return instance


@transaction.atomic
def update_in_scope[M: models.Model](
    actor: User,
    instance: M,
    data: Mapping[str, Any],
    edit: Edit,
    *,
    check: Callable[[M], None] | None = None,
    seen_version: int | None = None,
) -> M:
    """The shape of every update: the permission, the stored row in scope and locked
    (refused with StaleEditError when it changed since ``seen_version``, the version the
    edit page was loaded at), only the editable fields changed, ``check`` (scope of the
    new values...), validation, an audited save under a new version."""
    require_perm(actor, edit.perm)
    stored_in_scope(type(instance), actor, instance.pk)
    locked = lock_version(
        type(instance)._default_manager.all(), pk=instance.pk, seen_version=seen_version
    )
    apply_fields(locked, data, edit.fields)
    if check is not None:
        check(locked)
    bump(locked)
    return save_audited(locked, actor, edit.placement)


def _refusal(instance: models.Model, blocking: Iterable[models.Model]) -> str:
    counts: dict[str, int] = {}
    for row in blocking:
        label = str(row._meta.verbose_name)
        counts[label] = counts.get(label, 0) + 1
    records = "、".join(f"{label}（{n}）" for label, n in sorted(counts.items()))
    return _("“%(name)s” cannot be deleted: these records still refer to it: %(records)s.") % {
        "name": instance,
        "records": records,
    }


def delete_audited(instance: models.Model, actor: User) -> None:
    """Delete ``instance``, its history keeping who did it. A row that other records still
    point to is refused with a ValidationError naming them."""
    try:
        with transaction.atomic():
            audited_delete(instance, actor)
    except ProtectedError as error:
        raise ValidationError(_refusal(instance, error.protected_objects)) from error
    except RestrictedError as error:
        raise ValidationError(_refusal(instance, error.restricted_objects)) from error


def delete_in_scope(*, actor: User, instance: models.Model, perm: str) -> None:
    """Delete a row inside the actor's scope if they hold ``perm`` (see ``delete_audited``)."""
    require_perm(actor, perm)
    delete_audited(stored_in_scope(type(instance), actor, instance.pk), actor)
