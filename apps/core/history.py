"""A record's history as people read it: who changed what, from which value to which.

Reads the historical rows that django-simple-history keeps for every ``AuditedModel``
(apps/core/models.py) and turns each into an entry: when, who (姓名（单位）), what kind of
change, the reason a service gave, and each changed field with its old and new value as the
page shows them (choices by their labels, related rows by their names).

Personal data stays masked here as on the page: a model names its masked fields in
``masked_fields`` (field name → ``Masked``), and a viewer who may not see one in full reads
its old and new values masked. Without a viewer every masked field is masked.

Every detail page shows the panel the same way: ``history_panel`` (or ``ObjectDetailView``,
which calls it) puts the entries in the context as ``history`` and
``templates/core/_history.html`` shows them.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

from apps.core.people import person_label
from apps.core.security import note_unmasked

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
KINDS = {"+": "created", "~": "changed", "-": "deleted"}
# Shown elsewhere on the page or meaningless to a reader; a model adds its own internal keys
# as ``history_hidden``.
_HIDDEN = {"id", "created_at", "created_by", "version"}
_NONE = "—"
# The reason the core gives rows written by a spreadsheet import (``core.audit.reason``);
# areas' own reasons are shown through the catalogue when it knows them.
IMPORTED = gettext_noop("imported")
# How many historical rows of a record's related rows are read for one panel.
_RELATED_WINDOW = 500


@dataclass(frozen=True)
class Masked:
    """A field holding personal data: ``mask(value)`` is what a viewer reads unless
    ``reveals(viewer, row)`` says they may see it in full (``row`` as it was then)."""

    mask: Callable[[Any], str]
    reveals: Callable[[Any, models.Model], bool]


@dataclass(frozen=True)
class FieldChange:
    label: Any
    old: str
    new: str
    name: str = ""


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    who: str
    action: Any
    reason: str
    changes: list[FieldChange] = field(default_factory=list)
    kind: str = ""
    # Which row the entry is about, when a panel shows a record's related rows too.
    record: str = ""
    # The choices whose labels name the model's reasons (its ``history_reasons``).
    reasons: Any = None

    @property
    def step(self) -> str:
        """A stable code for the entry: the service's reason, else the kind of change."""
        return self.reason or self.kind

    @property
    def what(self) -> str:
        """What happened, as the panel's 事项 column says it: the change and its reason."""
        action = str(self.action)
        reason = reason_label(self.reason, self.reasons)
        if not reason or reason == action:
            return action
        return f"{action}（{reason}）"


def reason_label(reason: str, choices=None) -> str:
    """A service's reason as the reader's language says it: the label of the model's
    reason choice (a model whose services give a ``TextChoices`` value as the reason names
    the class as ``history_reasons``), else the catalogue's entry."""
    if not reason:
        return ""
    if choices is not None and reason in choices.values:
        return str(choices(reason).label)
    return gettext(reason)


@dataclass(frozen=True)
class _Related:
    """A related row named in a change, by its key until the panel's rows are read."""

    model: type[models.Model]
    pk: Any


def _with_labels(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    """The entries with each related row of their changes named as people and bodies are
    everywhere (``person_label``): the rows of one model read in one query for the panel."""
    wanted: dict[type[models.Model], set] = defaultdict(set)
    for entry in entries:
        for change in entry.changes:
            for value in (change.old, change.new):
                if isinstance(value, _Related):
                    wanted[value.model].add(value.pk)
    labels = {
        (related_model, row.pk): person_label(row)
        for related_model, keys in wanted.items()
        for row in related_model._default_manager.filter(pk__in=keys)
    }

    def text(value):
        if isinstance(value, _Related):
            return labels.get((value.model, value.pk), str(value.pk))
        return value

    for entry in entries:
        entry.changes[:] = [
            replace(change, old=text(change.old), new=text(change.new)) for change in entry.changes
        ]
    return entries


def masked_fields_of(model: type[models.Model]) -> dict[str, Masked]:
    return getattr(model, "masked_fields", None) or {}


def _shown(model: type[models.Model], name: str, value: Any) -> str | _Related:
    if value is None or value == "":
        return _NONE
    model_field = model._meta.get_field(name)
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return str(_("yes") if value else _("no"))
    if model_field.is_relation:
        return _Related(model_field.related_model, value)
    return str(value)


def _value(model, name: str, value: Any, masked: Masked | None, reveal: bool) -> str:
    if masked is not None and not reveal:
        if value is None or value == "":
            return _NONE
        return masked.mask(value) or _NONE
    return _shown(model, name, value)


def _changes(model, record, previous, viewer) -> list[FieldChange]:
    masks = masked_fields_of(model)
    changes = []
    hidden = _HIDDEN | getattr(model, "history_hidden", frozenset())
    for name, old, new in _field_changes(record, previous):
        if name in hidden:
            continue
        masked = masks.get(name)
        # Whether the viewer may read this row's field in full, judged on the row as it was.
        reveal = masked is None or (viewer is not None and masked.reveals(viewer, record.instance))
        own = viewer is not None and getattr(record.instance, "user_id", None) == viewer.pk
        if masked is not None and reveal and (old or new) and not own:
            # Personal data shown in full goes to the security log, as on the record's page.
            note_unmasked(viewer, record.instance, [name])
        changes.append(
            FieldChange(
                label=model._meta.get_field(name).verbose_name,
                old=_value(model, name, old, masked, reveal),
                new=_value(model, name, new, masked, reveal),
                name=name,
            )
        )
    return changes


def _field_changes(record, previous):
    """``(name, old, new)`` for each tracked field whose stored value differs between two
    historical rows, in the model's field order; a related row by its key. Fields no form
    edits (a status a step sets, a date a service stamps) count too: simple-history's
    ``diff_against`` leaves those out, and they are what a reader most needs to see."""
    for model_field in record.tracked_fields:
        if model_field.many_to_many:
            continue
        old = getattr(previous, model_field.attname)
        new = getattr(record, model_field.attname)
        if old != new:
            yield model_field.name, old, new


def _entry(model, record, previous, viewer, record_label: str = "") -> HistoryEntry:
    changes = []
    if previous is not None and record.history_type == "~":
        changes = _changes(model, record, previous, viewer)
    return HistoryEntry(
        at=record.history_date,
        who=person_label(record.history_user) or str(_("the system")),
        action=ACTIONS.get(record.history_type, record.history_type),
        reason=record.history_change_reason or "",
        changes=changes,
        kind=KINDS.get(record.history_type, record.history_type),
        record=record_label,
        reasons=getattr(model, "history_reasons", None),
    )


def is_audited(instance: Any) -> bool:
    """Whether ``instance`` is a row whose changes the core's history keeps."""
    return isinstance(instance, models.Model) and hasattr(type(instance), "history")


def history_of(instance: models.Model, *, viewer=None, limit: int = 50) -> list[HistoryEntry]:
    """The newest ``limit`` changes of ``instance``, newest first, its masked fields masked
    unless ``viewer`` may see them in full."""
    model = type(instance)
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    return _with_labels(
        [
            _entry(model, record, records[index + 1] if index + 1 < len(records) else None, viewer)
            for index, record in enumerate(records[:limit])
        ]
    )


def history_of_related(
    model: type[models.Model],
    *,
    viewer=None,
    label: Callable[[Any], str] | None = None,
    annotations: dict | None = None,
    limit: int = 50,
    **filters,
) -> list[HistoryEntry]:
    """The newest ``limit`` changes of the rows of ``model`` that match ``filters`` (read on
    its historical table, so rows deleted since are included), newest first, each entry
    naming its row by ``label(historical row)`` (its fields as they were, and any
    ``annotations``; by default the model's name and the row)."""
    records = model.history.filter(**filters).select_related("history_user")
    if annotations:
        records = records.annotate(**annotations)
    records = list(records.order_by("-history_date", "-history_id")[:_RELATED_WINDOW])
    older: dict[Any, Any] = {}
    entries = []
    # Oldest first, so each row's previous copy is known when its next one is read.
    for record in reversed(records):
        previous = older.get(record.id)
        older[record.id] = record
        if label is not None:
            name = label(record)
        else:
            name = f"{model._meta.verbose_name}：{record.instance}"
        entries.append(_entry(model, record, previous, viewer, name))
    return _with_labels(merged(entries, limit=limit))


def merged(*histories: Iterable[HistoryEntry], limit: int = 50) -> list[HistoryEntry]:
    """Several histories as one, newest first (a record and its related rows)."""
    entries = [entry for history in histories for entry in history]
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def parts_history(
    instance: models.Model, parts: Iterable[tuple[type[models.Model], str]], *, viewer
) -> list[list[HistoryEntry]]:
    """The histories of the rows of ``instance`` that its page shows with it, for
    ``history_panel``'s ``related``: ``parts`` are (model, the foreign key naming
    ``instance``) pairs, e.g. ``((EvidenceFile, "application"),)``, their files added and
    removed."""
    return [
        history_of_related(model, viewer=viewer, **{f"{key}_id": instance.pk})
        for model, key in parts
    ]


def history_panel(
    instance: models.Model, *, viewer, related: Iterable[list[HistoryEntry]] = (), limit=50
) -> list[HistoryEntry]:
    """What a detail page's history panel shows: ``instance``'s newest ``limit`` changes and
    the newest ``limit`` of the ``related`` rows the page shows with it
    (``history_of_related``), together newest first, masked for ``viewer``. The record's own
    changes are never crowded out by its rows' (a school created with sixty squads)."""
    own = history_of(instance, viewer=viewer, limit=limit)
    return merged(own, merged(*related, limit=limit), limit=2 * limit)
