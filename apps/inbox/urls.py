from apps.core.routes import page, resource_urls
from apps.inbox import views

app_name = "inbox"

# Each name has its access rule in apps/inbox/permissions.py (URL_RULES).
urlpatterns = [
    *resource_urls(views, "", "notification", "list", "open"),
    page(views, "todo/", "todo-list"),
    page(views, "read-all/", "notification-read-all"),
    page(views, "settings/", "settings", view="ReminderSettingsView"),
]
