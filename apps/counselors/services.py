"""Writes to counselor records. Portal views, the admin, imports and demo data call these.

Every write names its actor on the record and in its history (``core.audit``) and raises the
record's version; an edit carrying the version its page was loaded with is refused when the
record changed meanwhile (``core.versioning``).
"""

import datetime
import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.core.audit import audited_delete, stamp
from apps.core.versioning import bump, lock_version
from apps.counselors.choices import CounselorPost, Gender, PostRank, TeacherTitle
from apps.counselors.masking import mask_id_number
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


security_log = logging.getLogger("portal.security")

# One answer whether the number is registered in the actor's own area, in another one, or
# was refused for another reason of uniqueness: the reply must not tell an outsider that a
# person is on record somewhere else.
ID_NUMBER_UNAVAILABLE = _(
    "This ID number cannot be registered; check it or ask a higher-level administrator."
)


def check_id_number_free(*, actor, id_number: str, pk: int | None = None) -> None:
    """Refuse an ID number another record (not ``pk``) holds, with the one neutral message
    keyed ``id_number``, and log the attempt (who, the masked number, whether the holder is
    in the actor's scope). Forms call it too, so the admin and the portal answer alike."""
    holder = (
        Counselor.objects.filter(id_number=id_number)
        .exclude(pk=pk)
        .values_list("pk", flat=True)
        .first()
    )
    if holder is None:
        return
    security_log.warning(
        "counselor ID number already registered: actor=%s number=%s holder_in_scope=%s",
        getattr(actor, "pk", None),
        mask_id_number(id_number),
        Counselor.objects.for_actor(actor).filter(pk=holder).exists(),
    )
    raise ValidationError({"id_number": ID_NUMBER_UNAVAILABLE}, code="id_number_unavailable")


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
    )
    stamp(counselor, actor)
    check_id_number_free(actor=actor, id_number=counselor.id_number)
    counselor.full_clean()
    counselor.save()
    return counselor


def _save_change(counselor: Counselor, actor, *fields: str) -> Counselor:
    """Record ``actor``'s change of ``fields`` of a locked record: a new version, validated."""
    stamp(counselor, actor)
    bump(counselor)
    counselor.full_clean()
    counselor.save(update_fields=[*fields, "version", "updated_by", "updated_at"])
    return counselor


@transaction.atomic
def counselor_update(
    *, actor, counselor: Counselor, seen_version: int | None = None, **changes
) -> Counselor:
    """Change a counselor record the actor already reached through a scoped selector.

    Only ``STAFF_FIELDS`` may change; the new county and school must be in scope too.
    Refused (StaleEditError) when the record changed since ``seen_version``, the version the
    edit page was loaded with.
    """
    _require(actor, Perm.CHANGE_COUNSELOR)
    unknown = set(changes) - set(STAFF_FIELDS)
    if unknown:
        raise ValueError(f"Fields not editable: {sorted(unknown)}")
    locked = lock_version(Counselor.objects.all(), pk=counselor.pk, seen_version=seen_version)
    if "id_number" in changes:
        changes["id_number"] = normalize_id_number(changes["id_number"])
    for field, value in changes.items():
        setattr(locked, field, value.strip() if isinstance(value, str) else value)
    _check_in_scope(actor=actor, county=locked.county, school=locked.school)
    if "id_number" in changes:
        check_id_number_free(actor=actor, id_number=locked.id_number, pk=locked.pk)
    return _save_change(locked, actor, *changes)


@transaction.atomic
def counselor_update_own_phone(*, actor, phone: str) -> Counselor:
    """A signed-in counselor corrects the phone on their own record, and nothing else.

    Raises Counselor.DoesNotExist when no record is linked to the actor's account.
    """
    counselor = Counselor.objects.select_for_update().get(user=actor)
    counselor.phone = phone.strip()
    return _save_change(counselor, actor, "phone")


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
    locked = lock_version(Counselor.objects.all(), pk=counselor.pk, seen_version=None)
    locked.user = user
    return _save_change(locked, actor, "user")


@transaction.atomic
def counselor_delete(*, actor, counselor: Counselor) -> None:
    """Delete a counselor record entered by mistake (holders of counselors.delete_counselor,
    inside their scope). Refused while other records of the portal refer to the counselor
    (training attendance, title applications...): those stay, so the record does too."""
    _require(actor, Perm.DELETE_COUNSELOR)
    if not Counselor.objects.for_actor(actor).filter(pk=counselor.pk).exists():
        raise PermissionDenied
    try:
        with transaction.atomic():
            audited_delete(counselor, actor)
    except ProtectedError as error:
        raise ValidationError(
            _("%(name)s cannot be deleted: the portal still holds their %(records)s.")
            % {"name": counselor.name, "records": _protected_names(error)},
            code="protected",
        ) from error


def _protected_names(error: ProtectedError) -> str:
    names = {capfirst(obj._meta.verbose_name_plural) for obj in error.protected_objects}
    return "、".join(sorted(str(name) for name in names))
