"""Public reads: issued documents, published notices, their files, the search and the home
page's sections. Nothing here reads a draft, a comment, a signed page or an earlier version:
every query starts from ``issued()`` or ``published()``."""

from __future__ import annotations

from django.db.models import CharField, Count, F, Prefetch, Q, QuerySet, Value
from django.shortcuts import get_object_or_404

from apps.core import clock
from apps.documents.choices import HOME_LATEST, SEARCH_MAX_LENGTH, DocumentStatus, NoticeStatus
from apps.documents.filters import (
    DOCUMENT_TEXT,
    NOTICE_TEXT,
    PublicDocumentFilter,
    PublicNoticeFilter,
)
from apps.documents.models import Attachment, CoIssuer, Document, Notice, NoticeAttachment


def public_documents() -> QuerySet[Document]:
    """Issued documents with today's validity, their bodies, the documents that amended or
    repealed them and their current attachments."""
    return (
        Document.objects.issued()
        .with_validity(clock.today())
        .select_related("lead_body", "amended_by", "repealed_by")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=Attachment.objects.filter(removed_at__isnull=True).order_by(
                    "uploaded_at", "id"
                ),
                to_attr="public_attachments",
            ),
            Prefetch(
                "co_issuers",
                queryset=CoIssuer.objects.select_related("body").order_by("position", "id"),
                to_attr="grid",
            ),
        )
    )


def public_document_list(filters=None) -> PublicDocumentFilter:
    """Issued documents under the public filters (kind, year, validity, text)."""
    return PublicDocumentFilter(filters or None, queryset=public_documents())


def public_document_get(*, pk: int) -> Document:
    """An issued document; a draft or a document in countersigning is a 404."""
    return get_object_or_404(public_documents(), pk=pk)


def public_attachment_get(*, pk: int) -> Attachment:
    """A current attachment of an issued document; anything else is a 404."""
    return get_object_or_404(
        Attachment.objects.filter(document__status=DocumentStatus.ISSUED, removed_at__isnull=True),
        pk=pk,
    )


def public_facets() -> dict:
    """How many issued documents there are of each kind and each year (the list's
    categories)."""
    issued = Document.objects.issued().order_by()
    return {
        "kinds": dict(issued.values_list("kind").annotate(n=Count("id"))),
        "years": sorted(issued.values_list("dated_on__year").annotate(n=Count("id")), reverse=True),
    }


def public_notices() -> QuerySet[Notice]:
    """Published notices with their publishing office and files."""
    return (
        Notice.objects.published()
        .select_related("office")
        .prefetch_related(
            Prefetch(
                "attachments",
                queryset=NoticeAttachment.objects.order_by("uploaded_at", "id"),
                to_attr="public_attachments",
            )
        )
    )


def public_notice_list(filters=None) -> PublicNoticeFilter:
    """Published notices under the public filters (year, text)."""
    return PublicNoticeFilter(filters or None, queryset=public_notices())


def public_notice_get(*, pk: int) -> Notice:
    """A published notice; a draft is a 404."""
    return get_object_or_404(public_notices(), pk=pk)


def public_notice_attachment_get(*, pk: int) -> NoticeAttachment:
    """A file of a published notice; anything else is a 404."""
    return get_object_or_404(
        NoticeAttachment.objects.filter(notice__status=NoticeStatus.PUBLISHED), pk=pk
    )


def _matching(fields: tuple[str, ...], query: str) -> Q:
    condition = Q()
    for name in fields:
        condition |= Q(**{f"{name}__icontains": query})
    return condition


def search_query(raw: str | None) -> str:
    """The query as searched: trimmed, at most SEARCH_MAX_LENGTH characters."""
    return (raw or "").strip()[:SEARCH_MAX_LENGTH]


def public_search(query: str) -> QuerySet:
    """Issued documents and published notices whose title, number or text contain
    ``query``, newest first, as rows (type, id, title, number, date). An empty query finds
    nothing. One UNION query, paged by the caller."""
    if not query:
        return Document.objects.none().values_list("pk")
    text = CharField()
    documents = (
        Document.objects.issued()
        .filter(_matching(DOCUMENT_TEXT, query))
        .annotate(
            result_type=Value("document", output_field=text),
            result_id=F("pk"),
            result_number=F("number"),
            result_date=F("dated_on"),
        )
        .values_list("result_type", "result_id", "title", "result_number", "result_date")
        .order_by()
    )
    notices = (
        Notice.objects.published()
        .filter(_matching(NOTICE_TEXT, query))
        .annotate(
            result_type=Value("notice", output_field=text),
            result_id=F("pk"),
            result_number=Value("", output_field=text),
            result_date=F("dated_on"),
        )
        .values_list("result_type", "result_id", "title", "result_number", "result_date")
        .order_by()
    )
    return documents.union(notices, all=True).order_by("-result_date", "result_type", "-result_id")


def latest_notices() -> dict:
    """The home page's latest published notices."""
    return {"notices": list(Notice.objects.published().order_by("-dated_on", "-id")[:HOME_LATEST])}


def latest_documents() -> dict:
    """The home page's latest issued documents with their validity today."""
    rows = (
        Document.objects.issued()
        .with_validity(clock.today())
        .select_related("amended_by", "repealed_by")
        .order_by("-dated_on", "-id")[:HOME_LATEST]
    )
    return {"documents": list(rows)}
