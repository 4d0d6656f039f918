"""View bases every area's pages are built from, and the public home page.

Views stay thin: fetch rows through a scoped selector (404 outside scope), hand writes to a
service, put a service's ValidationError next to the field it names, and keep every list on
keyset pages (apps/core/pagination.py). A list's query string never makes a 500: its number
filters are bounded (apps/core/filters.py), year lookups cannot fail (apps/core/lookups.py),
and a query its parameters still make impossible is a 400 page.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import (
    BadRequest,
    ObjectDoesNotExist,
    PermissionDenied,
    ValidationError,
)
from django.db import DataError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import FormView, TemplateView

from apps.core import freshness, registry
from apps.core.evidence import evidence_response
from apps.core.filters import bounded, fixed_choices
from apps.core.forms import PostedVersionForm, VersionedFormMixin, apply_service_errors
from apps.core.history import (
    HistoryEntry,
    history_of_related,
    history_panel,
    is_audited,
    parts_history,
)
from apps.core.pagination import CURSOR_PARAM, KeysetPaginator


def get_or_404(selector, **kwargs):
    """``selector(**kwargs)``, with a row that does not exist for the actor as a 404."""
    try:
        return selector(**kwargs)
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


logger = logging.getLogger(__name__)

# What a query built from a visitor's parameters may still raise once its filters have read
# them: the request was bad, not the portal (a 400 page, never a 500).
BAD_QUERY_ERRORS = (ValueError, OverflowError, ValidationError, DataError)


def keyset_page(request, queryset, ordering, *, count_key=None):
    """One keyset page of ``queryset`` in ``ordering``, from the request's cursor. A query
    the request's parameters make impossible is a 400 (BadRequest), logged. ``count_key``
    names the rows for their kept total (``KeysetPaginator``)."""
    paginator = KeysetPaginator(
        queryset, per_page=settings.PORTAL_PAGE_SIZE, ordering=ordering, count_key=count_key
    )
    try:
        return paginator.page(request.GET.get(CURSOR_PARAM))
    except BAD_QUERY_ERRORS as exc:
        logger.warning("Refused list parameters %s: %r", request.GET.urlencode()[:500], exc)
        raise BadRequest from exc


def model_template(model, suffix: str) -> str:
    """Django's name for a page of ``model``'s rows: ``<app_label>/<model_name><suffix>.html``
    (``_list``, ``_detail``), as its generic views name theirs."""
    return f"{model._meta.app_label}/{model._meta.model_name}{suffix}.html"


class FilteredListView(TemplateView):
    """A list page: ``list_selector(actor=, filters=)`` returns the actor's FilterSet; the
    page shows its form and one keyset page of its rows in ``ordering`` (unique, indexed),
    and its create button (``can_create``) to whom ``may_create(user)`` lets add a row,
    with what ``list_context(page)`` adds. ``title`` is the list's heading
    (``templates/_partials/list_page.html``); the template is ``<app>/<model>_list.html``
    unless ``template_name`` names another."""

    title = ""
    list_selector = None
    ordering: tuple[str, ...] = ("-pk",)
    # The columns the rows show (``only()``; the ordering's are added), or None for all:
    # a busy list need not read and build every column of every joined row.
    row_fields: tuple[str, ...] | None = None

    def may_create(self, user) -> bool:
        return False

    def get_filterset(self):
        # Every number filter bounded to what its column holds: a value out of range is a
        # form error (the filter ignored, the reason shown next to it), not a failed query.
        # Their choices shared, not copied for the form (``fixed_choices``).
        filterset = type(self).list_selector(actor=self.request.user, filters=self.request.GET)
        return bounded(fixed_choices(filterset))

    def get_template_names(self):
        if self.template_name:
            return super().get_template_names()
        return [model_template(self.filterset.queryset.model, "_list")]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.filterset = self.get_filterset()
        try:
            queryset = filterset.qs  # reads the parameters (a choice filter queries them)
        except BAD_QUERY_ERRORS as exc:
            logger.warning(
                "Refused list parameters %s: %r", self.request.GET.urlencode()[:500], exc
            )
            raise BadRequest from exc
        if self.row_fields is not None:
            keys = (name.lstrip("-") for name in self.ordering)
            queryset = queryset.only(*self.row_fields, *keys)
        # The rows are what the filter form shows chosen: one key names both.
        filter_key = self.filter_key()
        context.update(
            filter=filterset,
            filter_key=filter_key,
            page=keyset_page(self.request, queryset, self.ordering, count_key=filter_key),
            can_create=self.may_create(self.request.user),
        )
        context.update(self.list_context(context["page"]))
        context.setdefault("title", self.title)
        return context

    def list_context(self, page) -> dict:
        """What the page shows besides the filter form and ``page``, its rows."""
        return {}

    def filter_key(self) -> str:
        """What the filter form and the list's total depend on but the database, for
        ``{% kept %}`` and the kept count: the view and its address's arguments, the viewer
        (scope and permissions), the parameters (but the page's cursor), the language and
        the day."""
        parameters = sorted(
            (name, value)
            for name, values in self.request.GET.lists()
            if name != CURSOR_PARAM
            for value in values
        )
        return freshness.key(
            "filters",
            type(self).__module__,
            type(self).__qualname__,
            sorted(self.kwargs.items()),
            parameters,
            *freshness.viewer_parts(self.request.user),
        )


class ServiceFormView(FormView):
    """A form whose cleaned data goes to a service. Subclasses define ``load()`` (fetch the
    rows it works on through scoped selectors, before anything else, so out of scope is a
    404 for GET and POST alike), ``permitted()`` (the area's rule on them, else a 403),
    ``get_instance()``, ``perform(form)`` (call the service, return the saved row; by default
    ``service(actor=, **the form's values)``) and
    ``success_url_for(saved)`` (by default the ``detail_url`` page of the saved row); with
    ``form_takes_actor`` the form is given the user as ``actor=``. The
    service's ValidationError is shown next to its fields and nothing is saved.

    A form with ``VersionedFormMixin`` carries the version its row was loaded at:
    ``form_values(form)`` are its values without it, ``versioned(form)`` the keyword
    ``seen_version`` to hand the service, which refuses a save over a newer change
    (``core.versioning``). The refusal is shown above the form, the typed values kept."""

    success_message = _("Saved.")
    title = ""
    detail_url = ""
    # Whether the form takes the user as ``actor=`` (to offer only the rows in their scope).
    form_takes_actor = False
    service = None

    def dispatch(self, request, *args, **kwargs):
        self.load()
        if not self.permitted():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def load(self) -> None:
        """Fetch the rows the form works on, through the scoped selectors."""

    def permitted(self) -> bool:
        """Whether the user may use this form on what ``load()`` fetched."""
        return True

    def get_instance(self):
        return None

    def perform(self, form):
        """Unless a view says otherwise: ``service(actor=, **the form's values)``."""
        return type(self).service(actor=self.request.user, **self.form_values(form))

    def form_values(self, form) -> dict:
        """The form's cleaned values, without the version a versioned form carries."""
        return {name: value for name, value in form.cleaned_data.items() if name != "version"}

    def seen_version(self, form) -> int | None:
        """The version of the row the form was loaded with (None for an unversioned form
        or one that adds a row)."""
        if isinstance(form, VersionedFormMixin) and form.carries_version:
            return form.cleaned_data.get("version")
        return None

    def versioned(self, form) -> dict:
        """``{"seen_version": ...}`` for a form carrying the version of a stored row, else
        nothing (a form that adds a row): the keyword a service refusing stale saves takes."""
        if isinstance(form, VersionedFormMixin) and form.carries_version:
            return {"seen_version": self.seen_version(form)}
        return {}

    def success_url_for(self, saved):
        return reverse(self.detail_url, args=[saved.pk])

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        instance = self.get_instance()
        if instance is not None:
            kwargs["instance"] = instance
        if self.form_takes_actor:
            kwargs["actor"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            saved = self.perform(form)
        except ValidationError as error:
            apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return redirect(self.success_url_for(saved))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        return context


class ObjectFormView(ServiceFormView):
    """A form about one row, fetched by ``selector(actor=, pk=)`` (404 outside scope); with
    ``edits_object`` the row is the model form's instance. Unless ``perform`` says
    otherwise, the form's values go to ``service(actor=, <row's model name>=row, **values)``
    (``object_keyword`` names the row's keyword when it is another; ``service_kwargs(form)``
    gives the values: by default the form's values, with ``seen_version`` when the form is
    versioned). With ``form_takes_object`` the form is given the row too, by the same
    keyword. With ``returns_to_object`` a save leads to the ``detail_url`` page of the row
    the form is about rather than of the saved row."""

    selector = None
    edits_object = False
    object_keyword = ""
    form_takes_object = False
    returns_to_object = False

    def load(self):
        self.object = get_or_404(type(self).selector, actor=self.request.user, pk=self.kwargs["pk"])

    def get_instance(self):
        return self.object if self.edits_object else None

    def object_kwargs(self) -> dict:
        """The row as the keyword the service (and a ``form_takes_object`` form) takes."""
        return {self.object_keyword or self.object._meta.model_name: self.object}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        if self.form_takes_object:
            kwargs.update(self.object_kwargs())
        return kwargs

    def service_kwargs(self, form) -> dict:
        return {**self.form_values(form), **self.versioned(form)}

    def perform(self, form):
        return type(self).service(
            actor=self.request.user, **self.object_kwargs(), **self.service_kwargs(form)
        )

    def success_url_for(self, saved):
        return super().success_url_for(self.object if self.returns_to_object else saved)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.object
        return context


class ObjectDetailView(TemplateView):
    """A page about one row, fetched by ``selector(actor=, pk=)`` (404 outside scope), in
    the context as ``object`` and as ``context_object_name`` (by default the row's model
    name), rendered by ``<app>/<model>_detail.html`` unless ``template_name`` names another
    (the page's templates may extend ``_partials/record_page.html``), with what
    ``object_context(obj)`` adds. Its ``history(obj)`` is in the context as ``history``
    (templates/core/_history.html): by default an audited row's changes, with those of the
    rows ``related_history(obj)`` names (shown on the same page)."""

    selector = None
    context_object_name = ""
    # Rows the page shows with the record whose changes its panel shows too: (model, the
    # foreign key naming the record) pairs (``core.history.parts_history``).
    history_parts: tuple = ()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        self.object = get_or_404(type(self).selector, actor=self.request.user, pk=kwargs["pk"])
        name = self.context_object_name or self.object._meta.model_name
        context["object"] = context[name] = self.object
        history = self.history(self.object)
        if history is not None:
            context["history"] = history
        context.update(self.object_context(self.object))
        return context

    def get_template_names(self):
        if self.template_name:
            return super().get_template_names()
        return [model_template(type(self.object), "_detail")]

    def object_context(self, obj) -> dict:
        return {}

    def history(self, obj):
        """The page's history panel: an audited row's changes with those ``related_history``
        names (None for a row that keeps no history)."""
        if not is_audited(obj):
            return None
        return history_panel(obj, viewer=self.request.user, related=self.related_history(obj))

    def related_history(self, obj) -> list:
        """Histories of rows shown on this page with ``obj`` (``history_of_related``); by
        default those ``history_parts`` names."""
        return parts_history(obj, self.history_parts, viewer=self.request.user)

    def rows_history(self, model, label: str, **filters) -> list[HistoryEntry]:
        """For ``related_history``: the changes of the ``model`` rows matching ``filters``,
        as the viewer may see them, each named by ``label`` formatted with ``name`` (the
        model's verbose name) and ``row`` (the row as it was), e.g. ``"{name}：{row.title}"``."""
        name = model._meta.verbose_name
        return history_of_related(
            model,
            viewer=self.request.user,
            label=lambda row: label.format(name=name, row=row),
            **filters,
        )


class FileDownloadView(View):
    """A stored file (``file``, ``download_name``, ``content_type``) as an attachment, for
    whoever sees its row: ``selector(actor=, pk=)`` (404 outside scope)."""

    selector = None

    def get(self, request, pk):
        row = get_or_404(type(self).selector, actor=request.user, pk=pk)
        return evidence_response(
            row.file, filename=row.download_name, content_type=row.content_type
        )


class ObjectActionView(View):
    """A POST-only step on one row (start, submit, accept, publish...): ``perform(obj)``
    calls the service; its refusal is shown as a message on the page ``back(obj)`` (by
    default the row's ``detail_url`` page). ``seen_version()`` is the version of the row
    the page showed, when the button carried it. Unless ``perform`` says otherwise, the
    step is ``service(actor=, <row's model name>=row)`` (``object_keyword`` names the row's
    keyword when it is another), given ``seen_version=`` too when ``versioned``."""

    http_method_names = ["post"]
    selector = None
    success_message = _("Done.")
    detail_url = ""
    service = None
    object_keyword = ""
    versioned = False

    @classmethod
    def step(cls, service, success_message):
        """The view of a step that differs from ``cls`` only by its service and message."""
        return type(
            f"{cls.__name__.lstrip('_')}[{service.__name__}]",
            (cls,),
            {"__module__": cls.__module__, "service": service, "success_message": success_message},
        )

    def perform(self, obj):
        keywords = {self.object_keyword or obj._meta.model_name: obj}
        if self.versioned:
            keywords["seen_version"] = self.seen_version()
        # A service that returns nothing leaves the row's page to go back to.
        return type(self).service(actor=self.request.user, **keywords) or obj

    def back(self, obj):
        return reverse(self.detail_url, args=[obj.pk])

    def seen_version(self) -> int | None:
        form = PostedVersionForm(self.request.POST)
        return form.cleaned_data["version"] if form.is_valid() else None

    def post(self, request, pk):
        obj = get_or_404(type(self).selector, actor=request.user, pk=pk)
        try:
            result = self.perform(obj)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(self.back(obj))
        messages.success(request, self.success_message)
        return redirect(self.back(result))


class PageFormPostView(View):
    """A form posted from a row's own page (a review, a file, a consent...): the row comes
    from ``selector(actor=, pk=)`` (404 outside scope) and the form from ``make_form(obj)``.
    Valid, it goes to ``perform(obj, form)`` and the browser back to ``back(obj)``; invalid
    or refused (the service's ValidationError next to the fields it names), ``page(obj,
    form)`` shows the row's page again with the form and its errors. Unless ``perform``
    says otherwise, the step is ``service(actor=, <row's model name>=row, **the form's
    values)`` (``object_keyword`` names the row's keyword when it is another), the version
    the form carried given as ``seen_version``. ``back(obj)`` is by default the row's
    ``detail_url`` page (its ``get_absolute_url()`` when the view names none)."""

    http_method_names = ["post"]
    selector = None
    form_class = None
    success_message = _("Saved.")
    service = None
    object_keyword = ""
    detail_url = ""

    def make_form(self, obj):
        return self.form_class(self.request.POST, self.request.FILES)

    def service_kwargs(self, form) -> dict:
        """The form's values for the service; its ``version`` (the one the page showed) as
        ``seen_version``."""
        values = dict(form.cleaned_data)
        if "version" in values:
            values["seen_version"] = values.pop("version")
        return values

    def perform(self, obj, form) -> None:
        row = {self.object_keyword or obj._meta.model_name: obj}
        type(self).service(actor=self.request.user, **row, **self.service_kwargs(form))

    def back(self, obj) -> str:
        if self.detail_url:
            return reverse(self.detail_url, args=[obj.pk])
        return obj.get_absolute_url()

    def page(self, obj, form):
        raise NotImplementedError

    def post(self, request, pk):
        obj = get_or_404(type(self).selector, actor=request.user, pk=pk)
        form = self.make_form(obj)
        if form.is_valid():
            try:
                self.perform(obj, form)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                messages.success(request, self.success_message)
                return redirect(self.back(obj))
        return self.page(obj, form)


class HomeView(TemplateView):
    """The public home page: the portal's name, a search over notices and documents, then
    each area's public section (``AreaConfig.public_sections``) in their ``order``. The page
    names no area: a new area's section appears where its order puts it."""

    template_name = "core/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = [
            {
                "template": section.template,
                "data": section.context() if section.context else None,
                "order": section.order,
            }
            for section in registry.public_sections()
        ]
        return context
