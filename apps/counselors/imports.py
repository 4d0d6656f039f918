"""Counselor import pages: the template, upload, preview and confirmation (all or nothing)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.counselors.resources import CounselorResource
from apps.exports.import_views import SpreadsheetImportView, SpreadsheetTemplateView
from apps.exports.imports import template_notes


class CounselorImportTemplateView(SpreadsheetTemplateView):
    """The counselor import template (xlsx)."""

    filename = "counselors-template"

    def get_resource(self):
        return CounselorResource(actor=self.request.user)

    def get_title(self):
        return _("Counselors")

    def get_notes(self):
        return [
            *template_notes(row_name=_("counselor")),
            _(
                "A counselor is known by ID number: a row with a number already registered in"
                " your area updates that record."
            ),
        ]


class CounselorImportView(SpreadsheetImportView):
    """Import counselor records into schools and counties of the user's scope."""

    template_name = "counselors/counselor_import.html"
    import_key = "counselors.counselor_import"

    def get_resource(self):
        return CounselorResource(actor=self.request.user)

    def get_success_url(self):
        return reverse("counselors:counselor-list")
