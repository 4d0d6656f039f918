from apps.core.routes import page, resource_urls
from apps.pairing import imports, views

app_name = "pairing"

# Each name has its access rule in apps/pairing/permissions.py (URL_RULES).
urlpatterns = [
    page(views, "", "wish-list"),
    *resource_urls(
        views, "wishes/", "wish", "create", "detail", "claim", "fulfil", "release", "confirm"
    ),
    page(imports, "wishes/import/", "wish-import"),
    page(imports, "wishes/import/template/", "wish-import-template"),
    page(views, "photos/<int:pk>/", "photo-download"),
    *resource_urls(views, "institutions/", "institution", "list", "create", "detail", "update"),
    *resource_urls(views, "pairings/", "pairing", "list", "create", "detail"),
    page(views, "pairings/hours/", "service-hours"),
    page(views, "pairings/<int:pk>/activities/new/", "activity-create"),
]
