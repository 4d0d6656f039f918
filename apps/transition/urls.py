from django.urls import path

from apps.core.routes import resource_urls
from apps.transition import views

app_name = "transition"

# Each name has its access rule in apps/transition/permissions.py (URL_RULES).
urlpatterns = [
    *resource_urls(views, "", "pilot", "list", "create", "detail", "update"),
    path(
        "<int:pk>/milestones/new/",
        views.MilestoneCreateView.as_view(),
        name="milestone-create",
    ),
    *resource_urls(views, "milestones/", "milestone", "update"),
    path("<int:pk>/handoffs/", views.HandOffRecordView.as_view(), name="handoff-record"),
]
