"""Attendance import pages: a course's sign-in sheet template, upload, preview, confirm."""

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.exports.import_views import SpreadsheetImportView, SpreadsheetTemplateView
from apps.exports.imports import template_notes
from apps.training.resources import AttendanceResource
from apps.training.services import attendance_import
from apps.training.views import CourseMixin


class AttendanceImportTemplateView(CourseMixin, SpreadsheetTemplateView):
    """The sign-in sheet template (xlsx) of a course in the user's reach."""

    def get_resource(self):
        return AttendanceResource(actor=self.request.user, course=self.course)

    def get(self, request, *args, **kwargs):
        self.filename = f"sign-in-sheet-course-{self.course.pk}"
        return super().get(request, *args, **kwargs)

    def get_title(self):
        return _("Sign-in sheet")

    def get_notes(self):
        course = self.course
        return [
            _("Course: %(name)s (%(start)s, %(hours)s hours)")
            % {"name": course.name, "start": course.start_date.isoformat(), "hours": course.hours},
            *template_notes(row_name=_("counselor")),
        ]


class AttendanceImportView(CourseMixin, SpreadsheetImportView):
    """Import a course's sign-in sheet for counselors in the user's scope (all or nothing)."""

    template_name = "training/attendance_import.html"
    import_key = "training.attendance_import"

    def get_resource(self):
        return AttendanceResource(actor=self.request.user, course=self.course)

    def pending_scope(self):
        return str(self.course.pk)

    def run(self, dataset, *, dry_run, expected=None):
        return attendance_import(
            actor=self.request.user,
            course=self.course,
            dataset=dataset,
            dry_run=dry_run,
            expected=expected,
        )

    def get_success_url(self):
        return reverse("training:course-detail", args=[self.course.pk])

    def get_context_data(self, **kwargs):
        return super().get_context_data(course=self.course, **kwargs)
