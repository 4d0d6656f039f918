from apps.core.routes import page, resource_urls
from apps.transition import views

app_name = "transition"

# Each name has its access rule in apps/transition/permissions.py (URL_RULES).
urlpatterns = [
    *resource_urls(views, "", "pilot", "list", "create", "detail", "update"),
    page(views, "<int:pk>/milestones/new/", "milestone-create"),
    *resource_urls(views, "milestones/", "milestone", "update"),
    page(views, "<int:pk>/handoffs/", "handoff-record", view="HandOffRecordView"),
]
