"""Reads of joint inspections. Every read starts from the actor's view of the entity
(``Model.objects.for_actor``), which combines the rules: the campaign lead, the team and the
assigned inspectors see their own work; regional roles see targets in their subtree."""

from django.db.models import Count, Prefetch, Q, QuerySet

from apps.inspections.choices import FILED
from apps.inspections.filters import (
    CampaignFilter,
    CircularFilter,
    InspectionFilter,
    RectificationOrderFilter,
)
from apps.inspections.models import (
    Campaign,
    ChecklistItem,
    Circular,
    EvaluationScheme,
    Finding,
    IndicatorScore,
    Inspection,
    InspectionEvidence,
    RectificationEvidence,
    RectificationOrder,
    TeamMember,
)
from apps.organizations.models import Division

# The lists' keyset orders (unique, non-NULL, indexed), shared with their exports.
CAMPAIGN_ORDER = ("-year", "-start_date", "-id")
INSPECTION_ORDER = ("campaign_id", "target_division_code", "id")
ORDER_ORDER = ("deadline", "id")
# Drafts first, then the newest; published_on may be empty, so it cannot order pages.
CIRCULAR_ORDER = ("is_published", "-id")
PUBLIC_CIRCULAR_ORDER = ("-id",)
SCHEME_ORDER = ("-year", "division_id", "name", "id")

# --- Campaigns ----------------------------------------------------------------------------


def campaign_queryset(*, actor) -> QuerySet[Campaign]:
    """Campaigns the actor sees, with their lead, area and report counts."""
    return (
        Campaign.objects.for_actor(actor)
        .select_related("lead", "division")
        .annotate(
            report_count=Count("inspections", distinct=True),
            filed_count=Count(
                "inspections", filter=Q(inspections__status__in=FILED), distinct=True
            ),
        )
        .order_by(*CAMPAIGN_ORDER)
    )


def campaign_list(*, actor, filters: dict | None = None) -> CampaignFilter:
    """The actor's campaigns narrowed by ``filters``; ``.qs`` is the rows, ``.form`` the form."""
    return CampaignFilter(filters or None, queryset=campaign_queryset(actor=actor))


def campaign_get(*, actor, pk: int) -> Campaign:
    """One campaign the actor sees; raises Campaign.DoesNotExist otherwise."""
    return campaign_queryset(actor=actor).get(pk=pk)


def campaign_team(*, campaign: Campaign) -> list[TeamMember]:
    """The joint team of a campaign the caller already fetched through ``campaign_get``."""
    return list(campaign.team.select_related("user"))


def campaign_checklist(*, campaign: Campaign) -> list[ChecklistItem]:
    """The checklist of a campaign the caller already fetched through ``campaign_get``."""
    return list(campaign.checklist.all())


def team_member_get(*, actor, pk: int) -> TeamMember:
    """A team member of a campaign the actor sees; raises TeamMember.DoesNotExist otherwise."""
    return TeamMember.objects.select_related("campaign").get(
        pk=pk, campaign__in=Campaign.objects.for_actor(actor).values("pk")
    )


def checklist_item_get(*, actor, pk: int) -> ChecklistItem:
    """A checklist item of a campaign the actor sees; raises DoesNotExist otherwise."""
    return ChecklistItem.objects.select_related("campaign").get(
        pk=pk, campaign__in=Campaign.objects.for_actor(actor).values("pk")
    )


# --- Reports ------------------------------------------------------------------------------


def inspection_queryset(*, actor) -> QuerySet[Inspection]:
    """Reports the actor sees, with what lists show (campaign, target)."""
    return Inspection.objects.for_actor(actor).select_related(
        "campaign", "target_division", "target_school", "target_school__county"
    )


def inspection_list(*, actor, filters: dict | None = None) -> InspectionFilter:
    """The actor's reports narrowed by ``filters``; ``.qs`` is the rows, ``.form`` the form."""
    return InspectionFilter(filters or None, queryset=inspection_queryset(actor=actor), actor=actor)


def inspection_get(*, actor, pk: int) -> Inspection:
    """One report the actor sees, with scores, findings (and their orders), evidence and
    inspectors; raises Inspection.DoesNotExist otherwise."""
    return (
        inspection_queryset(actor=actor)
        .select_related("campaign__lead", "submitted_by", "accepted_by")
        .prefetch_related(
            Prefetch("scores", queryset=IndicatorScore.objects.select_related("item")),
            Prefetch(
                "findings",
                queryset=Finding.objects.prefetch_related(
                    Prefetch(
                        "orders",
                        queryset=RectificationOrder.objects.select_related(
                            "target_division", "target_school"
                        ),
                    )
                ),
            ),
            "evidence",
            "inspectors",
        )
        .get(pk=pk)
    )


def inspections_of_campaign(*, actor, campaign: Campaign) -> QuerySet[Inspection]:
    """The reports of one campaign that the actor sees (an inspector: their own)."""
    return (
        inspection_queryset(actor=actor)
        .filter(campaign=campaign)
        .prefetch_related("inspectors")
        .order_by("target_division_code", "id")
    )


def finding_get(*, actor, pk: int) -> Finding:
    """A finding of a report the actor sees; raises Finding.DoesNotExist otherwise."""
    return Finding.objects.select_related(
        "inspection__campaign", "inspection__target_division", "inspection__target_school"
    ).get(pk=pk, inspection__in=Inspection.objects.for_actor(actor).values("pk"))


def evidence_get(*, actor, pk: int) -> InspectionEvidence:
    """A report's evidence file, only for those who see the report; DoesNotExist otherwise."""
    return InspectionEvidence.objects.get(
        pk=pk, inspection__in=Inspection.objects.for_actor(actor).values("pk")
    )


# --- Rectification orders -----------------------------------------------------------------


def order_queryset(*, actor) -> QuerySet[RectificationOrder]:
    """Orders the actor sees, with their target, issuer and campaign."""
    return RectificationOrder.objects.for_actor(actor).select_related(
        "target_division",
        "target_school",
        "issued_by",
        "finding__inspection__campaign",
    )


def order_list(*, actor, filters: dict | None = None) -> RectificationOrderFilter:
    """The actor's orders narrowed by ``filters``; ``.qs`` is the rows, ``.form`` the form."""
    return RectificationOrderFilter(
        filters or None, queryset=order_queryset(actor=actor), actor=actor
    )


def order_get(*, actor, pk: int) -> RectificationOrder:
    """One order the actor sees, with its evidence and steps; DoesNotExist otherwise."""
    return (
        order_queryset(actor=actor)
        .select_related(
            "submitted_by",
            "closed_by",
            "finding__inspection__target_division",
            "finding__inspection__target_school",
        )
        .prefetch_related("evidence", "events__actor")
        .get(pk=pk)
    )


def order_evidence_get(*, actor, pk: int) -> RectificationEvidence:
    """An order's evidence file, only for those who see the order; DoesNotExist otherwise."""
    return RectificationEvidence.objects.get(
        pk=pk, order__in=RectificationOrder.objects.for_actor(actor).values("pk")
    )


def orders_overdue_for(*, actor, limit: int = 10) -> tuple[list[RectificationOrder], int]:
    """The actor's overdue orders (the target's staff: orders to their area; the issuer:
    orders they issued), oldest deadline first, and how many there are. Two queries."""
    overdue = order_queryset(actor=actor).overdue().order_by("deadline", "id")
    return list(overdue[:limit]), overdue.count()


# --- Circulars ----------------------------------------------------------------------------


def circular_list(*, actor, filters: dict | None = None) -> CircularFilter:
    """Circulars of the campaigns the actor sees, drafts included."""
    queryset = Circular.objects.for_actor(actor).select_related("campaign")
    return CircularFilter(filters or None, queryset=queryset.order_by(*CIRCULAR_ORDER))


def circular_get(*, actor, pk: int) -> Circular:
    """One circular the actor sees (a draft too); raises Circular.DoesNotExist otherwise."""
    return (
        Circular.objects.for_actor(actor)
        .select_related("campaign")
        .prefetch_related("named_divisions", "named_schools", "findings__inspection")
        .get(pk=pk)
    )


def public_circular_list() -> QuerySet[Circular]:
    """Published circulars for the public pages, newest first; never a draft."""
    return Circular.objects.published().order_by(*PUBLIC_CIRCULAR_ORDER)


def public_circular_get(*, pk: int) -> Circular:
    """One published circular with the units it names; DoesNotExist for a draft."""
    return (
        Circular.objects.published().prefetch_related("named_divisions", "named_schools").get(pk=pk)
    )


# --- Evaluation schemes -------------------------------------------------------------------


def scheme_list(*, actor) -> QuerySet[EvaluationScheme]:
    """Schemes issued in the actor's subtree or above it, with their item count."""
    return (
        EvaluationScheme.objects.for_actor(actor)
        .select_related("division")
        .annotate(item_count=Count("items"))
        .order_by(*SCHEME_ORDER)
    )


def scheme_get(*, actor, pk: int) -> EvaluationScheme:
    """One scheme the actor sees, with its items; DoesNotExist otherwise."""
    return scheme_list(actor=actor).prefetch_related("items").get(pk=pk)


def schemes_editable(*, actor) -> QuerySet[EvaluationScheme]:
    """The schemes the actor may change: issued inside their own subtree (not above it)."""
    return scheme_list(actor=actor).filter(
        division__in=Division.objects.for_actor(actor).values("pk")
    )


def scheme_for_edit(*, actor, pk: int) -> EvaluationScheme:
    """A scheme the actor may change (``schemes_editable``); DoesNotExist otherwise."""
    return schemes_editable(actor=actor).prefetch_related("items").get(pk=pk)
