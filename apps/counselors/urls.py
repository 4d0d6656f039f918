from django.urls import path

from apps.counselors import imports, views

app_name = "counselors"
urlpatterns = [
    path("", views.CounselorListView.as_view(), name="counselor-list"),
    path("new/", views.CounselorCreateView.as_view(), name="counselor-create"),
    path("import/", imports.CounselorImportView.as_view(), name="counselor-import"),
    path(
        "import/template.xlsx",
        imports.CounselorImportTemplateView.as_view(),
        name="counselor-import-template",
    ),
    path("me/", views.CounselorMeView.as_view(), name="counselor-me"),
    path("<int:pk>/", views.CounselorDetailView.as_view(), name="counselor-detail"),
    path("<int:pk>/edit/", views.CounselorUpdateView.as_view(), name="counselor-update"),
]
