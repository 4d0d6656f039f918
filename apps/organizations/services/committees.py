"""Writes to work committees, their members and county chief counselor posts."""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.core.versioning import bump, lock_version
from apps.organizations.models import ChiefCounselorPost, CommitteeMember, Division, WorkCommittee
from apps.organizations.permissions import Perm
from apps.organizations.services._writes import (
    Edit,
    Placement,
    apply_fields,
    delete_audited,
    delete_in_scope,
    require_perm,
    save_audited,
    stored_in_scope,
    update_in_scope,
)

if TYPE_CHECKING:
    from apps.accounts.models import User

COMMITTEE_FIELDS = ("name", "established_on")
COMMITTEE_EDIT = Edit(Perm.CHANGE_COMMITTEE, COMMITTEE_FIELDS)
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

# Constraint errors are non-field errors by default; these put each next to its field.
MEMBER_PLACEMENT: dict[str, Placement] = {
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
MEMBER_EDIT = Edit(Perm.CHANGE_MEMBER, MEMBER_FIELDS, MEMBER_PLACEMENT)


# Committees ----------------------------------------------------------------------------


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
    require_perm(actor, Perm.ADD_COMMITTEE)
    if not Division.objects.for_actor(actor).filter(pk=division.pk).exists():
        raise ValidationError({"division": _("Choose a division inside your area.")})
    committee = WorkCommittee(division=division, name=name, established_on=established_on)
    return save_audited(committee, actor)


def committee_update(
    *,
    actor: User,
    committee: WorkCommittee,
    data: Mapping[str, Any],
    seen_version: int | None = None,
) -> WorkCommittee:
    """League staff rename a committee in their scope or set its founding date; the division
    it belongs to never changes."""
    return update_in_scope(actor, committee, data, COMMITTEE_EDIT, seen_version=seen_version)


@transaction.atomic
def committee_delete(*, actor: User, committee: WorkCommittee) -> None:
    """An administrator removes a committee set up by mistake; refused while it has
    members (a committee's record stays: members who left get an end date)."""
    require_perm(actor, Perm.DELETE_COMMITTEE)
    stored = stored_in_scope(WorkCommittee, actor, committee.pk)
    if stored.members.exists():
        raise ValidationError(
            _("This committee has members on record: remove them first."), code="members"
        )
    delete_audited(stored, actor)


# Members -------------------------------------------------------------------------------


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
    require_perm(actor, Perm.ADD_MEMBER)
    stored_in_scope(WorkCommittee, actor, committee.pk)
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
    return save_audited(member, actor, MEMBER_PLACEMENT)


def member_update(
    *,
    actor: User,
    member: CommitteeMember,
    data: Mapping[str, Any],
    seen_version: int | None = None,
) -> CommitteeMember:
    """League staff change a member of a committee in their scope (the committee stays);
    same checks as ``member_create``."""
    return update_in_scope(actor, member, data, MEMBER_EDIT, seen_version=seen_version)


def member_delete(*, actor: User, member: CommitteeMember) -> None:
    """League staff remove a seat entered by mistake (a member who left gets an end date)."""
    delete_in_scope(actor=actor, instance=member, perm=Perm.DELETE_MEMBER)


# Chief counselor posts -----------------------------------------------------------------


@transaction.atomic
def chief_counselor_post_save(
    *,
    actor: User,
    county: Division,
    host_body: str,
    holder_name: str = "",
    holder_heads_section: bool = False,
    holder_section: str = "",
    seen_version: int | None = None,
) -> ChiefCounselorPost:
    """Education staff record a county's chief counselor post, creating it when the county
    has none. Only counties inside the actor's scope; the host may be the education bureau
    or the League committee (both occur in practice). A change is refused over one made
    since ``seen_version``."""
    if not Division.objects.for_actor(actor).filter(pk=county.pk).exists():
        raise PermissionDenied
    if not county.is_county:
        raise ValidationError(_("Only a county has a chief counselor post."))
    post = ChiefCounselorPost.objects.select_for_update().filter(county=county).first()
    require_perm(actor, Perm.CHANGE_CHIEF_COUNSELOR_POST if post else Perm.ADD_CHIEF_COUNSELOR_POST)
    if post is None:
        post = ChiefCounselorPost(county=county)
    else:
        post = lock_version(ChiefCounselorPost.objects.all(), pk=post.pk, seen_version=seen_version)
        bump(post)
    apply_fields(
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
    return save_audited(post, actor)


def chief_counselor_post_delete(*, actor: User, post: ChiefCounselorPost) -> None:
    """An administrator removes a post recorded by mistake (a post without a holder stays,
    marked vacant)."""
    delete_in_scope(actor=actor, instance=post, perm=Perm.DELETE_CHIEF_COUNSELOR_POST)
