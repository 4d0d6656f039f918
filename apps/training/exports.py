"""The course list and a course's attendance as exports (see apps.exports.registry).

Courses are provincial reference data; attendance names counselors, so it is read through
the actor's scope and only by those who may read attendance at all. Imported at start-up
by the exports app, which registers each area's ``exports`` module.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.exports.columns import choice_labels
from apps.exports.lists import filtered, list_export
from apps.exports.writers import CellType, Column
from apps.training.choices import CourseCategory, CourseMode
from apps.training.models import Attendance
from apps.training.permissions import Perm
from apps.training.selectors import course_attendances, course_list

# The filter parameter that names the course whose attendance is exported; the course page
# sets it from its URL.
COURSE_PARAM = "course"


# The course_list_order index, as the list page.
@list_export(
    "courses", _("Courses"), filtered(course_list), ("-start_date", "name", "id"), Perm.VIEW_COURSE
)
def course_columns(viewer) -> list[Column]:
    """The course list's columns; the attendee count is the viewer's area only, as on the page."""
    return [
        Column(_("Course"), "name", width=32),
        Column(_("Plan"), "plan__name", width=28),
        Column(_("Category"), "category", width=16, transform=choice_labels(CourseCategory)),
        Column(_("Mode"), "mode", width=10, transform=choice_labels(CourseMode)),
        Column(_("Organiser"), "organiser", width=20),
        Column(_("Start date"), "start_date", CellType.DATE),
        Column(_("End date"), "end_date", CellType.DATE),
        Column(_("Hours"), "hours", CellType.DECIMAL),
        Column(_("Capacity"), "capacity", CellType.INTEGER),
        Column(_("Attendees in your area"), "attendance_count", CellType.INTEGER),
    ]


def attendance_rows(*, actor, filters):
    """The attendance of the course named by the ``course`` parameter, for counselors in the
    actor's scope; no rows without a valid course id."""
    course_id = str((filters or {}).get(COURSE_PARAM) or "")
    if not course_id.isdigit():
        return Attendance.objects.none()
    return course_attendances(actor=actor, course=int(course_id))


# As the course page lists it.
@list_export(
    "course-attendance",
    _("Course attendance"),
    attendance_rows,
    ("counselor__county_id", "counselor__name", "id"),
    Perm.VIEW_COURSE,
    Perm.VIEW_ATTENDANCE,
)
def attendance_columns(viewer) -> list[Column]:
    """A course's attendance columns: the names and places the page shows, no ID numbers."""
    return [
        Column(_("Course"), "course__name", width=32),
        Column(_("Counselor"), "counselor__name", width=10),
        Column(_("County"), "counselor__county__name", width=14),
        Column(_("School"), "counselor__school__name", width=28),
        Column(_("Hours"), "hours", CellType.DECIMAL),
        Column(_("Certificate number"), "certificate_number", width=18),
    ]
