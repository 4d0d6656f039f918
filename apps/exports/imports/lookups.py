"""What a sheet's cells may name (a county, a course...), loaded once per file.

A ``Lookup`` holds each row it may find under every key it is known by (its code, its name):
a key standing for one row finds it, one standing for several is ambiguous. A resource fills
it in ``prepare`` from inside the importer's scope, so a row outside the scope reads exactly
like one that does not exist.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _


class Lookup[T]:
    """Rows by the keys a sheet may name them by; ``unknown`` and ``ambiguous`` are the
    messages (lazy) of a key naming none of them and of one naming several."""

    def __init__(self, *, unknown: Any, ambiguous: Any):
        self.by_key: dict[str, list[T]] = {}
        self.items: list[T] = []
        self.unknown = unknown
        self.ambiguous = ambiguous

    def add(self, item: T, keys: Iterable[str]) -> None:
        """Make ``item`` found by each of ``keys``."""
        self.items.append(item)
        for key in keys:
            self.by_key.setdefault(key, []).append(item)

    def key(self, text: str) -> str:
        """A cell's text as the keys are compared."""
        return text

    def find(self, text: str) -> T | None:
        """The one row ``text`` names, or None."""
        matches = self.by_key.get(self.key(text), [])
        return matches[0] if len(matches) == 1 else None

    def resolve(self, text: str) -> T:
        """Like ``find``, raising ValueError with the message shown next to the cell."""
        if not text:
            raise ValueError(_("Fill in this column."))
        matches = self.by_key.get(self.key(text), [])
        if len(matches) > 1:
            raise ValueError(str(self.ambiguous))
        if not matches:
            raise ValueError(str(self.unknown))
        return matches[0]

    def rows(self) -> list[T]:
        """Every row it holds, once each (a row known by its code and its name is one row)."""
        return list(self.items)
