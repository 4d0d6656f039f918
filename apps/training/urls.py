from apps.core.routes import page
from apps.training import imports, views

app_name = "training"
urlpatterns = [
    page(views, "plans/", "plan-list", view="TrainingPlanListView"),
    page(views, "plans/new/", "plan-create", view="TrainingPlanCreateView"),
    page(views, "plans/<int:pk>/", "plan-detail", view="TrainingPlanDetailView"),
    page(views, "plans/<int:pk>/edit/", "plan-update", view="TrainingPlanUpdateView"),
    page(views, "courses/", "course-list"),
    page(views, "courses/new/", "course-create"),
    page(views, "courses/<int:pk>/", "course-detail"),
    page(views, "courses/<int:pk>/edit/", "course-update"),
    page(views, "courses/<int:pk>/attendance/new/", "attendance-create"),
    page(imports, "courses/<int:pk>/attendance/import/", "attendance-import"),
    page(imports, "courses/<int:pk>/attendance/import/template.xlsx", "attendance-import-template"),
]
