"""Allocation import pages of a program: the template, upload, preview and confirmation
(all or nothing; see apps/funding/resources.py)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from apps.core.views import get_or_404
from apps.exports.import_views import SpreadsheetImportView, SpreadsheetTemplateView
from apps.exports.imports import template_notes
from apps.funding import selectors
from apps.funding.choices import Target
from apps.funding.resources import AllocationResource
from apps.funding.views import program_url


class _ProgramImportMixin:
    """The program a file is imported into, fetched through the scoped selector (404)."""

    def dispatch(self, request, *args, **kwargs):
        self.program = get_or_404(selectors.program_get, actor=request.user, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_resource(self):
        return AllocationResource(actor=self.request.user, program=self.program)


class AllocationImportTemplateView(_ProgramImportMixin, SpreadsheetTemplateView):
    """The allocation list template (xlsx) of a program in the user's reach."""

    def get(self, request, *args, **kwargs):
        self.filename = f"allocations-program-{self.program.pk}"
        return super().get(request, *args, **kwargs)

    def get_title(self):
        return _("Allocations")

    def get_notes(self):
        program = self.program
        return [
            _("Program: %(year)s %(name)s, paying %(kind)s.")
            % {"year": program.year, "name": program.name, "kind": Target(program.target).label},
            *template_notes(row_name=_("allocation")),
            _(
                "The rows drawing on one budget are added up first: a file that spends more"
                " than a budget has left is refused as a whole."
            ),
        ]


class AllocationImportView(_ProgramImportMixin, SpreadsheetImportView):
    """Import an allocation list into a program (all or nothing, within budget)."""

    template_name = "funding/allocation_import.html"
    import_key = "funding.allocation_import"

    def pending_scope(self):
        return str(self.program.pk)

    def get_success_url(self):
        return program_url(self.program)

    def get_context_data(self, **kwargs):
        return super().get_context_data(program=self.program, **kwargs)
