from django.urls import path

from apps.exports import views

app_name = "exports"

# Each name has its access rule in apps/exports/permissions.py (URL_RULES).
urlpatterns = [
    path("jobs/", views.ExportJobListView.as_view(), name="job-list"),
    path("jobs/<uuid:pk>/", views.ExportJobDetailView.as_view(), name="job-detail"),
    path("jobs/<uuid:pk>/status/", views.ExportJobStatusView.as_view(), name="job-status"),
    path("jobs/<uuid:pk>/download/", views.ExportJobDownloadView.as_view(), name="job-download"),
    path("jobs/<uuid:pk>/retry/", views.ExportJobRetryView.as_view(), name="job-retry"),
]
