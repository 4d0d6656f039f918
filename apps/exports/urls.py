from django.urls import include, path

from apps.exports import views

app_name = "exports"

# Each name has its access rule in apps/exports/permissions.py (URL_RULES).
job_patterns = [
    path("", views.ExportJobDetailView.as_view(), name="job-detail"),
    path("status/", views.ExportJobStatusView.as_view(), name="job-status"),
    path("download/", views.ExportJobDownloadView.as_view(), name="job-download"),
]
urlpatterns = [
    path("jobs/", views.ExportJobListView.as_view(), name="job-list"),
    path("jobs/<uuid:pk>/", include(job_patterns)),
]
