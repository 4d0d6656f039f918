from django.urls import path

from apps.core.routes import resource_urls
from apps.funding import imports, views

app_name = "funding"

# Each name has its access rule in apps/funding/permissions.py (URL_RULES).
urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program-list"),
    *resource_urls(views, "programs/", "program", "create", "detail", "update"),
    path(
        "programs/<int:pk>/envelopes/new/",
        views.EnvelopeCreateView.as_view(),
        name="envelope-create",
    ),
    path(
        "programs/<int:pk>/allocations/new/",
        views.AllocationCreateView.as_view(),
        name="allocation-create",
    ),
    path(
        "programs/<int:pk>/import/",
        imports.AllocationImportView.as_view(),
        name="allocation-import",
    ),
    path(
        "programs/<int:pk>/import/template/",
        imports.AllocationImportTemplateView.as_view(),
        name="allocation-import-template",
    ),
    *resource_urls(
        views,
        "allocations/",
        "allocation",
        "list",
        "detail",
        "approve",
        "return",
        "cancel",
        "disburse",
    ),
    path("allocations/<int:pk>/usage/", views.UsageReportView.as_view(), name="usage-report"),
    path(
        "allocations/<int:pk>/usage/accept/",
        views.UsageAcceptView.as_view(),
        name="usage-accept",
    ),
    path(
        "allocations/<int:pk>/usage/return/",
        views.UsageReturnView.as_view(),
        name="usage-return",
    ),
    path("receipts/<int:pk>/", views.ReceiptDownloadView.as_view(), name="receipt-download"),
    *resource_urls(views, "public/", "public-program", "list", "detail"),
]
