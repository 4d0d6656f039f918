"""A report's history as its page shows it: who did what when, with old and new values.

The report's own changes come from the core history (``core.history.history_of``); the rows
a step adds beside it (scores, findings, evidence) are shown with the step that saved the
report after them, since every such step saves the report with its reason
(``choices.Step``) in the same transaction.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from apps.core.history import FieldChange, history_of, history_of_related, merged
from apps.inspections.choices import Step
from apps.inspections.models import Finding, IndicatorScore, Inspection, plain_number

# Shown in the report's facts; as raw times in a change list they would only add noise.
_HIDDEN = ("submitted_at", "accepted_at")
_NONE = "—"


@dataclass(frozen=True)
class ReportStep:
    """One step of a report: when, who (姓名（单位）), the step's code and label, what changed.
    Shown by the core's history panel (templates/core/_history.html) like its own entries."""

    at: datetime.datetime
    who: str
    step: str
    label: Any
    changes: list[FieldChange] = field(default_factory=list)
    record: str = ""

    @property
    def what(self) -> str:
        return str(self.label)


def step_label(reason: str) -> Any:
    """The label of a history reason (a ``Step`` value), or the reason itself."""
    return Step(reason).label if reason in Step.values else reason


def _score_changes(inspection: Inspection) -> list[tuple[datetime.datetime, FieldChange]]:
    items = {item.pk: item.name for item in inspection.campaign.checklist.all()}
    label = IndicatorScore._meta.get_field("score").verbose_name
    previous: dict[int, str] = {}
    changes = []
    records = IndicatorScore.history.filter(inspection_id=inspection.pk).order_by(
        "history_date", "history_id"
    )
    for record in records:
        new = _NONE if record.history_type == "-" else plain_number(record.score)
        old = previous.get(record.item_id, _NONE)
        previous[record.item_id] = new
        what = f"{label} · {items.get(record.item_id, record.item_id)}"
        changes.append((record.history_date, FieldChange(label=what, old=old, new=new)))
    return changes


def _added_rows(inspection: Inspection) -> list[tuple[datetime.datetime, FieldChange]]:
    findings = Finding.history.filter(inspection_id=inspection.pk, history_type="+")
    added = [
        (
            f.history_date,
            FieldChange(
                label=_("finding"), old=_NONE, new=f"[{f.get_severity_display()}] {f.text}"
            ),
        )
        for f in findings
    ]
    added += [
        (e.uploaded_at, FieldChange(label=_("evidence"), old=_NONE, new=e.original_name))
        for e in inspection.evidence.all()
    ]
    return added


def row_history(row, *, viewer=None, limit: int = 50) -> list[ReportStep]:
    """The newest ``limit`` changes of a campaign, order, circular or scheme, newest first,
    each named by its step (``choices.Step``)."""
    return [
        ReportStep(e.at, e.who, e.reason, step_label(e.reason) or e.action, e.changes)
        for e in history_of(row, viewer=viewer, limit=limit)
    ]


def with_parts(row, *parts, viewer=None, limit: int = 50) -> list:
    """``row_history(row)`` with the changes of the rows shown with it on its page
    (``parts``: (model, filters) pairs, read on their historical tables, so removed rows
    show too), newest first: a campaign's team and checklist, a scheme's items."""
    related = merged(
        *(history_of_related(model, viewer=viewer, **filters) for model, filters in parts),
        limit=limit,
    )
    return merged(row_history(row, viewer=viewer, limit=limit), related, limit=2 * limit)


def report_history(inspection: Inspection, *, viewer=None, limit: int = 50) -> list[ReportStep]:
    """The newest ``limit`` steps of a report, newest first, each with the report's changed
    fields and the scores, findings and evidence the step added or changed."""
    hidden = {str(Inspection._meta.get_field(name).verbose_name) for name in _HIDDEN}
    chronological = list(reversed(history_of(inspection, viewer=viewer, limit=limit)))
    extra: list[list[FieldChange]] = [[] for _entry in chronological]
    position = 0
    children = sorted(_score_changes(inspection) + _added_rows(inspection), key=lambda c: c[0])
    for at, change in children:
        while position < len(chronological) and chronological[position].at < at:
            position += 1
        if position == len(chronological):
            break
        extra[position].append(change)
    steps = [
        ReportStep(
            at=entry.at,
            who=entry.who,
            step=entry.reason,
            label=step_label(entry.reason) if entry.reason else entry.action,
            changes=[*added, *(c for c in entry.changes if str(c.label) not in hidden)],
        )
        for entry, added in zip(chronological, extra, strict=True)
    ]
    return steps[::-1]
