from apps.core.routes import page
from apps.inbox import views

app_name = "inbox"

# Each name has its access rule in apps/inbox/permissions.py (URL_RULES).
urlpatterns = [
    page(views, "", "notification-list"),
    page(views, "todo/", "todo-list"),
    page(views, "<int:pk>/open/", "notification-open"),
    page(views, "read-all/", "notification-read-all"),
    page(views, "settings/", "settings", view="ReminderSettingsView"),
]
