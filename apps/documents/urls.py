"""URLs of the documents area, mounted at /documents/: the public list of issued documents
is the area's root (SPEC §3), staff pages live under manage/."""

from django.urls import path

from apps.core.routes import resource_urls
from apps.documents.views import documents, notices, public, workflow

app_name = "documents"
urlpatterns = [
    # Public.
    *resource_urls(public, "", "public-document", "list", "detail"),
    path(
        "files/<int:pk>/",
        public.PublicAttachmentDownloadView.as_view(),
        name="public-attachment-download",
    ),
    *resource_urls(public, "notices/", "public-notice", "list", "detail"),
    path(
        "notices/files/<int:pk>/",
        public.PublicNoticeAttachmentDownloadView.as_view(),
        name="public-notice-attachment-download",
    ),
    path("search/", public.PublicSearchView.as_view(), name="public-search"),
    # Staff: documents.
    *resource_urls(documents, "manage/", "document", "list", "create", "detail", "update"),
    *resource_urls(workflow, "manage/", "document", "submit", "countersign", "issue", "validity"),
    path(
        "manage/<int:pk>/interpretation/",
        workflow.DocumentInterpretView.as_view(),
        name="document-interpret",
    ),
    path(
        "manage/<int:pk>/rounds/<int:round>/",
        documents.DocumentRoundView.as_view(),
        name="document-round",
    ),
    path("manage/<int:pk>/co-issuers/", workflow.CoIssuerAddView.as_view(), name="coissuer-add"),
    path(
        "manage/co-issuers/<int:pk>/edit/",
        workflow.CoIssuerUpdateView.as_view(),
        name="coissuer-update",
    ),
    path(
        "manage/co-issuers/<int:pk>/remove/",
        workflow.CoIssuerRemoveView.as_view(),
        name="coissuer-remove",
    ),
    path(
        "manage/<int:pk>/attachments/",
        workflow.AttachmentAddView.as_view(),
        name="attachment-add",
    ),
    path(
        "manage/attachments/<int:pk>/remove/",
        workflow.AttachmentRemoveView.as_view(),
        name="attachment-remove",
    ),
    path(
        "manage/attachments/<int:pk>/",
        documents.AttachmentDownloadView.as_view(),
        name="attachment-download",
    ),
    path(
        "manage/signed-pages/<int:pk>/",
        documents.SignedPageDownloadView.as_view(),
        name="signed-page-download",
    ),
    # Staff: notices.
    *resource_urls(notices, "notices/manage/", "notice", "list", "create", "detail", "update"),
    *resource_urls(notices, "notices/manage/", "notice", "publish"),
    path(
        "notices/manage/<int:pk>/files/",
        notices.NoticeAttachmentAddView.as_view(),
        name="notice-attachment-add",
    ),
    path(
        "notices/manage/files/<int:pk>/remove/",
        notices.NoticeAttachmentRemoveView.as_view(),
        name="notice-attachment-remove",
    ),
    path(
        "notices/manage/files/<int:pk>/",
        notices.NoticeAttachmentDownloadView.as_view(),
        name="notice-attachment-download",
    ),
]
