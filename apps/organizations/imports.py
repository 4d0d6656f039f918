"""School import pages: the template, upload, preview and confirmation (all or nothing)."""

from django.urls import reverse
from django.utils.translation import gettext as _

from apps.exports.import_views import SpreadsheetImportView, SpreadsheetTemplateView
from apps.exports.imports import template_notes
from apps.organizations.resources import SchoolResource


class SchoolImportTemplateView(SpreadsheetTemplateView):
    """The school import template (xlsx)."""

    filename = "schools-template"

    def get_resource(self):
        return SchoolResource(actor=self.request.user)

    def get_title(self):
        return _("Schools")

    def get_notes(self):
        return [
            *template_notes(row_name=_("school")),
            _(
                "A school is known by its county and name: a row naming a school that exists"
                " updates it."
            ),
        ]


class SchoolImportView(SpreadsheetImportView):
    """Import schools into counties of the user's scope."""

    template_name = "organizations/school_import.html"
    import_key = "organizations.school_import"

    def get_resource(self):
        return SchoolResource(actor=self.request.user)

    def get_success_url(self):
        return reverse("organizations:school-list")
