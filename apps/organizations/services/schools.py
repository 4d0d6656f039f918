"""Writes to schools: added and changed by education staff inside their scope."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.core.audit import bulk_create_audited
from apps.organizations.models import SCHOOL_FLAGS, Division, School
from apps.organizations.permissions import Perm
from apps.organizations.services import brigades
from apps.organizations.services._writes import (
    COUNTY_OUTSIDE_SCOPE,
    Edit,
    Placement,
    check_county_in_scope,
    counties_in_scope,
    delete_in_scope,
    require_perm,
    stored_in_scope,
    update_in_scope,
)

if TYPE_CHECKING:
    from apps.accounts.models import User

# What a school form or file row says of a school; its brigades and squads are rows of
# their own, created from the counts a new school (or an imported row) gives.
SCHOOL_FIELDS = ("name", "county", "school_type", *SCHOOL_FLAGS, "address")
COUNT_FIELDS = ("brigade_count", "squad_count")
UNIQUE_NAME = "school_unique_name_in_county"
SCHOOL_PLACEMENT: dict[str, Placement] = {
    UNIQUE_NAME: lambda school: {
        "name": _("A school with this name already exists in this county.")
    },
}
SCHOOL_EDIT = Edit(Perm.CHANGE_SCHOOL, SCHOOL_FIELDS, SCHOOL_PLACEMENT)


class NewSchools:
    """``school_create`` for a set of new schools (an import's rows) by the same rules, with
    what the rules ask of the database answered once for the whole set: the counties of
    ``county_ids`` inside the actor's scope, and the names of ``names`` already taken in
    them. ``check`` applies the rules to one school; ``add`` checks it and queues it;
    ``save`` writes the queued schools with their brigades and squads in bulk, every row
    with its history naming the actor.

    Raises PermissionDenied at once without the permission to add schools.
    """

    def __init__(self, actor: User, *, county_ids: Iterable[str | None], names: Iterable[str]):
        require_perm(actor, Perm.ADD_SCHOOL)
        self.actor = actor
        county_ids = {pk for pk in county_ids if pk}
        self.counties = set(
            counties_in_scope(actor).filter(pk__in=county_ids).values_list("pk", flat=True)
        )
        # The unique name holds across every school, not only those the actor sees.
        self.taken = set(
            School.objects.filter(county_id__in=county_ids, name__in=set(names)).values_list(
                "county_id", "name"
            )
        )
        self.queued: list[School] = []

    def check(self, *, brigade_count: int = 1, squad_count: int = 0, **fields) -> School:
        """The school ``fields`` (those of ``SCHOOL_FIELDS``) describe, checked and unsaved;
        a ValidationError with every error of the row, each on its field."""
        school = School(**fields)
        errors = brigades.count_errors(brigade_count, squad_count)
        if school.county_id not in self.counties:
            errors["county"] = [COUNTY_OUTSIDE_SCOPE]
        try:
            # The county was just checked against the scope, the name against ``taken``.
            school.full_clean(exclude=["county"], validate_unique=False, validate_constraints=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if "name" not in errors and (school.county_id, school.name) in self.taken:
            place = SCHOOL_PLACEMENT[UNIQUE_NAME]
            errors["name"] = [ValidationError(place(school)["name"], code=UNIQUE_NAME)]
        if errors:
            raise ValidationError(errors)
        school.brigade_count, school.squad_count = brigade_count, squad_count
        return school

    def add(self, **fields) -> School:
        """Check a school (as ``check``) and queue it for ``save``; its name is then taken
        for the rest of the set."""
        school = self.check(**fields)
        self.taken.add((school.county_id, school.name))
        self.queued.append(school)
        return school

    @transaction.atomic
    def save(self) -> list[School]:
        """Write the queued schools, each with the brigades and squads its counts give (named
        as ``school_resize`` names them); the schools get their ids."""
        schools, self.queued = self.queued, []
        bulk_create_audited(School, schools, actor=self.actor)
        brigades.create_units(schools, actor=self.actor)
        return schools


def school_check_new(*, actor: User, county: Division, name: str, **fields) -> School:
    """Every rule ``school_create`` applies, without writing: the school it would add,
    unsaved (with its counts). Raises as ``school_create``."""
    new = NewSchools(actor, county_ids=[county.pk if county else None], names=[name])
    return new.check(county=county, name=name, **fields)


def school_create(*, actor: User, **fields) -> School:
    """Education staff (or an administrator) add a school to a county inside their scope,
    with ``brigade_count`` brigades (1 if not given) and ``squad_count`` squads (0);
    ``fields`` are ``SCHOOL_FIELDS`` and the counts.

    Raises PermissionDenied without the permission, ValidationError (on the field) for a
    county outside the scope, a name already used in that county or impossible counts.
    """
    new = NewSchools(
        actor, county_ids=[getattr(fields.get("county"), "pk", None)], names=[fields.get("name")]
    )
    new.add(**fields)
    (school,) = new.save()
    return school


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
