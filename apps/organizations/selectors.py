"""Reads of the organization tree, always narrowed to the actor's scope first.

Every function starts from ``Model.objects.for_actor(actor)``; views and the admin never
filter by region themselves. A row outside the actor's scope is a 404 (``Http404``), so a
user cannot even learn that it exists.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.db.models import (
    Case,
    Count,
    IntegerField,
    OuterRef,
    Prefetch,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import get_object_or_404

from apps.core import clock
from apps.organizations.choices import CommitteeRole, DivisionLevel
from apps.organizations.filters import SchoolFilter
from apps.organizations.models import (
    Brigade,
    ChiefCounselorPost,
    CommitteeMember,
    Division,
    School,
    Squad,
    WorkCommittee,
)

if TYPE_CHECKING:
    from apps.accounts.models import User

# The school_list_order index: keyset pages and exports walk schools in this order.
SCHOOL_ORDER = ("county_id", "name", "id")
ROLE_ORDER = Case(
    *(When(role=role, then=Value(i)) for i, role in enumerate(CommitteeRole.values)),
    output_field=IntegerField(),
)


def scope_root_code(*, actor: User) -> str:
    """The code of the division at the top of the actor's scope (a school user: its county;
    a superuser without a scope: the portal's province)."""
    return actor.scope_code or f"{settings.PORTAL_PROVINCE_CODE}0000"


def division_get(*, actor: User, code: str) -> Division:
    """A division inside the actor's scope, with its parent; Http404 outside it."""
    return get_object_or_404(Division.objects.for_actor(actor).select_related("parent"), code=code)


def division_ancestors(*, actor: User, division: Division) -> list[Division]:
    """The breadcrumb trail from the actor's scope root down to ``division`` (inclusive).

    Never climbs above the scope root: ancestors outside the scope are left out.
    """
    code = division.code
    codes = {f"{code[:2]}0000", f"{code[:4]}00", code}
    # GB/T 2260 codes sort province < prefecture < county along one branch.
    return list(Division.objects.for_actor(actor).filter(code__in=codes).order_by("code"))


def division_children(
    *, actor: User, division: Division, on: datetime.date | None = None
) -> QuerySet[Division]:
    """The in-scope children of ``division`` in one query, each annotated with ``dual_chair``
    (True / False, None when it has no committee) and ``school_count`` (in-scope schools)."""
    on = on or clock.today()
    dual_chair = (
        WorkCommittee.objects.filter(division=OuterRef("pk"))
        .with_dual_chair(on)
        .values("dual_chair")
    )
    schools = School.objects.for_actor(actor).order_by()
    if division.level == DivisionLevel.PROVINCE:
        # The children are prefectures: count the schools of their counties.
        schools = schools.filter(county__parent=OuterRef("pk")).values("county__parent")
    else:
        schools = schools.filter(county=OuterRef("pk")).values("county")
    school_count = schools.annotate(n=Count("pk")).values("n")
    return (
        Division.objects.for_actor(actor)
        .filter(parent=division)
        .annotate(
            dual_chair=Subquery(dual_chair[:1]),
            school_count=Coalesce(Subquery(school_count), 0),
        )
        .order_by("code")
    )


def committee_of(
    *, actor: User, division: Division, on: datetime.date | None = None
) -> WorkCommittee | None:
    """The work committee of an in-scope division, annotated with ``dual_chair``, or None."""
    return (
        WorkCommittee.objects.for_actor(actor)
        .with_dual_chair(on)
        .select_related("division")
        .filter(division=division)
        .first()
    )


def committee_get(*, actor: User, pk: int, on: datetime.date | None = None) -> WorkCommittee:
    """An in-scope work committee annotated with ``dual_chair``, with who last changed it;
    Http404 outside the scope."""
    committees = WorkCommittee.objects.for_actor(actor).with_dual_chair(on)
    return get_object_or_404(committees.select_related("division", "updated_by"), pk=pk)


def committee_members(
    *, actor: User, committee: WorkCommittee, current_on: datetime.date | None = None
) -> QuerySet[CommitteeMember]:
    """Members of an in-scope committee, chairs first; only those serving on ``current_on``
    when it is given."""
    members = CommitteeMember.objects.for_actor(actor).filter(committee=committee)
    if current_on is not None:
        members = members.current(current_on)
    return members.order_by(ROLE_ORDER, "start_date", "id")


def member_get(*, actor: User, pk: int) -> CommitteeMember:
    """An in-scope committee member with its committee and division; Http404 outside."""
    return get_object_or_404(
        CommitteeMember.objects.for_actor(actor).select_related("committee__division"), pk=pk
    )


def chief_counselor_post_of(*, actor: User, county: Division) -> ChiefCounselorPost | None:
    """The chief counselor post of an in-scope county, or None when it has none yet."""
    return ChiefCounselorPost.objects.for_actor(actor).filter(county=county).first()


def county_get(*, actor: User, code: str) -> Division:
    """An in-scope county; Http404 for anything else (a prefecture has no chief counselor)."""
    county = division_get(actor=actor, code=code)
    if not county.is_county:
        raise Http404
    return county


def school_filter(*, actor: User, filters: Mapping | None = None) -> SchoolFilter:
    """The school list's FilterSet over the in-scope schools (with their county and
    prefecture); filter values outside the scope are ignored."""
    schools = School.objects.for_actor(actor).select_related("county__parent")
    return SchoolFilter(filters or {}, queryset=schools, actor=actor)


def school_list(*, actor: User, filters: Mapping | None = None) -> QuerySet[School]:
    """In-scope schools narrowed by ``SchoolFilter``, in the (county, name, id) order of the
    ``school_list_order`` index."""
    return school_filter(actor=actor, filters=filters).qs.order_by(*SCHOOL_ORDER)


def school_get(*, actor: User, pk: int) -> School:
    """An in-scope school with its county and who last changed it; Http404 outside."""
    return get_object_or_404(
        School.objects.for_actor(actor).select_related(
            "county__parent", "created_by", "updated_by"
        ),
        pk=pk,
    )


def school_brigades(*, actor: User, school: School) -> QuerySet[Brigade]:
    """The brigades of an in-scope school, each with its squads (two queries)."""
    squads = Squad.objects.for_actor(actor).order_by("id")
    return (
        Brigade.objects.for_actor(actor)
        .filter(school=school)
        .prefetch_related(Prefetch("squads", queryset=squads))
        .order_by("id")
    )


def brigade_get(*, actor: User, pk: int) -> Brigade:
    """An in-scope brigade with its school; Http404 outside the scope."""
    return get_object_or_404(Brigade.objects.for_actor(actor).select_related("school"), pk=pk)


def squad_get(*, actor: User, pk: int) -> Squad:
    """An in-scope squad with its brigade and school; Http404 outside the scope."""
    return get_object_or_404(
        Squad.objects.for_actor(actor).select_related("brigade__school"), pk=pk
    )
