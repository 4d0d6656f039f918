"""Stale-save refusal: an edit made on a page loaded before someone else's change is refused.

A ``VersionedModel`` row carries ``version``; a form carries the version it was loaded with
(``core.forms.VersionedFormMixin``); the service locks the row, compares, and raises
``StaleEditError`` instead of writing over the newer change. Of two people acting on the same
row at once, one wins and the other is told to reload; nothing of theirs is written.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

STALE_MESSAGE = _(
    "Someone changed this record after you opened it; reload the page to see their change, "
    "then make yours again."
)


class StaleEditError(ValidationError):
    """The row changed after the actor loaded it."""

    def __init__(self, message=STALE_MESSAGE):
        super().__init__(message, code="stale")


def lock_version[M: models.Model](
    queryset: models.QuerySet[M], *, pk, seen_version: int | None, message=None
) -> M:
    """The row ``pk`` locked for update (SELECT ... FOR UPDATE), refused with
    ``StaleEditError`` when its version is no longer ``seen_version``. ``seen_version`` None
    skips the comparison (a service call that did not come from a page, e.g. an import).
    Call inside ``transaction.atomic``; the caller bumps the version with ``bump``."""
    row = queryset.select_for_update(of=("self",)).get(pk=pk)
    check_version(row, seen_version, message=message)
    return row


def check_version(row: models.Model, seen_version: int | None, *, message=None) -> None:
    """``StaleEditError`` when ``row``, already locked for update by the caller, is no
    longer at ``seen_version`` (None: not compared, as in ``lock_version``)."""
    if seen_version is not None and row.version != seen_version:
        raise StaleEditError(message or STALE_MESSAGE)


def bump(row: models.Model) -> None:
    """Raise the row's version for the change about to be saved."""
    row.version += 1
