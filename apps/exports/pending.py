"""Writes of pending imports: the previewed rows waiting server-side for confirmation.

The import pages (``apps.exports.import_views``) call these; the rows never travel through
the session or the page, only the pending import's id does. Expired ones are pruned
whenever an import page stores or looks one up, and by ``manage.py prune_imports``.
"""

from __future__ import annotations

import datetime
import logging
import uuid

import tablib
from django.db import transaction
from django.utils import timezone

from apps.exports.models import ImportJob, PendingImport

logger = logging.getLogger(__name__)

# Import jobs (their counts and first error rows) are kept this long for their owners.
IMPORT_JOB_KEEP = datetime.timedelta(days=7)


def pending_import_prune(*, now=None) -> int:
    """Delete every pending import past its expiry, and import jobs older than
    IMPORT_JOB_KEEP; returns how many pending imports. Anyone may call it: an expired
    preview can no longer be confirmed by anyone."""
    now = now or timezone.now()
    ImportJob.objects.filter(created_at__lt=now - IMPORT_JOB_KEEP).delete()
    deleted, _ = PendingImport.objects.filter(expires_at__lte=now).delete()
    if deleted:
        logger.info("Pruned %s expired pending imports", deleted)
    return deleted


@transaction.atomic
def pending_import_create(
    *, actor, page: str, scope: str, dataset: tablib.Dataset, statuses: list[str]
) -> PendingImport:
    """Keep ``dataset`` (a preview without errors) for ``actor`` to confirm on ``page``.
    A newer preview of the same page replaces the actor's older one."""
    pending_import_prune()
    PendingImport.objects.filter(owner=actor, page=page).delete()
    pending = PendingImport(
        owner=actor,
        page=page,
        scope=scope,
        headers=list(dataset.headers or []),
        rows=[list(row) for row in dataset],
        statuses=list(statuses),
    )
    pending.full_clean()
    pending.save()
    return pending


def _parse(token) -> uuid.UUID | None:
    try:
        return uuid.UUID(str(token))
    except (TypeError, ValueError):
        return None


@transaction.atomic
def pending_import_take(*, actor, page: str, scope: str, token) -> PendingImport | None:
    """The actor's own unexpired pending import ``token`` of this page, deleted as it is
    taken (a preview is confirmed once). None for anyone else's, an expired one, one of
    another page, or a token that names none; someone else's stays where it is."""
    pending_import_prune()
    pk = _parse(token)
    if pk is None or actor is None or not actor.is_authenticated:
        return None
    pending = (
        PendingImport.objects.select_for_update()
        .filter(pk=pk, owner=actor, page=page, scope=scope, expires_at__gt=timezone.now())
        .first()
    )
    if pending is not None:
        pending.delete()
    return pending


def pending_import_discard(*, actor, page: str) -> None:
    """Delete whatever preview ``actor`` has waiting on ``page`` (a newer upload failed)."""
    if actor is not None and actor.is_authenticated:
        PendingImport.objects.filter(owner=actor, page=page).delete()


def pending_import_cancel(*, actor, page: str, token) -> bool:
    """Delete the actor's pending import ``token`` of this page; False when there was none."""
    pk = _parse(token)
    if pk is None or actor is None or not actor.is_authenticated:
        return False
    deleted, _ = PendingImport.objects.filter(pk=pk, owner=actor, page=page).delete()
    return bool(deleted)


def pending_import_dataset(pending: PendingImport) -> tablib.Dataset:
    """The stored rows back as the dataset the preview was run on."""
    return tablib.Dataset(*[tuple(row) for row in pending.rows], headers=pending.headers)
