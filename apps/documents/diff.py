"""What changed in a document between two rounds of countersigning, line by line.

A body asked to sign again should not have to reread the whole text: it is shown the lines
removed and added since the version it last saw (with two lines of context around each
change, as a unified diff has), and which attachments were added or removed.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from apps.documents.models import CountersignStep, Document, DocumentVersion, IssuingBody

CONTEXT_LINES = 2


@dataclass(frozen=True)
class DiffLine:
    """One line of a change: ``kind`` is "added", "removed" or "same" (context)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Changes:
    """The changes from the version of round ``since`` to that of round ``to``."""

    since: int
    to: int
    title_before: str
    title_after: str
    hunks: list[list[DiffLine]] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)

    @property
    def title_changed(self) -> bool:
        return self.title_before != self.title_after

    @property
    def is_empty(self) -> bool:
        return not (self.hunks or self.added or self.removed or self.title_changed)


def text_hunks(before: str, after: str, *, context: int = CONTEXT_LINES) -> list[list[DiffLine]]:
    """The changed stretches of ``after`` against ``before``, each with its context lines."""
    old, new = before.splitlines(), after.splitlines()
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    hunks = []
    for group in matcher.get_grouped_opcodes(context):
        lines = []
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                lines.extend(DiffLine("same", text) for text in old[i1:i2])
                continue
            lines.extend(DiffLine("removed", text) for text in old[i1:i2])
            lines.extend(DiffLine("added", text) for text in new[j1:j2])
        hunks.append(lines)
    return hunks


def compare(before: DocumentVersion, after: DocumentVersion) -> Changes:
    """The changes between two kept versions of one document."""
    old_files = {item["id"]: item["name"] for item in before.attachments}
    new_files = {item["id"]: item["name"] for item in after.attachments}
    return Changes(
        since=before.round,
        to=after.round,
        title_before=before.title,
        title_after=after.title,
        hunks=text_hunks(before.text, after.text),
        added=[name for pk, name in new_files.items() if pk not in old_files],
        removed=[name for pk, name in old_files.items() if pk not in new_files],
    )


def last_seen_round(document: Document, body: IssuingBody) -> int | None:
    """The latest round before the current one in which ``body`` had its turn (was shown
    the text); None when it never had one."""
    return (
        CountersignStep.objects.filter(document=document, body=body, round__lt=document.round)
        .order_by("-round")
        .values_list("round", flat=True)
        .first()
    )


def changes_for_body(document: Document, body: IssuingBody) -> Changes | None:
    """What changed in the current round's version since the one ``body`` last saw; None
    when the body sees the document for the first time."""
    seen = last_seen_round(document, body)
    if seen is None:
        return None
    versions = {v.round: v for v in document.versions.filter(round__in=[seen, document.round])}
    if seen not in versions or document.round not in versions:
        return None
    return compare(versions[seen], versions[document.round])


def changes_in_round(document: Document, round_number: int) -> Changes | None:
    """What changed from the previous round's version to ``round_number``'s; None for the
    first round."""
    versions = {
        v.round: v for v in document.versions.filter(round__in=[round_number - 1, round_number])
    }
    if round_number - 1 not in versions or round_number not in versions:
        return None
    return compare(versions[round_number - 1], versions[round_number])
