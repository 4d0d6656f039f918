from apps.core.routes import page, resource_urls
from apps.training import imports, views

app_name = "training"
urlpatterns = [
    *resource_urls(
        views, "plans/", "plan", "list", "create", "detail", "update", model="TrainingPlan"
    ),
    *resource_urls(views, "courses/", "course", "list", "create", "detail", "update"),
    page(views, "courses/<int:pk>/attendance/new/", "attendance-create"),
    page(imports, "courses/<int:pk>/attendance/import/", "attendance-import"),
    page(imports, "courses/<int:pk>/attendance/import/template.xlsx", "attendance-import-template"),
]
