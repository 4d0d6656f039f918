from django.urls import path

from apps.meetings import views

app_name = "meetings"

# Each name has its access rule in apps/meetings/permissions.py (URL_RULES).
urlpatterns = [
    path("", views.MeetingListView.as_view(), name="meeting-list"),
    path("new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("<int:pk>/edit/", views.MeetingUpdateView.as_view(), name="meeting-update"),
    path("<int:pk>/attendees/new/", views.AttendeeAddView.as_view(), name="attendee-add"),
    path("<int:pk>/minutes/", views.MinutesUploadView.as_view(), name="minutes-upload"),
    path(
        "<int:pk>/minutes/download/",
        views.MinutesDownloadView.as_view(),
        name="minutes-download",
    ),
    path("<int:pk>/decisions/new/", views.DecisionCreateView.as_view(), name="decision-create"),
    path("decisions/", views.DecisionListView.as_view(), name="decision-list"),
    path("decisions/<int:pk>/edit/", views.DecisionUpdateView.as_view(), name="decision-update"),
    path(
        "decisions/<int:pk>/done/",
        views.DecisionCompleteView.as_view(),
        name="decision-complete",
    ),
]
