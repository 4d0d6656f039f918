from apps.core.routes import page, resource_urls
from apps.funding import imports, views

app_name = "funding"

# Each name has its access rule in apps/funding/permissions.py (URL_RULES).
urlpatterns = [
    page(views, "", "program-list"),
    *resource_urls(views, "programs/", "program", "create", "detail", "update"),
    page(views, "programs/<int:pk>/envelopes/new/", "envelope-create"),
    page(views, "programs/<int:pk>/allocations/new/", "allocation-create"),
    page(imports, "programs/<int:pk>/import/", "allocation-import"),
    page(imports, "programs/<int:pk>/import/template/", "allocation-import-template"),
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
    page(views, "allocations/<int:pk>/usage/", "usage-report"),
    page(views, "allocations/<int:pk>/usage/accept/", "usage-accept"),
    page(views, "allocations/<int:pk>/usage/return/", "usage-return"),
    page(views, "receipts/<int:pk>/", "receipt-download"),
    *resource_urls(views, "public/", "public-program", "list", "detail"),
]
