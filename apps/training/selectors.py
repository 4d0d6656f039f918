"""Reads of training data. Every list starts from the actor's scope."""

from decimal import Decimal

from django.db.models import Q, Sum

from apps.counselors.models import Counselor
from apps.training.choices import CourseMode
from apps.training.models import Attendance


def counselor_training_summary(*, counselor: Counselor) -> dict:
    """A counselor's training record for reviewers and the counselor's own page.

    The caller has already fetched ``counselor`` through a scoped selector. Returns
    ``hours_total`` and ``face_to_face_hours`` (Decimal), ``courses`` (int) and
    ``attendances``: dicts of ``course_name``, ``start_date``, ``hours``, ``certificate_number``.
    Two queries.
    """
    rows = Attendance.objects.filter(counselor=counselor)
    totals = rows.aggregate(
        hours_total=Sum("hours"),
        face_to_face_hours=Sum("hours", filter=Q(course__mode=CourseMode.FACE_TO_FACE)),
    )
    attendances = [
        {
            "course_name": name,
            "start_date": start_date,
            "hours": hours,
            "certificate_number": certificate_number,
        }
        for name, start_date, hours, certificate_number in rows.order_by(
            "-course__start_date", "course__name"
        ).values_list("course__name", "course__start_date", "hours", "certificate_number")
    ]
    return {
        "hours_total": totals["hours_total"] or Decimal("0"),
        "face_to_face_hours": totals["face_to_face_hours"] or Decimal("0"),
        "courses": len(attendances),
        "attendances": attendances,
    }
