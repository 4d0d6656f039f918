from django.urls import path

from apps.funding import imports, views

app_name = "funding"

# Each name has its access rule in apps/funding/permissions.py (URL_RULES).
urlpatterns = [
    path("", views.ProgramListView.as_view(), name="program-list"),
    path("programs/new/", views.ProgramCreateView.as_view(), name="program-create"),
    path("programs/<int:pk>/", views.ProgramDetailView.as_view(), name="program-detail"),
    path("programs/<int:pk>/edit/", views.ProgramUpdateView.as_view(), name="program-update"),
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
    path("allocations/", views.AllocationListView.as_view(), name="allocation-list"),
    path("allocations/<int:pk>/", views.AllocationDetailView.as_view(), name="allocation-detail"),
    path(
        "allocations/<int:pk>/approve/",
        views.AllocationApproveView.as_view(),
        name="allocation-approve",
    ),
    path(
        "allocations/<int:pk>/return/",
        views.AllocationReturnView.as_view(),
        name="allocation-return",
    ),
    path(
        "allocations/<int:pk>/cancel/",
        views.AllocationCancelView.as_view(),
        name="allocation-cancel",
    ),
    path(
        "allocations/<int:pk>/disburse/",
        views.AllocationDisburseView.as_view(),
        name="allocation-disburse",
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
    path("public/", views.PublicProgramListView.as_view(), name="public-program-list"),
    path(
        "public/<int:pk>/",
        views.PublicProgramDetailView.as_view(),
        name="public-program-detail",
    ),
]
