from django.urls import path

from apps.titles import views

app_name = "titles"
urlpatterns = [
    path("", views.TitleApplicationListView.as_view(), name="application-list"),
    path("new/", views.TitleApplicationCreateView.as_view(), name="application-create"),
    path("queue/", views.ReviewQueueView.as_view(), name="review-queue"),
    path("handled/", views.ReviewHandledView.as_view(), name="review-handled"),
    path("all/", views.ApplicationOverviewView.as_view(), name="application-overview"),
    path("<int:pk>/", views.TitleApplicationDetailView.as_view(), name="application-detail"),
    path("<int:pk>/edit/", views.TitleApplicationUpdateView.as_view(), name="application-update"),
    path("<int:pk>/submit/", views.TitleApplicationSubmitView.as_view(), name="application-submit"),
    path("<int:pk>/review/", views.TitleApplicationReviewView.as_view(), name="application-review"),
    path("<int:pk>/evidence/", views.EvidenceAddView.as_view(), name="evidence-add"),
    path("evidence/<int:pk>/remove/", views.EvidenceRemoveView.as_view(), name="evidence-remove"),
    path(
        "evidence/<int:pk>/download/",
        views.EvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
]
