"""URLs of the documents area, mounted at /documents/: the public list of issued documents
is the area's root (SPEC §3), staff pages live under manage/."""

from django.urls import path

from apps.documents.views import documents, notices, public, workflow

app_name = "documents"
urlpatterns = [
    # Public.
    path("", public.PublicDocumentListView.as_view(), name="public-document-list"),
    path("<int:pk>/", public.PublicDocumentDetailView.as_view(), name="public-document-detail"),
    path(
        "files/<int:pk>/",
        public.PublicAttachmentDownloadView.as_view(),
        name="public-attachment-download",
    ),
    path("notices/", public.PublicNoticeListView.as_view(), name="public-notice-list"),
    path(
        "notices/<int:pk>/",
        public.PublicNoticeDetailView.as_view(),
        name="public-notice-detail",
    ),
    path(
        "notices/files/<int:pk>/",
        public.PublicNoticeAttachmentDownloadView.as_view(),
        name="public-notice-attachment-download",
    ),
    path("search/", public.PublicSearchView.as_view(), name="public-search"),
    # Staff: documents.
    path("manage/", documents.DocumentListView.as_view(), name="document-list"),
    path("manage/new/", documents.DocumentCreateView.as_view(), name="document-create"),
    path("manage/<int:pk>/", documents.DocumentDetailView.as_view(), name="document-detail"),
    path("manage/<int:pk>/edit/", documents.DocumentUpdateView.as_view(), name="document-update"),
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
    path("manage/<int:pk>/submit/", workflow.DocumentSubmitView.as_view(), name="document-submit"),
    path(
        "manage/<int:pk>/countersign/",
        workflow.DocumentCountersignView.as_view(),
        name="document-countersign",
    ),
    path("manage/<int:pk>/issue/", workflow.DocumentIssueView.as_view(), name="document-issue"),
    path(
        "manage/<int:pk>/interpretation/",
        workflow.DocumentInterpretView.as_view(),
        name="document-interpret",
    ),
    path(
        "manage/<int:pk>/validity/",
        workflow.DocumentValidityView.as_view(),
        name="document-validity",
    ),
    # Staff: notices.
    path("notices/manage/", notices.NoticeListView.as_view(), name="notice-list"),
    path("notices/manage/new/", notices.NoticeCreateView.as_view(), name="notice-create"),
    path("notices/manage/<int:pk>/", notices.NoticeDetailView.as_view(), name="notice-detail"),
    path(
        "notices/manage/<int:pk>/edit/",
        notices.NoticeUpdateView.as_view(),
        name="notice-update",
    ),
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
    path(
        "notices/manage/<int:pk>/publish/",
        notices.NoticePublishView.as_view(),
        name="notice-publish",
    ),
]
