"""A record's history as people read it: who changed what, from which value to which.

Reads the historical rows that django-simple-history keeps for every ``AuditedModel``
(apps/core/models.py) and turns each into an entry: when, who (姓名（单位）), what kind of
change, the reason a service gave, and each changed field with its old and new value as the
page shows them (choices by their labels, related rows by their names).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from apps.core.people import person_label

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}
# Shown elsewhere on the page or meaningless to a reader.
_HIDDEN = {"id", "created_at", "created_by", "version"}


@dataclass(frozen=True)
class FieldChange:
    label: Any
    old: str
    new: str


@dataclass(frozen=True)
class HistoryEntry:
    at: datetime.datetime
    who: str
    action: Any
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _shown(model: type[models.Model], name: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
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
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return person_label(related) if related is not None else str(value)
    return str(value)


def history_of(instance: models.Model, *, limit: int = 50) -> list[HistoryEntry]:
    """The newest ``limit`` changes of ``instance``, newest first."""
    model = type(instance)
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-pk")[
            : limit + 1
        ]
    )
    entries = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous)
            for change in delta.changes:
                if change.field in _HIDDEN:
                    continue
                changes.append(
                    FieldChange(
                        label=model._meta.get_field(change.field).verbose_name,
                        old=_shown(model, change.field, change.old),
                        new=_shown(model, change.field, change.new),
                    )
                )
        entries.append(
            HistoryEntry(
                at=record.history_date,
                who=person_label(record.history_user) or str(_("the system")),
                action=ACTIONS.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return entries
