"""URLs of the documents area, mounted at /documents/: the public list of issued documents
is the area's root (SPEC §3), staff pages live under manage/."""

from apps.core.routes import page, resource_urls
from apps.documents.views import documents, notices, public, workflow

app_name = "documents"
urlpatterns = [
    # Public.
    *resource_urls(public, "", "public-document", "list", "detail"),
    page(public, "files/<int:pk>/", "public-attachment-download"),
    *resource_urls(public, "notices/", "public-notice", "list", "detail"),
    page(public, "notices/files/<int:pk>/", "public-notice-attachment-download"),
    page(public, "search/", "public-search"),
    # Staff: documents.
    *resource_urls(documents, "manage/", "document", "list", "create", "detail", "update"),
    *resource_urls(workflow, "manage/", "document", "submit", "countersign", "issue", "validity"),
    page(workflow, "manage/<int:pk>/interpretation/", "document-interpret"),
    page(documents, "manage/<int:pk>/rounds/<int:round>/", "document-round"),
    page(workflow, "manage/<int:pk>/co-issuers/", "coissuer-add", view="CoIssuerAddView"),
    *resource_urls(
        workflow, "manage/co-issuers/", "coissuer", "update", "remove", model="CoIssuer"
    ),
    page(workflow, "manage/<int:pk>/attachments/", "attachment-add"),
    page(workflow, "manage/attachments/<int:pk>/remove/", "attachment-remove"),
    page(documents, "manage/attachments/<int:pk>/", "attachment-download"),
    page(documents, "manage/signed-pages/<int:pk>/", "signed-page-download"),
    # Staff: notices.
    *resource_urls(notices, "notices/manage/", "notice", "list", "create", "detail", "update"),
    *resource_urls(notices, "notices/manage/", "notice", "publish"),
    page(notices, "notices/manage/<int:pk>/files/", "notice-attachment-add"),
    page(notices, "notices/manage/files/<int:pk>/remove/", "notice-attachment-remove"),
    page(notices, "notices/manage/files/<int:pk>/", "notice-attachment-download"),
]
