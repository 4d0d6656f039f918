from django.urls import path

from apps.core.routes import resource_urls
from apps.meetings import views

app_name = "meetings"

# Each name has its access rule in apps/meetings/permissions.py (URL_RULES).
urlpatterns = [
    *resource_urls(views, "", "meeting", "list", "create", "detail", "update"),
    path("<int:pk>/attendees/new/", views.AttendeeAddView.as_view(), name="attendee-add"),
    path("<int:pk>/minutes/", views.MinutesUploadView.as_view(), name="minutes-upload"),
    path(
        "<int:pk>/minutes/download/",
        views.MinutesDownloadView.as_view(),
        name="minutes-download",
    ),
    path("<int:pk>/decisions/new/", views.DecisionCreateView.as_view(), name="decision-create"),
    *resource_urls(views, "decisions/", "decision", "list", "update"),
    path(
        "decisions/<int:pk>/done/",
        views.DecisionCompleteView.as_view(),
        name="decision-complete",
    ),
]
