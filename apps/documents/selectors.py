"""Reads of documents and notices for staff pages. Every read starts from the actor's scope
(a row outside it is a 404); the public reads are in ``apps/documents/public.py``.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from apps.core import clock
from apps.documents.choices import BodyKind
from apps.documents.diff import Changes, changes_for_body
from apps.documents.filters import DocumentFilter, NoticeFilter
from apps.documents.models import (
    Attachment,
    CoIssuer,
    CountersignStep,
    Document,
    IssuingBody,
    Notice,
    NoticeAttachment,
    SignedPage,
)
from apps.documents.public import latest_documents, latest_notices
from apps.documents.services.common import acts_for, is_drafting_office

__all__ = ["latest_documents", "latest_notices"]


def document_visible(*, actor) -> QuerySet[Document]:
    """Documents in the actor's scope, whatever their status (staff pages only)."""
    return Document.objects.for_actor(actor).select_related("lead_body", "division")


def document_get(*, actor, pk: int) -> Document:
    """One document in the actor's scope; else 404."""
    return get_object_or_404(document_visible(actor=actor), pk=pk)


def document_list(*, actor, filters=None) -> DocumentFilter:
    """The actor's documents under the list's filters (status, kind, year, text, and
    "waiting for me"), newest first, with today's validity. Returns the bound FilterSet."""
    # The list shows no division: only the bodies its rows name are joined.
    queryset = (
        document_visible(actor=actor)
        .with_validity(clock.today())
        .select_related(None)
        .select_related("lead_body", "amended_by", "repealed_by")
    )
    return DocumentFilter(filters or None, queryset=queryset, actor=actor)


def bodies_for_drafting(*, actor) -> QuerySet[IssuingBody]:
    """The bodies ``actor`` may draft for: those their role acts for at their division."""
    if not actor.is_authenticated or not actor.role or actor.school_id:
        return IssuingBody.objects.none()
    return IssuingBody.objects.filter(signer_role=actor.role, division_id=actor.division_id)


def bodies_for_grid(*, document: Document) -> QuerySet[IssuingBody]:
    """Bodies that may co-issue ``document``: its division's, but not the lead body."""
    return IssuingBody.objects.filter(division_id=document.division_id).exclude(
        pk=document.lead_body_id
    )


@dataclass(frozen=True)
class GridRow:
    """A co-issuing body of the grid with its step in the current round (None when its
    turn has not come, or when the document is back in drafting) and its earlier steps."""

    co_issuer: CoIssuer
    current: CountersignStep | None
    earlier: list[CountersignStep]
    overdue: bool


def countersign_grid(*, document: Document) -> list[GridRow]:
    """The grid of a document the caller has fetched through a scoped selector."""
    steps = list(
        document.steps.select_related("body", "acted_by", "signed_page").order_by(
            "round", "position", "id"
        )
    )
    today = clock.today()
    rows = []
    for co_issuer in document.co_issuers.select_related("body").order_by("position", "id"):
        mine = [s for s in steps if s.body_id == co_issuer.body_id]
        # The round in hand: the one being signed, or the one the document was issued on.
        current = next(
            (s for s in mine if s.round == document.round and not document.is_drafting), None
        )
        rows.append(
            GridRow(
                co_issuer=co_issuer,
                current=current,
                earlier=[s for s in mine if s is not current],
                overdue=current is not None and current.is_overdue(today),
            )
        )
    return rows


def steps_of_removed_bodies(*, document: Document) -> list[CountersignStep]:
    """Steps of bodies since taken out of the grid: still part of the record."""
    in_grid = document.co_issuers.values("body_id")
    return list(
        document.steps.exclude(body_id__in=in_grid)
        .select_related("body", "acted_by")
        .order_by("round", "position")
    )


@dataclass(frozen=True)
class Turn:
    """A turn the actor may take now: the body they act for, whether they record it on the
    body's behalf, and what changed since the body last saw the document."""

    step: CountersignStep
    on_behalf: bool
    changes: Changes | None


def turns_for(*, actor, document: Document) -> list[Turn]:
    """The open turns of the current round that ``actor`` may take: their own body's, and,
    for the drafting office, those of bodies without staff."""
    if not document.is_countersigning:
        return []
    office = is_drafting_office(actor, document)
    turns = []
    open_steps = CountersignStep.objects.filter(
        document=document, round=document.round, decision=""
    ).select_related("body")
    for step in open_steps.order_by("position", "id"):
        body = step.body
        if body.has_staff and acts_for(actor, body, document.division_id):
            turns.append(Turn(step, False, changes_for_body(document, body)))
        elif not body.has_staff and office:
            turns.append(Turn(step, True, changes_for_body(document, body)))
    return turns


def attachments_of(*, document: Document, include_removed: bool = False) -> QuerySet[Attachment]:
    """Attachments of a document the caller has already fetched through a scoped selector."""
    queryset = document.attachments.select_related("uploaded_by").order_by("uploaded_at", "id")
    return queryset if include_removed else queryset.filter(removed_at__isnull=True)


def attachment_get(*, actor, pk: int) -> Attachment:
    """An attachment of a document in the actor's scope; else 404."""
    return get_object_or_404(Attachment.objects.for_actor(actor), pk=pk)


def signed_page_get(*, actor, pk: int) -> SignedPage:
    """A signed page of a document in the actor's scope; else 404."""
    return get_object_or_404(SignedPage.objects.for_actor(actor), pk=pk)


def later_documents(*, actor, document: Document) -> QuerySet[Document]:
    """Issued documents in scope that may have amended or repealed ``document``: any of
    them for its drafting office, else only those the actor's own office drafted (the
    services let either office record it)."""
    later = (
        Document.objects.for_actor(actor)
        .issued()
        .exclude(pk=document.pk)
        .filter(dated_on__gte=document.dated_on)
        .order_by("-dated_on", "-id")
    )
    if is_drafting_office(actor, document):
        return later
    if not actor.is_authenticated or not actor.role:
        return later.none()
    return later.filter(lead_body__signer_role=actor.role, division_id=actor.division_id)


def notice_visible(*, actor) -> QuerySet[Notice]:
    """Notices in the actor's scope, drafts included (staff pages only)."""
    return Notice.objects.for_actor(actor).select_related("office")


def notice_get(*, actor, pk: int) -> Notice:
    """One notice in the actor's scope; else 404."""
    return get_object_or_404(notice_visible(actor=actor), pk=pk)


def notice_list(*, actor, filters=None) -> NoticeFilter:
    """Notices in the actor's scope under the list's filters, newest first."""
    return NoticeFilter(filters or None, queryset=notice_visible(actor=actor))


def notice_attachment_get(*, actor, pk: int) -> NoticeAttachment:
    """A file of a notice in the actor's scope; else 404."""
    return get_object_or_404(NoticeAttachment.objects.for_actor(actor), pk=pk)


def offices_for_notices(*, actor) -> QuerySet[IssuingBody]:
    """The provincial bodies ``actor`` may publish notices for."""
    return bodies_for_drafting(actor=actor).exclude(kind=BodyKind.OTHER)
