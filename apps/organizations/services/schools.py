"""Writes to schools: added and changed by education staff inside their scope."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.organizations.models import SCHOOL_FLAGS, Division, School
from apps.organizations.permissions import Perm
from apps.organizations.services import brigades
from apps.organizations.services._writes import (
    Edit,
    Placement,
    check_county_in_scope,
    delete_in_scope,
    full_clean_placed,
    require_perm,
    save_audited,
    stored_in_scope,
    update_in_scope,
)

if TYPE_CHECKING:
    from apps.accounts.models import User

# What a school form or file row says of a school; its brigades and squads are rows of
# their own, created from the counts a new school (or an imported row) gives.
SCHOOL_FIELDS = ("name", "county", "school_type", *SCHOOL_FLAGS, "address")
COUNT_FIELDS = ("brigade_count", "squad_count")
SCHOOL_PLACEMENT: dict[str, Placement] = {
    "school_unique_name_in_county": lambda school: {
        "name": _("A school with this name already exists in this county.")
    },
}
SCHOOL_EDIT = Edit(Perm.CHANGE_SCHOOL, SCHOOL_FIELDS, SCHOOL_PLACEMENT)


def school_check_new(
    *,
    actor: User,
    county: Division,
    name: str,
    school_type: str,
    is_migrant_children_school: bool = False,
    is_red_scarf_demonstration: bool = False,
    is_transition_pilot: bool = False,
    has_drum_corps: bool = False,
    address: str = "",
    brigade_count: int = 1,
    squad_count: int = 0,
) -> School:
    """Every rule ``school_create`` applies, without writing: the school it would add,
    unsaved (an import's preview checks its new rows so). Raises as ``school_create``."""
    require_perm(actor, Perm.ADD_SCHOOL)
    school = School(
        county=county,
        name=name,
        school_type=school_type,
        is_migrant_children_school=is_migrant_children_school,
        is_red_scarf_demonstration=is_red_scarf_demonstration,
        is_transition_pilot=is_transition_pilot,
        has_drum_corps=has_drum_corps,
        address=address,
    )
    check_county_in_scope(actor, school.county_id)
    # Every error of the row at once: the school's own and its counts'.
    errors = brigades.count_errors(brigade_count, squad_count)
    try:
        full_clean_placed(school, SCHOOL_PLACEMENT)
    except ValidationError as error:
        errors = error.update_error_dict(errors)
    if errors:
        raise ValidationError(errors)
    return school


@transaction.atomic
def school_create(*, actor: User, brigade_count: int = 1, squad_count: int = 0, **fields) -> School:
    """Education staff (or an administrator) add a school to a county inside their scope,
    with ``brigade_count`` brigades and ``squad_count`` squads; ``fields`` are those of
    ``school_check_new``.

    Raises PermissionDenied without the permission, ValidationError (on the field) for a
    county outside the scope, a name already used in that county or impossible counts.
    """
    school = school_check_new(
        actor=actor, brigade_count=brigade_count, squad_count=squad_count, **fields
    )
    save_audited(school, actor, validated=True)
    return brigades.resize(
        actor=actor, school=school, brigade_count=brigade_count, squad_count=squad_count
    )


def school_update(
    *, actor: User, school: School, data: Mapping[str, Any], seen_version: int | None = None
) -> School:
    """Education staff change a school inside their scope (it may move only to another
    county inside the scope). Same errors as ``school_create``; its brigades and squads
    change through their own services. Refused over a change made since ``seen_version``."""

    def county_in_scope(row: School) -> None:
        check_county_in_scope(actor, row.county_id)

    return update_in_scope(
        actor, school, data, SCHOOL_EDIT, check=county_in_scope, seen_version=seen_version
    )


@transaction.atomic
def school_resize(*, actor: User, school: School, brigade_count: int, squad_count: int) -> School:
    """Education staff set how many brigades and squads a school in their scope has (an
    imported row does): rows are added with default names or removed newest first; a row
    that other records point at is not removed (a ValidationError on its count)."""
    require_perm(actor, Perm.CHANGE_SCHOOL)
    stored_in_scope(School, actor, school.pk)
    return brigades.resize(
        actor=actor, school=school, brigade_count=brigade_count, squad_count=squad_count
    )


def school_delete(*, actor: User, school: School) -> None:
    """Education staff remove a school entered by mistake, with its brigades and squads.
    Refused, naming them, while counselors, accounts or any other records refer to it."""
    delete_in_scope(actor=actor, instance=school, perm=Perm.DELETE_SCHOOL)
