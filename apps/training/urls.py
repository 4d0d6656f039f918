from django.urls import path

from apps.training import imports, views

app_name = "training"
urlpatterns = [
    path("plans/", views.TrainingPlanListView.as_view(), name="plan-list"),
    path("plans/new/", views.TrainingPlanCreateView.as_view(), name="plan-create"),
    path("plans/<int:pk>/", views.TrainingPlanDetailView.as_view(), name="plan-detail"),
    path("plans/<int:pk>/edit/", views.TrainingPlanUpdateView.as_view(), name="plan-update"),
    path("courses/", views.CourseListView.as_view(), name="course-list"),
    path("courses/new/", views.CourseCreateView.as_view(), name="course-create"),
    path("courses/<int:pk>/", views.CourseDetailView.as_view(), name="course-detail"),
    path("courses/<int:pk>/edit/", views.CourseUpdateView.as_view(), name="course-update"),
    path(
        "courses/<int:pk>/attendance/new/",
        views.AttendanceCreateView.as_view(),
        name="attendance-create",
    ),
    path(
        "courses/<int:pk>/attendance/import/",
        imports.AttendanceImportView.as_view(),
        name="attendance-import",
    ),
    path(
        "courses/<int:pk>/attendance/import/template.xlsx",
        imports.AttendanceImportTemplateView.as_view(),
        name="attendance-import-template",
    ),
]
