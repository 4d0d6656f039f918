"""The lists that can be exported, by kind.

A background export cannot carry a queryset from the request to the worker, so each exported
list is registered once, by kind, with the scoped selector that rebuilds it from the owner and
the filter parameters. The list page and the background job both call the same selector, so they
see the same rows. Areas declare theirs in ``apps/<app>/exports.py`` (imported at start-up).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

from apps.exports.permissions import Perm
from apps.exports.writers import Column

if TYPE_CHECKING:
    from apps.accounts.models import User


@dataclass(frozen=True)
class ExportDefinition:
    """An exportable list.

    ``selector(actor=, filters=)`` returns the actor's scoped, filtered rows (the list page's
    own selector); ``columns(viewer)`` the columns that viewer may see (masks included);
    ``ordering`` a unique, indexed order for the file; ``permissions`` what the viewer must
    hold besides exports.export_lists (checked on the request and again when a job runs).
    """

    kind: str
    label: Any
    filename: str
    selector: Callable[..., QuerySet]
    columns: Callable[[User], Sequence[Column]]
    ordering: tuple[str, ...] = ("pk",)
    permissions: tuple[str, ...] = ()

    def allows(self, user: User) -> bool:
        """Whether ``user`` may export this list (the list's own rule still applies)."""
        return bool(
            user is not None
            and user.is_authenticated
            and user.is_active
            and user.has_perm(Perm.EXPORT_LISTS)
            and user.has_perms([str(perm) for perm in self.permissions])
        )

    def queryset(self, *, actor: User, filters: Mapping[str, Any] | None) -> QuerySet:
        """The rows ``actor`` may see under ``filters``, in the export's order."""
        return self.selector(actor=actor, filters=filters).order_by(*self.ordering)


_DEFINITIONS: dict[str, ExportDefinition] = {}


def register(definition: ExportDefinition) -> ExportDefinition:
    """Make ``definition`` exportable; a second definition of the same kind is an error."""
    existing = _DEFINITIONS.get(definition.kind)
    if existing is not None and existing is not definition:
        raise ValueError(f"Export kind {definition.kind!r} is already registered.")
    _DEFINITIONS[definition.kind] = definition
    return definition


def get_definition(kind: str) -> ExportDefinition:
    """The definition of ``kind``; KeyError when no area declares it."""
    return _DEFINITIONS[kind]


def registered_kinds() -> list[str]:
    return sorted(_DEFINITIONS)
