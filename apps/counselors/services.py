"""Writes to counselor records. Portal views, the admin, imports and demo data call these."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.models import Counselor
from apps.counselors.permissions import Perm
from apps.counselors.validators import normalize_id_number
from apps.organizations.models import Division, School

# What staff may set on a record; a counselor's own account may only touch ``phone``.
STAFF_FIELDS = (
    "name",
    "gender",
    "ethnicity",
    "birth_date",
    "id_number",
    "phone",
    "county",
    "school",
    "post",
    "post_rank",
    "teacher_title",
)


def _require(actor, perm: Perm) -> None:
    # Views and the admin check the same right first; this guards every other caller.
    if not actor.has_perm(str(perm)):
        raise PermissionDenied


def _check_in_scope(*, actor, county: Division, school: School | None) -> None:
    # Forms already limit the choices; this guards every other caller of the services.
    if not Division.objects.for_actor(actor).filter(pk=county.pk).exists():
        raise PermissionDenied
    if school is not None and not School.objects.for_actor(actor).filter(pk=school.pk).exists():
        raise PermissionDenied


@transaction.atomic
def counselor_create(
    *,
    actor,
    name: str,
    gender: Gender,
    birth_date: datetime.date,
    id_number: str,
    county: Division,
    post: CounselorPost,
    school: School | None = None,
    ethnicity: str = "汉族",
    phone: str = "",
    post_rank: PostRank = PostRank.BELOW,
    teacher_title: TeacherTitle = TeacherTitle.NONE,
) -> Counselor:
    """Create a counselor record in the actor's scope (education staff, the administrator).

    Raises ValidationError for bad data (ID check digit, school outside the county...) and
    PermissionDenied when the county or school lies outside the actor's scope.
    """
    _require(actor, Perm.ADD_COUNSELOR)
    _check_in_scope(actor=actor, county=county, school=school)
    counselor = Counselor(
        name=name.strip(),
        gender=gender,
        ethnicity=ethnicity,
        birth_date=birth_date,
        id_number=normalize_id_number(id_number),
        phone=phone.strip(),
        county=county,
        school=school,
        post=post,
        post_rank=post_rank,
        teacher_title=teacher_title,
        created_by=actor,
        updated_by=actor,
    )
    counselor.full_clean()
    counselor.save()
    return counselor


@transaction.atomic
def counselor_update(*, actor, counselor: Counselor, **changes) -> Counselor:
    """Change a counselor record the actor already reached through a scoped selector.

    Only ``STAFF_FIELDS`` may change; the new county and school must be in scope too.
    """
    _require(actor, Perm.CHANGE_COUNSELOR)
    unknown = set(changes) - set(STAFF_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable: {sorted(unknown)}")
    if "id_number" in changes:
        changes["id_number"] = normalize_id_number(changes["id_number"])
    for field, value in changes.items():
        setattr(counselor, field, value.strip() if isinstance(value, str) else value)
    _check_in_scope(actor=actor, county=counselor.county, school=counselor.school)
    counselor.updated_by = actor
    counselor.full_clean()
    counselor.save()
    return counselor


@transaction.atomic
def counselor_update_own_phone(*, actor, phone: str) -> Counselor:
    """A signed-in counselor corrects the phone on their own record, and nothing else.

    Raises Counselor.DoesNotExist when no record is linked to the actor's account.
    """
    counselor = Counselor.objects.select_for_update().get(user=actor)
    counselor.phone = phone.strip()
    counselor.updated_by = actor
    counselor.full_clean()
    counselor.save(update_fields=["phone", "updated_by", "updated_at"])
    return counselor


@transaction.atomic
def counselor_link_user(*, actor, counselor: Counselor, user) -> Counselor:
    """Link (or, with ``user=None``, unlink) a counselor's user account.

    The account must be in the actor's scope and have the counselor role, so "my record"
    shows the right person. Called by administrators from the admin.
    """
    _require(actor, Perm.CHANGE_COUNSELOR)
    if user is not None:
        if user.role != Role.COUNSELOR:
            raise ValidationError({"user": _("Only an account with the counselor role fits.")})
        if not User.objects.for_actor(actor).filter(pk=user.pk).exists():
            raise PermissionDenied
    counselor.user = user
    counselor.updated_by = actor
    counselor.full_clean()
    counselor.save(update_fields=["user", "updated_by", "updated_at"])
    return counselor
