from django.urls import path

from apps.transition import views

app_name = "transition"

# Each name has its access rule in apps/transition/permissions.py (URL_RULES).
urlpatterns = [
    path("", views.PilotListView.as_view(), name="pilot-list"),
    path("new/", views.PilotCreateView.as_view(), name="pilot-create"),
    path("<int:pk>/", views.PilotDetailView.as_view(), name="pilot-detail"),
    path("<int:pk>/edit/", views.PilotUpdateView.as_view(), name="pilot-update"),
    path(
        "<int:pk>/milestones/new/",
        views.MilestoneCreateView.as_view(),
        name="milestone-create",
    ),
    path(
        "milestones/<int:pk>/edit/",
        views.MilestoneUpdateView.as_view(),
        name="milestone-update",
    ),
    path("<int:pk>/handoffs/", views.HandOffRecordView.as_view(), name="handoff-record"),
]
