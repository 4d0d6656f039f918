from django.urls import path

from apps.reports import views

# Mounted at the site root: the signed-in home keeps its /dashboard/ address and the
# reports have their own /reports/ ones, in one "reports" namespace.
app_name = "reports"
urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("reports/summary.xlsx", views.SummaryExportView.as_view(), name="summary-xlsx"),
]
