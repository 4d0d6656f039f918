"""Staff pages of notices: the list, a draft's form and files, publishing."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from apps.core.forms import SeenVersionForm
from apps.core.history import history_panel, parts_history
from apps.core.views import (
    FileDownloadView,
    FilteredListView,
    ObjectActionView,
    ObjectFormView,
    PageFormPostView,
    ServiceFormView,
    get_or_404,
)
from apps.documents import selectors, services
from apps.documents.forms import FileForm, NoticeForm
from apps.documents.models import Notice, NoticeAttachment


class NoticeListView(FilteredListView):
    list_selector = selectors.notice_list
    ordering = ("-dated_on", "-id")
    row_fields = ("title", "status", "office__name", "office__short_name")


class _NoticeForm:
    """The notice forms: a notice in the name of an office the user works for; a save
    leads to the notice's page."""

    template_name = "documents/notice_form.html"
    form_class = NoticeForm
    detail_url = "documents:notice-detail"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["offices"] = selectors.offices_for_notices(actor=self.request.user)
        return kwargs


class NoticeCreateView(_NoticeForm, ServiceFormView):
    title = _("New notice")
    success_message = _("Draft notice saved. Add files if needed, then publish it.")
    service = services.notice_create


class NoticeUpdateView(_NoticeForm, ObjectFormView):
    selector = selectors.notice_get
    title = _("Edit the notice")
    success_message = _("Notice saved.")
    edits_object = True
    service = services.notice_update


def notice_page(request, notice: Notice, *, status: int = 200, file_form=None):
    context = {
        "notice": notice,
        "attachments": notice.attachments.order_by("uploaded_at", "id"),
        "file_form": file_form or FileForm(),
        "publish_form": SeenVersionForm(initial={"version": notice.version}),
        "history": history_panel(
            notice,
            viewer=request.user,
            related=parts_history(notice, ((NoticeAttachment, "notice"),), viewer=request.user),
        ),
    }
    return render(request, "documents/notice_detail.html", context, status=status)


class NoticeDetailView(View):
    def get(self, request, pk):
        notice = get_or_404(selectors.notice_get, actor=request.user, pk=pk)
        return notice_page(request, notice)


class NoticeAttachmentAddView(PageFormPostView):
    selector = selectors.notice_get
    form_class = FileForm
    success_message = _("File added.")
    detail_url = "documents:notice-detail"

    def perform(self, notice, form):
        services.notice_attachment_add(
            actor=self.request.user, notice=notice, upload=form.cleaned_data["file"]
        )

    def page(self, notice, form):
        return notice_page(self.request, notice, status=400, file_form=form)


class NoticeAttachmentRemoveView(ObjectActionView):
    success_message = _("File removed.")
    service = services.notice_attachment_remove
    object_keyword = "attachment"

    @staticmethod
    def selector(*, actor, pk):
        return selectors.notice_attachment_get(actor=actor, pk=pk)

    def back(self, attachment):
        return reverse("documents:notice-detail", args=[attachment.notice_id])


class NoticeAttachmentDownloadView(FileDownloadView):
    selector = selectors.notice_attachment_get


class NoticePublishView(ObjectActionView):
    selector = selectors.notice_get
    success_message = _("Notice published on the public portal.")
    detail_url = "documents:notice-detail"

    def perform(self, notice):
        form = SeenVersionForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_("Reload the page and try again."), code="stale")
        return services.notice_publish(
            actor=self.request.user, notice=notice, seen_version=form.cleaned_data["version"]
        )
