"""Public pages: issued documents by kind and year with their validity, interpretations and
files (/documents/, SPEC §3), published notices, and a search over both. Signed-out
visitors see these; nothing else of the area."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.urls import reverse
from django.views import View
from django.views.generic import TemplateView

from apps.core.evidence import evidence_response
from apps.core.views import get_or_404, keyset_page
from apps.documents import public
from apps.documents.choices import SEARCH_PAGE_SIZE, DocumentKind


class PublicDocumentListView(TemplateView):
    """Issued documents, newest first, filtered by kind, year, validity and text; each with
    its validity, its interpretation and its files."""

    template_name = "documents/public_document_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = public.public_document_list(self.request.GET)
        facets = public.public_facets()
        context.update(
            filter=filterset,
            page=keyset_page(self.request, filterset.qs, ("-dated_on", "-id")),
            kinds=[(kind, facets["kinds"].get(kind.value, 0)) for kind in DocumentKind],
            years=facets["years"],
        )
        return context


class PublicDocumentDetailView(TemplateView):
    template_name = "documents/public_document_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["document"] = get_or_404(public.public_document_get, pk=kwargs["pk"])
        return context


class PublicAttachmentDownloadView(View):
    """A current file of an issued document, for anyone."""

    def get(self, request, pk):
        attachment = get_or_404(public.public_attachment_get, pk=pk)
        return evidence_response(
            attachment.file,
            filename=attachment.download_name,
            content_type=attachment.content_type,
        )


class PublicNoticeListView(TemplateView):
    template_name = "documents/public_notice_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = public.public_notice_list(self.request.GET)
        context.update(
            filter=filterset,
            page=keyset_page(self.request, filterset.qs, ("-dated_on", "-id")),
        )
        return context


class PublicNoticeDetailView(TemplateView):
    template_name = "documents/public_notice_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["notice"] = get_or_404(public.public_notice_get, pk=kwargs["pk"])
        return context


class PublicNoticeAttachmentDownloadView(View):
    """A file of a published notice, for anyone."""

    def get(self, request, pk):
        attachment = get_or_404(public.public_notice_attachment_get, pk=pk)
        return evidence_response(
            attachment.file,
            filename=attachment.download_name,
            content_type=attachment.content_type,
        )


_DETAIL_URL = {
    "document": "documents:public-document-detail",
    "notice": "documents:public-notice-detail",
}


class PublicSearchView(TemplateView):
    """Issued documents and published notices by title, number or text, newest first, in
    pages of SEARCH_PAGE_SIZE."""

    template_name = "documents/public_search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = public.search_query(self.request.GET.get("q"))
        page = Paginator(public.public_search(query), SEARCH_PAGE_SIZE).get_page(
            self.request.GET.get("page")
        )
        page.object_list = [
            {
                "type": kind,
                "url": reverse(_DETAIL_URL[kind], args=[pk]),
                "title": title,
                "number": number,
                "date": day,
            }
            for kind, pk, title, number, day in page.object_list
        ]
        context.update(query=query, page=page)
        return context
