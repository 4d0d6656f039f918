"""The shapes every joint-inspection page takes, on the core's view bases: a list, a page
about one row, a form that hands its data to a service, and a POST-only step. Pages of
one shape differ only in their selector, service and words, which each view declares."""

from __future__ import annotations

from django.db import models

from apps.core.views import FilteredListView, ObjectActionView, ObjectDetailView, ObjectFormView
from apps.exports.mixins import ListExportMixin
from apps.inspections.history import row_history


class ListPage(ListExportMixin, FilteredListView):
    """A filtered list on keyset pages; ``?format=xlsx|csv`` exports the filtered rows.
    The template (``inspections/<model>_list.html``) extends ``inspections/list_page.html``."""


def list_page(name: str, *, title, selector, ordering, export_kind: str):
    """A ``ListPage`` of the rows ``selector(actor=, filters=)`` returns, in ``ordering``
    (the list's keyset order), exported as ``export_kind``."""
    attributes = {
        "__doc__": f"The {export_kind} the user sees; ``?format=xlsx|csv`` exports them.",
        "__module__": __name__,
        "title": title,
        "list_selector": selector,
        "ordering": ordering,
        "export_kind": export_kind,
    }
    return type(name, (ListPage,), attributes)


class DetailPage(ObjectDetailView):
    """A page about one row (``core.views.ObjectDetailView``) whose history names each
    change by its step."""

    def history(self, row) -> list:
        return row_history(row, viewer=self.request.user)


def _page_of(saved, fallback) -> str:
    row = saved if isinstance(saved, models.Model) else fallback
    return row.get_absolute_url()


class FormPage(ObjectFormView):
    """A form about one row whose cleaned data goes to ``service(actor=,
    <object_keyword>=row, **service_kwargs(form))``; the saved row's page follows (the row's
    own for results that are not rows). Rendered by ``inspections/form_page.html``:
    ``title``, an ``intro`` or the row's ``facts`` above the form, ``form_name`` as its
    ``data-form``."""

    template_name = "inspections/form_page.html"
    form_name = ""
    intro = ""

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), **self.form_context()}

    def form_context(self) -> dict:
        """Further keyword arguments of the form (the row it is about...)."""
        return {}

    def success_url_for(self, saved):
        return _page_of(saved, self.object)

    def facts(self) -> list[tuple]:
        """(label, value) pairs about the row, shown above the form."""
        return []

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            form_name=self.form_name,
            intro=self.intro,
            facts=self.facts(),
            cancel_url=self.object.get_absolute_url(),
            **kwargs,
        )


class StepView(ObjectActionView):
    """A POST-only step: ``service(actor=, <object_keyword>=row)``, then back to the row's
    page."""

    def back(self, obj):
        return obj.get_absolute_url()


def step_view(name: str, selector, param: str, service, success_message) -> type[StepView]:
    """A ``StepView`` calling ``service(actor=, <param>=row)`` on the row from ``selector``."""
    attributes = {
        "__doc__": f"POST: ``{service.__name__}`` on the row, back to its page.",
        "__module__": __name__,
        "selector": selector,
        "object_keyword": param,
        "service": service,
        "success_message": success_message,
    }
    return type(name, (StepView,), attributes)
