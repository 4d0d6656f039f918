from django.urls import path

from apps.pairing import imports, views

app_name = "pairing"

# Each name has its access rule in apps/pairing/permissions.py (URL_RULES).
urlpatterns = [
    path("", views.WishListView.as_view(), name="wish-list"),
    path("wishes/new/", views.WishCreateView.as_view(), name="wish-create"),
    path("wishes/import/", imports.WishImportView.as_view(), name="wish-import"),
    path(
        "wishes/import/template/",
        imports.WishImportTemplateView.as_view(),
        name="wish-import-template",
    ),
    path("wishes/<int:pk>/", views.WishDetailView.as_view(), name="wish-detail"),
    path("wishes/<int:pk>/claim/", views.WishClaimView.as_view(), name="wish-claim"),
    path("wishes/<int:pk>/fulfil/", views.WishFulfilView.as_view(), name="wish-fulfil"),
    path("wishes/<int:pk>/release/", views.WishReleaseView.as_view(), name="wish-release"),
    path("wishes/<int:pk>/confirm/", views.WishConfirmView.as_view(), name="wish-confirm"),
    path("photos/<int:pk>/", views.PhotoDownloadView.as_view(), name="photo-download"),
    path("institutions/", views.InstitutionListView.as_view(), name="institution-list"),
    path("institutions/new/", views.InstitutionCreateView.as_view(), name="institution-create"),
    path(
        "institutions/<int:pk>/edit/",
        views.InstitutionUpdateView.as_view(),
        name="institution-update",
    ),
    path("pairings/", views.PairingListView.as_view(), name="pairing-list"),
    path("pairings/new/", views.PairingCreateView.as_view(), name="pairing-create"),
    path("pairings/hours/", views.ServiceHoursView.as_view(), name="service-hours"),
    path("pairings/<int:pk>/", views.PairingDetailView.as_view(), name="pairing-detail"),
    path(
        "pairings/<int:pk>/activities/new/",
        views.ActivityCreateView.as_view(),
        name="activity-create",
    ),
]
