"""Reads of export jobs: a job belongs to its owner alone, and anyone else gets a 404."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.exports.models import ExportJob

RECENT_JOBS = 50


def export_job_list(*, actor) -> QuerySet[ExportJob]:
    """The actor's own export jobs, newest first; nothing for anyone signed out. Not even a
    superuser sees another user's jobs: the files hold that user's scope of data."""
    if actor is None or not actor.is_authenticated:
        return ExportJob.objects.none()
    return ExportJob.objects.filter(owner=actor)


def export_job_recent(*, actor) -> list[ExportJob]:
    """The actor's latest jobs, for their list of exports."""
    return list(export_job_list(actor=actor)[:RECENT_JOBS])


def export_job_get(*, actor, pk) -> ExportJob:
    """One of the actor's own jobs; Http404 for a job of anyone else (or none at all)."""
    return get_object_or_404(export_job_list(actor=actor), pk=pk)
