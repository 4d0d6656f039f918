"""Reads of title applications. Every read starts from the actor's scope.

Who sees an application: its applicant, and education staff whose scope contains the
applicant once the application has been submitted (a draft is the applicant's alone).
Everyone else gets a 404.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from apps.accounts.choices import Role
from apps.counselors.selectors import counselor_facts
from apps.titles.choices import ReviewLevel
from apps.titles.filters import TitleApplicationQueueFilter
from apps.titles.models import EvidenceFile, ReviewStep, TitleApplication
from apps.titles.permissions import OVERVIEW_ROLES


def reviewer_level(user) -> ReviewLevel | None:
    """The level at which ``user`` reviews, or None: education staff review at the level of
    their scope (a school user at school level, a county user at county level...)."""
    if not (user.is_authenticated and user.is_active) or user.role != Role.EDUCATION:
        return None
    if user.school_id:
        return ReviewLevel.SCHOOL
    code = user.division_id
    if not code:
        return None
    # GB/T 2260: a province ends in 0000, a prefecture in 00, a county in neither.
    if code.endswith("0000"):
        return ReviewLevel.PROVINCE
    if code.endswith("00"):
        return ReviewLevel.PREFECTURE
    return ReviewLevel.COUNTY


def title_application_visible(*, actor) -> QuerySet[TitleApplication]:
    """Applications ``actor`` may open: their own, and as a reviewer or a reader of the
    overview (League staff, officials, inspectors, the provincial office) every submitted one
    in their scope. Anything else is absent (a 404 to views)."""
    scoped = TitleApplication.objects.for_actor(actor)
    if reviewer_level(actor) is not None or actor.role in OVERVIEW_ROLES:
        return scoped.filter(Q(applicant__user=actor) | Q(submitted_at__isnull=False))
    return scoped.filter(applicant__user=actor)


def title_application_get(*, actor, pk: int) -> TitleApplication:
    """One application ``actor`` may open, with its applicant's school and county; raises
    DoesNotExist for any other."""
    queryset = title_application_visible(actor=actor).select_related(
        "applicant__school", "applicant__county__parent"
    )
    return queryset.get(pk=pk)


def title_application_get_own(*, actor, pk: int) -> TitleApplication:
    """One of ``actor``'s own applications (for the applicant's pages); raises DoesNotExist
    for any other."""
    queryset = title_application_visible(actor=actor).filter(applicant__user=actor)
    return queryset.select_related("applicant__school", "applicant__county").get(pk=pk)


def title_application_list_own(*, actor) -> QuerySet[TitleApplication]:
    """The applicant's own applications, newest year first, with their evidence counts."""
    return (
        title_application_visible(actor=actor)
        .filter(applicant__user=actor)
        .annotate(evidence_count=Count("evidence"))
        .with_title_won()
        .order_by("-year", "-created_at", "-id")
    )


def title_won_before(*, application: TitleApplication) -> int | None:
    """The first round in which the applicant already won the title an open ``application``
    asks for (fetched by the caller through a scoped selector), or None. One query."""
    return (
        TitleApplication.objects.filter(pk=application.pk)
        .with_title_won()
        .values_list("title_won_in", flat=True)
        .first()
    )


def title_application_queue(*, actor, filters=None) -> TitleApplicationQueueFilter:
    """What waits for ``actor``'s decision: applications at their level inside their scope,
    oldest first, filtered by track and year. Returns the bound FilterSet (``.qs``, ``.form``).
    """
    level = reviewer_level(actor)
    queryset = TitleApplication.objects.for_actor(actor)
    queryset = queryset.awaiting(level) if level else queryset.none()
    queryset = (
        queryset.select_related("applicant__school", "applicant__county")
        .annotate(evidence_count=Count("evidence"))
        .with_title_won()
        .order_by("waiting_since", "id")
    )
    return TitleApplicationQueueFilter(filters, queryset=queryset)


def title_application_overview(*, actor, filters=None) -> TitleApplicationQueueFilter:
    """Every submitted application in ``actor``'s scope, whatever its state, newest round
    first; filtered by track and year. Returns the bound FilterSet."""
    queryset = (
        title_application_visible(actor=actor)
        .filter(submitted_at__isnull=False)
        .select_related("applicant__school", "applicant__county")
        .with_title_won()
        .order_by("-year", "-submitted_at", "-id")
    )
    return TitleApplicationQueueFilter(filters, queryset=queryset)


def title_applications_handled(*, actor) -> QuerySet[TitleApplication]:
    """What ``actor`` already decided on (已处理), inside their scope: each application once,
    with the actor's last decision on it (``my_decision``, ``my_decided_at``), latest first."""
    mine = ReviewStep.objects.filter(application=OuterRef("pk"), reviewer=actor).order_by(
        "-acted_at", "-id"
    )
    return (
        TitleApplication.objects.for_actor(actor)
        .filter(pk__in=ReviewStep.objects.filter(reviewer=actor).values("application"))
        .select_related("applicant__school", "applicant__county")
        .annotate(
            my_decision=Subquery(mine.values("decision")[:1]),
            my_decided_at=Subquery(mine.values("acted_at")[:1]),
        )
        .with_title_won()
        .order_by("-my_decided_at", "-id")
    )


def title_queue_count(*, actor) -> int | None:
    """How many applications wait for ``actor``'s decision; None for non-reviewers."""
    level = reviewer_level(actor)
    if level is None:
        return None
    return TitleApplication.objects.for_actor(actor).awaiting(level).count()


def review_history(*, application: TitleApplication) -> QuerySet[ReviewStep]:
    """Every decision on an application the caller has already fetched, oldest first."""
    return application.steps.select_related("reviewer").order_by("acted_at", "id")


def evidence_list(*, application: TitleApplication) -> QuerySet[EvidenceFile]:
    """Evidence of an application the caller has already fetched through a scoped selector."""
    return application.evidence.order_by("uploaded_at", "id")


def evidence_get(*, actor, pk: int) -> EvidenceFile:
    """An evidence file of an application ``actor`` may open; raises DoesNotExist for any
    other."""
    visible = title_application_visible(actor=actor).values("pk")
    return EvidenceFile.objects.for_actor(actor).filter(application__in=visible).get(pk=pk)


def applicant_profile(*, application: TitleApplication, viewer) -> dict:
    """What the portal already knows about the applicant, for reviewers: their registry record
    (post, post rank, school, current title) and what every area knows of them (training,
    titles, ...: ``counselor_facts``), never typed in by the applicant."""
    counselor = application.applicant
    return {"counselor": counselor, "facts": counselor_facts(counselor=counselor, viewer=viewer)}
