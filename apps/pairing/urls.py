from django.urls import path

from apps.core.routes import resource_urls
from apps.pairing import imports, views

app_name = "pairing"

# Each name has its access rule in apps/pairing/permissions.py (URL_RULES).
urlpatterns = [
    path("", views.WishListView.as_view(), name="wish-list"),
    *resource_urls(
        views, "wishes/", "wish", "create", "detail", "claim", "fulfil", "release", "confirm"
    ),
    path("wishes/import/", imports.WishImportView.as_view(), name="wish-import"),
    path(
        "wishes/import/template/",
        imports.WishImportTemplateView.as_view(),
        name="wish-import-template",
    ),
    path("photos/<int:pk>/", views.PhotoDownloadView.as_view(), name="photo-download"),
    *resource_urls(views, "institutions/", "institution", "list", "create", "update"),
    *resource_urls(views, "pairings/", "pairing", "list", "create", "detail"),
    path("pairings/hours/", views.ServiceHoursView.as_view(), name="service-hours"),
    path(
        "pairings/<int:pk>/activities/new/",
        views.ActivityCreateView.as_view(),
        name="activity-create",
    ),
]
