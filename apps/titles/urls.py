from apps.core.routes import page, resource_urls
from apps.titles import views

app_name = "titles"
urlpatterns = [
    *resource_urls(views, "", "application", "list", "create", model="TitleApplication"),
    page(views, "queue/", "review-queue"),
    page(views, "handled/", "review-handled"),
    page(views, "all/", "application-overview"),
    *resource_urls(
        views, "", "application", "detail", "update", "submit", "review", model="TitleApplication"
    ),
    page(views, "<int:pk>/evidence/", "evidence-add"),
    *resource_urls(views, "evidence/", "evidence", "remove", "download"),
]
