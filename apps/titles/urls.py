from django.urls import path

from apps.core.routes import resource_urls
from apps.titles import views

app_name = "titles"
urlpatterns = [
    *resource_urls(views, "", "application", "list", "create", model="TitleApplication"),
    path("queue/", views.ReviewQueueView.as_view(), name="review-queue"),
    path("handled/", views.ReviewHandledView.as_view(), name="review-handled"),
    path("all/", views.ApplicationOverviewView.as_view(), name="application-overview"),
    *resource_urls(
        views, "", "application", "detail", "update", "submit", "review", model="TitleApplication"
    ),
    path("<int:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence-add"),
    path("evidence/<int:pk>/remove/", views.EvidenceRemoveView.as_view(), name="evidence-remove"),
    path(
        "evidence/<int:pk>/download/",
        views.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
]
