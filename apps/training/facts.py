"""What the training area knows of a counselor, shown on their record and to title reviewers
(``counselor_facts`` in apps.py), and of a school's counselors (``school_facts``)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.access import link_for
from apps.core.registry import Fact
from apps.counselors.choices import CounselorPost
from apps.training.choices import CourseMode
from apps.training.models import Attendance
from apps.training.permissions import Perm
from apps.training.selectors import counselor_training_summary


def training_facts(*, counselor, viewer) -> list[Fact]:
    """Hours of training (face to face among them), the number of courses and each course
    attended with its certificate; for the counselor themself and those who read attendance.
    Two queries."""
    if counselor.user_id != viewer.pk and not viewer.has_perm(Perm.VIEW_ATTENDANCE):
        return []
    summary = counselor_training_summary(counselor=counselor)
    facts = [
        Fact(
            _("Training hours"),
            _("%(total)s hours, %(face)s of them face to face")
            % {"total": summary["hours_total"], "face": summary["face_to_face_hours"]},
        ),
        Fact(_("Courses attended"), summary["courses"]),
    ]
    may_open = viewer.has_perm(Perm.VIEW_COURSE)
    for row in summary["attendances"]:
        facts.append(
            Fact(
                row["course_name"],
                _("from %(start)s, %(hours)s hours, certificate %(number)s")
                % {
                    "start": row["start_date"].isoformat(),
                    "hours": row["hours"],
                    "number": row["certificate_number"],
                },
                reverse("training:course-detail", args=[row["course_id"]]) if may_open else None,
            )
        )
    return facts


def school_facts(*, school, year, viewer) -> list[Fact]:
    """Training of the school's counselors in courses starting in ``year``: how many were
    trained (brigade counselors among them) and the hours credited. One query."""
    figures = Attendance.objects.filter(
        counselor__school=school, course__start_date__year=year
    ).aggregate(
        trained=Count("counselor", distinct=True),
        brigade=Count("counselor", distinct=True, filter=Q(counselor__post=CounselorPost.BRIGADE)),
        total_hours=Sum("hours"),
        face_hours=Sum("hours", filter=Q(course__mode=CourseMode.FACE_TO_FACE)),
    )
    url = link_for(viewer, "training:course-list")
    return [
        Fact(_("Counselors trained"), figures["trained"], url, "training.trained"),
        Fact(_("Brigade counselors trained"), figures["brigade"], url, "training.brigade"),
        Fact(_("Training hours"), figures["total_hours"] or Decimal("0"), url, "training.hours"),
        Fact(
            _("Face-to-face training hours"),
            figures["face_hours"] or Decimal("0"),
            url,
            "training.face_to_face_hours",
        ),
    ]
