from django.urls import path

from apps.inbox import views

app_name = "inbox"

# Each name has its access rule in apps/inbox/permissions.py (URL_RULES).
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="notification-list"),
    path("todo/", views.TodoListView.as_view(), name="todo-list"),
    path("<int:pk>/open/", views.NotificationOpenView.as_view(), name="notification-open"),
    path("read-all/", views.NotificationReadAllView.as_view(), name="notification-read-all"),
    path("settings/", views.ReminderSettingsView.as_view(), name="settings"),
]
