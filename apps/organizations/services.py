"""Writes to the organization tree. Views, the admin and commands all call these."""

from __future__ import annotations

import copy
import csv
import datetime
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import get_permission_codename
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from apps.organizations.choices import DivisionLevel
from apps.organizations.models import (
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    WorkCommittee,
)
from apps.organizations.permissions import Perm

if TYPE_CHECKING:
    from apps.accounts.models import User

DIVISIONS_DIR = Path(settings.BASE_DIR) / "fixtures" / "divisions"


@dataclass
class DivisionLoadResult:
    created: int
    updated: int
    unchanged: int


def _read(name: str) -> list[dict[str, str]]:
    with (DIVISIONS_DIR / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def divisions_load(*, province_code: str) -> DivisionLoadResult:
    """Load (or refresh) one province, its prefectures and counties from the shipped CSVs.

    Idempotent: a second run changes nothing. Raises ValueError for an unknown province.
    """
    province_code = province_code[:2]
    provinces = {row["code"]: row["name"] for row in _read("provinces.csv")}
    if province_code not in provinces:
        raise ValueError(f"Unknown province code: {province_code}")
    wanted: list[tuple[str, str, str, str | None]] = [
        (f"{province_code}0000", provinces[province_code], DivisionLevel.PROVINCE, None)
    ]
    for row in _read("cities.csv"):
        if row["provinceCode"] == province_code:
            wanted.append(
                (f"{row['code']}00", row["name"], DivisionLevel.PREFECTURE, f"{province_code}0000")
            )
    for row in _read("areas.csv"):
        if row["provinceCode"] == province_code:
            wanted.append((row["code"], row["name"], DivisionLevel.COUNTY, f"{row['cityCode']}00"))

    result = DivisionLoadResult(0, 0, 0)
    with transaction.atomic():
        existing = {d.code: d for d in Division.objects.filter(code__startswith=province_code)}
        # Parents come before children in `wanted`, so each parent exists when needed.
        for code, name, level, parent_code in wanted:
            current = existing.get(code)
            if current is None:
                Division.objects.create(code=code, name=name, level=level, parent_id=parent_code)
                result.created += 1
            elif (current.name, current.level, current.parent_id) != (name, level, parent_code):
                current.name, current.level, current.parent_id = name, level, parent_code
                current.full_clean()
                current.save()
                result.updated += 1
            else:
                result.unchanged += 1
    return result


# ---------------------------------------------------------------------------------------
# Schools, committees, members and chief counselor posts.
#
# Every write below takes the acting user first, checks that they hold the permission and
# that the row (before and after the change) lies inside their scope, validates with the
# model's own fields and constraints, saves inside one transaction and records who did it
# in the admin log, so the portal, the admin and commands behave the same.
# ---------------------------------------------------------------------------------------

SCHOOL_FIELDS = (
    "name",
    "county",
    "school_type",
    "is_migrant_children_school",
    "is_red_scarf_demonstration",
    "is_transition_pilot",
    "has_drum_corps",
    "brigade_count",
    "squad_count",
    "address",
)
COMMITTEE_FIELDS = ("name", "established_on")
MEMBER_FIELDS = (
    "name",
    "role",
    "home_body",
    "department",
    "position",
    "start_date",
    "end_date",
    "is_seconded",
    "secondment_start",
    "secondment_end",
)
CHIEF_COUNSELOR_FIELDS = ("host_body", "holder_name", "holder_heads_section", "holder_section")

Placement = Callable[[models.Model], dict[str, str]]

# Constraint errors are non-field errors by default; these put each next to its field.
SCHOOL_CONSTRAINT_FIELDS: dict[str, Placement] = {
    "school_unique_name_in_county": lambda school: {
        "name": _("A school with this name already exists in this county.")
    },
}
MEMBER_CONSTRAINT_FIELDS: dict[str, Placement] = {
    "member_end_after_start": lambda member: {
        "end_date": _("The end date cannot be before the start date.")
    },
    "member_secondment_has_period": lambda member: {
        name: _("A secondment needs its start and end dates.")
        for name in ("secondment_start", "secondment_end")
        if getattr(member, name) is None
    },
    "member_secondment_end_after_start": lambda member: {
        "secondment_end": _("The secondment cannot end before it starts.")
    },
}


def _require_perm(actor: User, perm: str) -> None:
    if not actor.has_perm(str(perm)):
        raise PermissionDenied


def _stored_in_scope(model: type[models.Model], actor: User, pk) -> models.Model:
    """The row as stored, if the actor's scope holds it; PermissionDenied otherwise."""
    row = model._default_manager.for_actor(actor).filter(pk=pk).first() if pk else None
    if row is None:
        raise PermissionDenied
    return row


def _check_county_in_scope(actor: User, county_id: str | None) -> None:
    if (
        not Division.objects.for_actor(actor)
        .filter(pk=county_id, level=DivisionLevel.COUNTY)
        .exists()
    ):
        raise ValidationError({"county": _("Choose a county inside your area.")})


def _full_clean(instance: models.Model, placement: dict[str, Placement] | None = None) -> None:
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


def _changed(before: models.Model, after: models.Model, names) -> list[str]:
    fields = [type(after)._meta.get_field(name) for name in names]
    return [f.name for f in fields if getattr(before, f.attname) != getattr(after, f.attname)]


def _apply(instance: models.Model, data: Mapping[str, Any], allowed: tuple[str, ...]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Cannot change {', '.join(sorted(unknown))} here.")
    for name, value in data.items():
        setattr(instance, name, value)


def _record(actor: User, instance: models.Model, flag: int, changed=()) -> None:
    """Record who did what in the admin log, which the admin shows as the row's history."""
    if flag == ADDITION:
        message = [{"added": {}}]
    else:
        # Stored untranslated, like the admin does; the history page translates it.
        with translation.override(None):
            labels = [str(type(instance)._meta.get_field(name).verbose_name) for name in changed]
        message = [{"changed": {"fields": labels}}] if labels else []
    LogEntry.objects.log_actions(
        user_id=actor.pk, queryset=[instance], action_flag=flag, change_message=message
    )


@transaction.atomic
def school_create(
    *,
    actor: User,
    county: Division,
    name: str,
    school_type: str,
    is_migrant_children_school: bool = False,
    is_red_scarf_demonstration: bool = False,
    is_transition_pilot: bool = False,
    has_drum_corps: bool = False,
    brigade_count: int = 1,
    squad_count: int = 0,
    address: str = "",
) -> School:
    """Education staff (or an administrator) add a school to a county inside their scope.

    Raises PermissionDenied without the permission, ValidationError (on the field) for a
    county outside the scope or a name already used in that county.
    """
    _require_perm(actor, Perm.ADD_SCHOOL)
    school = School(
        county=county,
        name=name,
        school_type=school_type,
        is_migrant_children_school=is_migrant_children_school,
        is_red_scarf_demonstration=is_red_scarf_demonstration,
        is_transition_pilot=is_transition_pilot,
        has_drum_corps=has_drum_corps,
        brigade_count=brigade_count,
        squad_count=squad_count,
        address=address,
    )
    _check_county_in_scope(actor, school.county_id)
    _full_clean(school, SCHOOL_CONSTRAINT_FIELDS)
    school.save()
    _record(actor, school, ADDITION)
    return school


@transaction.atomic
def school_update(*, actor: User, school: School, data: Mapping[str, Any]) -> School:
    """Education staff change a school inside their scope (it may move only to another
    county inside the scope). Same errors as ``school_create``."""
    _require_perm(actor, Perm.CHANGE_SCHOOL)
    stored = _stored_in_scope(School, actor, school.pk)
    _apply(school, data, SCHOOL_FIELDS)
    _check_county_in_scope(actor, school.county_id)
    _full_clean(school, SCHOOL_CONSTRAINT_FIELDS)
    school.save()
    _record(actor, school, CHANGE, _changed(stored, school, SCHOOL_FIELDS))
    return school


@transaction.atomic
def committee_create(
    *,
    actor: User,
    division: Division,
    name: str,
    established_on: datetime.date | None = None,
) -> WorkCommittee:
    """Set up the work committee of a division inside the actor's scope (one per division;
    a second one is a ValidationError on ``division``)."""
    opts = WorkCommittee._meta
    _require_perm(actor, f"{opts.app_label}.{get_permission_codename('add', opts)}")
    if not Division.objects.for_actor(actor).filter(pk=division.pk).exists():
        raise ValidationError({"division": _("Choose a division inside your area.")})
    committee = WorkCommittee(division=division, name=name, established_on=established_on)
    _full_clean(committee)
    committee.save()
    _record(actor, committee, ADDITION)
    return committee


@transaction.atomic
def committee_update(
    *, actor: User, committee: WorkCommittee, data: Mapping[str, Any]
) -> WorkCommittee:
    """League staff rename a committee in their scope or set its founding date; the division
    it belongs to never changes."""
    _require_perm(actor, Perm.CHANGE_COMMITTEE)
    stored = _stored_in_scope(WorkCommittee, actor, committee.pk)
    _apply(committee, data, COMMITTEE_FIELDS)
    _full_clean(committee)
    committee.save()
    _record(actor, committee, CHANGE, _changed(stored, committee, COMMITTEE_FIELDS))
    return committee


@transaction.atomic
def member_create(
    *,
    actor: User,
    committee: WorkCommittee,
    name: str,
    role: str,
    home_body: str,
    start_date: datetime.date,
    end_date: datetime.date | None = None,
    department: str = "",
    position: str = "",
    is_seconded: bool = False,
    secondment_start: datetime.date | None = None,
    secondment_end: datetime.date | None = None,
) -> CommitteeMember:
    """League staff seat a member on a committee inside their scope.

    The end date may not precede the start date, and a secondment needs both its dates;
    each error names its field.
    """
    _require_perm(actor, Perm.ADD_MEMBER)
    _stored_in_scope(WorkCommittee, actor, committee.pk)
    member = CommitteeMember(
        committee=committee,
        name=name,
        role=role,
        home_body=home_body,
        department=department,
        position=position,
        start_date=start_date,
        end_date=end_date,
        is_seconded=is_seconded,
        secondment_start=secondment_start,
        secondment_end=secondment_end,
    )
    _full_clean(member, MEMBER_CONSTRAINT_FIELDS)
    member.save()
    _record(actor, member, ADDITION)
    return member


@transaction.atomic
def member_update(
    *, actor: User, member: CommitteeMember, data: Mapping[str, Any]
) -> CommitteeMember:
    """League staff change a member of a committee in their scope (the committee stays);
    same checks as ``member_create``."""
    _require_perm(actor, Perm.CHANGE_MEMBER)
    stored = _stored_in_scope(CommitteeMember, actor, member.pk)
    _apply(member, data, MEMBER_FIELDS)
    _full_clean(member, MEMBER_CONSTRAINT_FIELDS)
    member.save()
    _record(actor, member, CHANGE, _changed(stored, member, MEMBER_FIELDS))
    return member


@transaction.atomic
def member_delete(*, actor: User, member: CommitteeMember) -> None:
    """League staff remove a seat entered by mistake (a member who left gets an end date)."""
    _require_perm(actor, Perm.DELETE_MEMBER)
    stored = _stored_in_scope(CommitteeMember, actor, member.pk)
    LogEntry.objects.log_actions(user_id=actor.pk, queryset=[stored], action_flag=DELETION)
    stored.delete()


@transaction.atomic
def chief_counselor_post_save(
    *,
    actor: User,
    county: Division,
    host_body: str,
    holder_name: str = "",
    holder_heads_section: bool = False,
    holder_section: str = "",
) -> ChiefCounselorPost:
    """Education staff record a county's chief counselor post, creating it when the county
    has none. Only counties inside the actor's scope; the host may be the education bureau
    or the League committee (both occur in practice)."""
    if not Division.objects.for_actor(actor).filter(pk=county.pk).exists():
        raise PermissionDenied
    if not county.is_county:
        raise ValidationError(_("Only a county has a chief counselor post."))
    post = ChiefCounselorPost.objects.select_for_update().filter(county=county).first()
    created = post is None
    _require_perm(
        actor, Perm.ADD_CHIEF_COUNSELOR_POST if created else Perm.CHANGE_CHIEF_COUNSELOR_POST
    )
    stored = copy.copy(post)
    post = post or ChiefCounselorPost(county=county)
    _apply(
        post,
        {
            "host_body": host_body,
            "holder_name": holder_name,
            "holder_heads_section": holder_heads_section,
            "holder_section": holder_section,
        },
        CHIEF_COUNSELOR_FIELDS,
    )
    if post.holder_heads_section and not post.holder_name:
        raise ValidationError(
            {"holder_heads_section": _("A vacant post has no holder to head a section.")}
        )
    _full_clean(post)
    post.save()
    if created:
        _record(actor, post, ADDITION)
    else:
        _record(actor, post, CHANGE, _changed(stored, post, CHIEF_COUNSELOR_FIELDS))
    return post
