"""A school's facts as its dashboard should show them, counted here straight from the tables
(independently of the areas' ``school_facts``), for the dashboard tests."""

from decimal import Decimal

from django.db.models import Sum

from apps.commendations.choices import NominationStatus
from apps.commendations.models import Nomination
from apps.core import clock
from apps.counselors.choices import CounselorPost
from apps.counselors.models import RANKED_AT_LEAST_MIDDLE, Counselor
from apps.funding.choices import PAID_STATUSES, AllocationStatus
from apps.funding.models import Allocation
from apps.inspections.choices import AWAITING_TARGET, FILED
from apps.inspections.models import Inspection, RectificationOrder
from apps.organizations.models import Brigade, Squad
from apps.pairing.choices import FULFILLED_STATUSES, WishStatus
from apps.pairing.models import Pairing, Wish
from apps.titles.choices import ApplicationStatus
from apps.titles.models import TitleApplication
from apps.training.choices import CourseMode
from apps.training.models import Attendance
from apps.transition.choices import MilestoneStatus
from apps.transition.models import HandOff, Milestone, Pilot

# How the school list names each feature a school is flagged with, in its order.
FEATURES = {
    "is_migrant_children_school": "外来务工子女集中学校",
    "is_red_scarf_demonstration": "红领巾示范校",
    "is_transition_pilot": "团队衔接试点",
    "has_drum_corps": "建有鼓号队",
}


def _money(value) -> str:
    return f"{(value or Decimal('0')):.2f}"


def expected_facts(school, year: int) -> dict[str, str]:
    """Each fact of ``school`` for ``year``, counted here straight from the tables."""
    counselors = Counselor.objects.filter(school=school)
    brigade = counselors.filter(post=CounselorPost.BRIGADE).order_by("name", "pk")
    chiefs = Counselor.objects.filter(
        county_id=school.county_id, post=CounselorPost.COUNTY_CHIEF
    ).order_by("name", "pk")
    attendance = Attendance.objects.filter(counselor__school=school, course__start_date__year=year)
    applications = TitleApplication.objects.filter(
        applicant__school=school, year=year, submitted_at__isnull=False
    )
    orders = RectificationOrder.objects.filter(target_school=school)
    allocations = Allocation.objects.filter(recipient_school=school, program__year=year).exclude(
        status=AllocationStatus.CANCELLED
    )
    wishes = Wish.objects.filter(school=school, posted_on__year=year)
    nominations = Nomination.objects.filter(school=school, round__year=year)
    today = clock.today()
    facts = {
        "organizations.brigades": str(Brigade.objects.filter(school=school).count()),
        "organizations.squads": str(Squad.objects.filter(brigade__school=school).count()),
        "organizations.features": "、".join(
            name for flag, name in FEATURES.items() if getattr(school, flag)
        )
        or "无",
        "counselors.total": str(counselors.count()),
        "counselors.brigade": "、".join(f"{c.name}（{school.name}）" for c in brigade) or "空缺",
        "counselors.brigade_ranked": str(
            brigade.filter(post_rank__in=RANKED_AT_LEAST_MIDDLE).count()
        ),
        "counselors.squad": str(counselors.filter(post=CounselorPost.SQUAD).count()),
        "counselors.chief": "、".join(f"{c.name}（{c.county.name}）" for c in chiefs) or "空缺",
        "training.trained": str(attendance.values("counselor").distinct().count()),
        "training.brigade": str(
            attendance.filter(counselor__post=CounselorPost.BRIGADE)
            .values("counselor")
            .distinct()
            .count()
        ),
        "training.hours": str(attendance.aggregate(h=Sum("hours"))["h"] or Decimal("0")),
        "training.face_to_face_hours": str(
            attendance.filter(course__mode=CourseMode.FACE_TO_FACE).aggregate(h=Sum("hours"))["h"]
            or Decimal("0")
        ),
        "titles.submitted": str(applications.count()),
        "titles.reviewing": str(applications.filter(status=ApplicationStatus.SUBMITTED).count()),
        "titles.returned": str(applications.filter(status=ApplicationStatus.RETURNED).count()),
        "titles.approved": str(applications.filter(status=ApplicationStatus.APPROVED).count()),
        "inspections.reports": str(
            Inspection.objects.filter(
                target_school=school, campaign__year=year, status__in=FILED
            ).count()
        ),
        "inspections.issued": str(orders.filter(issued_on__year=year).count()),
        "inspections.waiting": str(orders.filter(status__in=AWAITING_TARGET).count()),
        "inspections.overdue": str(
            orders.filter(status__in=AWAITING_TARGET, deadline__lt=today).count()
        ),
        "funding.allocations": str(allocations.count()),
        "funding.allocated_yuan": _money(allocations.aggregate(a=Sum("amount"))["a"]),
        "funding.paid_yuan": _money(
            allocations.filter(status__in=PAID_STATUSES).aggregate(a=Sum("amount"))["a"]
        ),
        "commendations.nominated": str(nominations.count()),
        "commendations.awarded": str(nominations.filter(status=NominationStatus.AWARDED).count()),
        "pairing.pairings": str(Pairing.objects.filter(school=school, year=year).count()),
        "pairing.wishes": str(wishes.count()),
        "pairing.open": str(wishes.filter(status=WishStatus.OPEN).count()),
        "pairing.fulfilled": str(wishes.filter(status__in=FULFILLED_STATUSES).count()),
    }
    pilot = Pilot.objects.filter(school=school).first()
    if pilot is not None:
        milestones = Milestone.objects.filter(pilot=pilot)
        handoff = HandOff.objects.filter(pilot=pilot, year=year).first()
        facts.update(
            {
                "transition.milestones": str(milestones.count()),
                "transition.done": str(milestones.filter(status=MilestoneStatus.DONE).count()),
                "transition.overdue": str(
                    milestones.exclude(status=MilestoneStatus.DONE).filter(due_on__lt=today).count()
                ),
                "transition.joined": str(handoff.joined) if handoff else "未填报",
            }
        )
    return facts
