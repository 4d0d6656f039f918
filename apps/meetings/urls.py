from apps.core.routes import page, resource_urls
from apps.meetings import views

app_name = "meetings"

# Each name has its access rule in apps/meetings/permissions.py (URL_RULES).
urlpatterns = [
    *resource_urls(views, "", "meeting", "list", "create", "detail", "update"),
    page(views, "<int:pk>/attendees/new/", "attendee-add"),
    page(views, "<int:pk>/minutes/", "minutes-upload"),
    page(views, "<int:pk>/minutes/download/", "minutes-download"),
    page(views, "<int:pk>/decisions/new/", "decision-create"),
    *resource_urls(views, "decisions/", "decision", "list", "update"),
    page(views, "decisions/<int:pk>/done/", "decision-complete"),
]
