"""Reads of counselor records. Every read starts from the actor's scope."""

from django.db.models import QuerySet

from apps.core import registry
from apps.core.registry import Fact
from apps.counselors.choices import CounselorPost
from apps.counselors.filters import CounselorFilter
from apps.counselors.models import RANKED_AT_LEAST_MIDDLE, Counselor
from apps.organizations.choices import SchoolType
from apps.organizations.models import School

# School types that should have a brigade counselor post: the source sets the post up "in
# primary and junior secondary schools" (在小学和初中设置少先队大队辅导员岗位); nine-year schools
# are both. Complete secondary schools are left out: their junior grades' Pioneer work is
# counted through the team–league transition, and a post they do have still shows as filled.
BRIGADE_POST_SCHOOL_TYPES = (SchoolType.PRIMARY, SchoolType.JUNIOR, SchoolType.NINE_YEAR)


def counselor_queryset(*, actor) -> QuerySet[Counselor]:
    """Counselors inside the actor's scope, with what list and detail pages show."""
    return Counselor.objects.for_actor(actor).select_related("county", "school")


def counselor_list(*, actor, filters: dict | None = None) -> CounselorFilter:
    """The actor's counselors narrowed by ``filters``; ``.qs`` is the rows, ``.form`` the form.

    Filter choices (county, school) are limited to the actor's scope as well.
    """
    return CounselorFilter(filters or None, queryset=counselor_queryset(actor=actor), actor=actor)


def counselor_get(*, actor, pk: int) -> Counselor:
    """One counselor inside the actor's scope; raises Counselor.DoesNotExist otherwise."""
    return counselor_queryset(actor=actor).get(pk=pk)


def counselor_for_user(*, user) -> Counselor | None:
    """The counselor record linked to a signed-in user's account, if any."""
    if not user.is_authenticated:
        return None
    return Counselor.objects.select_related("county", "school").filter(user=user).first()


def counselor_facts(*, counselor: Counselor, viewer) -> list[Fact]:
    """What the portal's areas know of ``counselor`` that ``viewer`` may read (training,
    titles...: each area's ``counselor_facts``), for the record pages and title reviewers.
    The caller fetched ``counselor`` through a scoped selector; each source checks its own
    rule for ``viewer``."""
    return [
        fact
        for source in registry.counselor_fact_sources()
        for fact in source(counselor=counselor, viewer=viewer)
    ]


def _brigade_holders(school_ids) -> dict[int, list[Counselor]]:
    holders: dict[int, list[Counselor]] = {}
    rows = (
        Counselor.objects.filter(school_id__in=school_ids, post=CounselorPost.BRIGADE)
        .only("id", "name", "school_id", "post_rank", "teacher_title")
        .order_by("school_id", "name", "id")
    )
    for counselor in rows:
        holders.setdefault(counselor.school_id, []).append(counselor)
    return holders


def brigade_posts_for_schools(*, schools) -> dict[int, dict]:
    """Per school id: is the brigade counselor post expected, filled, ranked, and its holders.

    ``schools`` were fetched through a scoped selector by the caller. "Ranked" means at least
    one holder ranks no lower than the school's middle management. One query.
    """
    schools = list(schools)
    holders = _brigade_holders([school.pk for school in schools])
    result = {}
    for school in schools:
        own = holders.get(school.pk, [])
        result[school.pk] = {
            "school": school,
            "expected": school.school_type in BRIGADE_POST_SCHOOL_TYPES,
            "filled": bool(own),
            "ranked": any(c.post_rank in RANKED_AT_LEAST_MIDDLE for c in own),
            "holders": own,
        }
    return result


def brigade_post_for_school(*, school: School) -> dict:
    """The brigade counselor post of one school (see ``brigade_posts_for_schools``)."""
    return brigade_posts_for_schools(schools=[school])[school.pk]
