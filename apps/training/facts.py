"""What the training area knows of a counselor, shown on their record and to title reviewers
(declared as ``counselor_facts`` in apps.py)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.core.registry import Fact
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
