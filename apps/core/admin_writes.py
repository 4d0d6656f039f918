"""Admin pages whose every write is a service call (the admin is one more way in; it must
not be a way around the permission, scope and history checks the services make).

``AuditedAdminMixin`` shows who created and last changed a row as 姓名（单位）;
``ServiceDeleteMixin`` deletes through a service, one row at a time;
``ReadOnlyAdminMixin`` shows rows that are written only on the portal's pages;
``ServiceAdminMixin`` sends the add and change forms, the delete page and inline rows to
the services named by a ``Writes``; a refusal (ValidationError) comes back as a message
instead of an error page.
The bulk "delete selected" action is turned off: each deletion goes through its service.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.admin import ActionLocation
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.shortcuts import redirect


def adopt(obj: models.Model, saved: models.Model) -> None:
    """Make the admin's unsaved ``obj`` the row a service created: the admin goes on to
    save inlines, log and redirect with ``obj``."""
    obj.__dict__.update(saved.__dict__)


def form_values(form, names: Iterable[str]) -> dict[str, Any]:
    """The cleaned values of ``names`` that the admin form shows."""
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


@dataclass(frozen=True)
class Writes:
    """The services behind an admin page or inline: ``create(actor, parent, values)``,
    ``update(actor, row, values)`` and ``delete(actor, row)``. ``parent`` is the field
    naming what the row belongs to (its school, committee...), set once for good;
    ``fields`` are those the forms change."""

    parent: str
    fields: tuple[str, ...]
    create: Callable[..., models.Model]
    update: Callable[..., models.Model]
    delete: Callable[..., None]

    @classmethod
    def of(
        cls,
        services,
        parent: str,
        row: str,
        fields: Iterable[str],
        *,
        create: str | Callable = "create",
        update: str | Callable = "update",
        delete: str | Callable = "delete",
        complete: bool = False,
        data: bool = False,
    ) -> Writes:
        """The writes of ``row`` rows through the area's ``services``, named the portal's
        way (``<row>_create``, ``<row>_update``, ``<row>_delete``; another verb or a
        function may be given) and called with keywords: ``create(actor=, <parent>=,
        **values)``, ``update(actor=, <row>=, **values)``, ``delete(actor=, <row>=)``.
        ``complete``: the update is given every field, those the form left alone as the row
        has them; ``data``: the update takes the values as ``data=``."""

        def service(verb):
            return verb if callable(verb) else getattr(services, f"{row}_{verb}")

        create, update, delete = service(create), service(update), service(delete)

        def write_update(actor, obj, values):
            if complete:
                values = {name: values.get(name, current(obj, name)) for name in fields}
            return update(actor=actor, **{row: obj}, **({"data": values} if data else values))

        return cls(
            parent=parent,
            fields=tuple(fields),
            create=lambda actor, owner, values: create(actor=actor, **{parent: owner}, **values),
            update=write_update,
            delete=lambda actor, obj: delete(actor=actor, **{row: obj}),
        )

    @classmethod
    def on_record(
        cls, services, parent: str, row: str, fields: Iterable[str], *, kept_because
    ) -> Writes:
        """The writes of ``row`` rows that stay on record once made: created and changed
        through the area's ``<row>_create`` and ``<row>_update`` (given every field, those
        the form left alone as the row has them), and never deleted (refused with
        ``kept_because``)."""
        return cls.of(services, parent, row, fields, delete=kept(kept_because), complete=True)


def current(obj: models.Model, name: str):
    """What ``obj`` holds in field ``name`` (a many-to-many field's rows as a queryset)."""
    value = getattr(obj, name)
    return value.all() if isinstance(value, models.Manager) else value


def kept(message) -> Callable[..., None]:
    """A ``delete`` for rows that stay on record: it refuses with ``message``."""

    def refuse(**kwargs) -> None:
        raise PermissionDenied(message)

    return refuse


class ServiceAdminMixin:
    """Admin writes through services: the page's own ``writes`` and, for each inline
    model, ``inline_writes``. An admin that needs more overrides ``create(request, form)``
    (returns the new row), ``update(request, obj, form)`` and ``remove(request, obj)``."""

    writes: ClassVar[Writes | None] = None
    inline_writes: ClassVar[dict[type[models.Model], Writes]] = {}

    def create(self, request, form) -> models.Model:
        parent = form.cleaned_data[self.writes.parent]
        return self.writes.create(request.user, parent, form_values(form, self.writes.fields))

    def update(self, request, obj, form) -> models.Model:
        return self.writes.update(request.user, obj, form_values(form, self.writes.fields))

    def remove(self, request, obj) -> None:
        self.writes.delete(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None and self.writes is not None:
            # A row belongs to its parent for good.
            readonly.append(self.writes.parent)
        return readonly

    def save_model(self, request, obj, form, change):
        if change:
            self.update(request, obj, form)
        else:
            adopt(obj, self.create(request, form))

    def delete_model(self, request, obj):
        self.remove(request, obj)

    def get_actions(self, request, action_location=ActionLocation.CHANGE_LIST):
        actions = super().get_actions(request, action_location)
        actions.pop("delete_selected", None)
        return actions

    def save_formset(self, request, form, formset, change):
        writes = self.inline_writes.get(formset.model)
        if writes is None:
            return super().save_formset(request, form, formset, change)
        actor = request.user
        formset.save(commit=False)
        for row in formset.deleted_objects:
            writes.delete(actor, row)
        for row, changed in formset.changed_objects:
            values = {name: getattr(row, name) for name in changed if name in writes.fields}
            writes.update(actor, row, values)
        for row in formset.new_objects:
            values = {name: getattr(row, name) for name in writes.fields}
            adopt(row, writes.create(actor, form.instance, values))
        return None

    def _refused(self, request, error: ValidationError):
        # The admin wraps the save in a transaction: nothing of it was kept.
        self.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect(request.get_full_path())

    def changeform_view(self, request, *args, **kwargs):
        try:
            return super().changeform_view(request, *args, **kwargs)
        except ValidationError as error:
            return self._refused(request, error)

    def delete_view(self, request, *args, **kwargs):
        try:
            return super().delete_view(request, *args, **kwargs)
        except ValidationError as error:
            return self._refused(request, error)


class ReadOnlyAdminMixin:
    """An admin page that only shows rows: they are written on the portal's pages, where
    each step is checked and recorded."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdminMixin:
    """Who created and last changed a row (``AUDIT_FIELDS``, read-only); an account reads as
    its person, 姓名（单位） (``User.__str__``, and ``apps.core.admin`` for read-only fields)."""

    AUDIT_FIELDS = ["created_at", "created_by", "updated_at", "updated_by"]


class ServiceDeleteMixin:
    """Deletions through ``delete_service(actor, row)``, one row at a time, so each is
    checked and recorded; a refusal is shown as a message."""

    def delete_service(self, actor, row) -> None:
        raise NotImplementedError

    def delete_model(self, request, obj):
        self.delete_service(request.user, obj)

    def delete_queryset(self, request, queryset):
        for row in queryset:
            try:
                self.delete_service(request.user, row)
            except ValidationError as error:
                self.message_user(request, f"{row}: {' '.join(error.messages)}", messages.ERROR)
