from django.urls import path

from apps.inspections import views

app_name = "inspections"
urlpatterns = [
    # Public: published circulars (通报).
    path("circulars/", views.PublicCircularListView.as_view(), name="public-circular-list"),
    path(
        "circulars/<int:pk>/",
        views.PublicCircularDetailView.as_view(),
        name="public-circular-detail",
    ),
    # Campaigns and their joint teams.
    path("", views.CampaignListView.as_view(), name="campaign-list"),
    path("campaigns/new/", views.CampaignCreateView.as_view(), name="campaign-create"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="campaign-detail"),
    path("campaigns/<int:pk>/edit/", views.CampaignUpdateView.as_view(), name="campaign-update"),
    path("campaigns/<int:pk>/start/", views.CampaignStartView.as_view(), name="campaign-start"),
    path("campaigns/<int:pk>/close/", views.CampaignCloseView.as_view(), name="campaign-close"),
    path(
        "campaigns/<int:pk>/fan-out/", views.CampaignFanOutView.as_view(), name="campaign-fan-out"
    ),
    path(
        "campaigns/<int:pk>/team/new/",
        views.TeamMemberCreateView.as_view(),
        name="team-member-create",
    ),
    path(
        "team-members/<int:pk>/delete/",
        views.TeamMemberDeleteView.as_view(),
        name="team-member-delete",
    ),
    path(
        "campaigns/<int:pk>/checklist/new/",
        views.ChecklistItemCreateView.as_view(),
        name="checklist-item-create",
    ),
    path(
        "checklist-items/<int:pk>/delete/",
        views.ChecklistItemDeleteView.as_view(),
        name="checklist-item-delete",
    ),
    path(
        "campaigns/<int:pk>/circulars/new/",
        views.CircularCreateView.as_view(),
        name="circular-create",
    ),
    # Supervision reports.
    path("reports/", views.InspectionListView.as_view(), name="inspection-list"),
    path("reports/<int:pk>/", views.InspectionDetailView.as_view(), name="inspection-detail"),
    path("reports/<int:pk>/edit/", views.InspectionUpdateView.as_view(), name="inspection-update"),
    path(
        "reports/<int:pk>/submit/", views.InspectionSubmitView.as_view(), name="inspection-submit"
    ),
    path(
        "reports/<int:pk>/accept/", views.InspectionAcceptView.as_view(), name="inspection-accept"
    ),
    path(
        "reports/<int:pk>/return/", views.InspectionReturnView.as_view(), name="inspection-return"
    ),
    path(
        "reports/<int:pk>/findings/new/", views.FindingCreateView.as_view(), name="finding-create"
    ),
    path(
        "reports/<int:pk>/evidence/new/",
        views.InspectionEvidenceCreateView.as_view(),
        name="evidence-upload",
    ),
    path(
        "evidence/<int:pk>/",
        views.InspectionEvidenceDownloadView.as_view(),
        name="evidence-download",
    ),
    # Rectification orders.
    path(
        "findings/<int:pk>/orders/new/",
        views.RectificationOrderCreateView.as_view(),
        name="order-create",
    ),
    path("orders/", views.RectificationOrderListView.as_view(), name="order-list"),
    path("orders/<int:pk>/", views.RectificationOrderDetailView.as_view(), name="order-detail"),
    path(
        "orders/<int:pk>/rectify/",
        views.RectificationOrderSubmitView.as_view(),
        name="order-submit",
    ),
    path(
        "orders/<int:pk>/verify/", views.RectificationOrderVerifyView.as_view(), name="order-verify"
    ),
    path(
        "orders/<int:pk>/reopen/", views.RectificationOrderReopenView.as_view(), name="order-reopen"
    ),
    path(
        "orders/<int:pk>/revisit/",
        views.RectificationOrderRevisitView.as_view(),
        name="order-revisit",
    ),
    path(
        "order-evidence/<int:pk>/",
        views.RectificationEvidenceDownloadView.as_view(),
        name="order-evidence-download",
    ),
    # Circulars inside the portal (drafts included).
    path("manage/circulars/", views.CircularListView.as_view(), name="circular-list"),
    path("manage/circulars/<int:pk>/", views.CircularDetailView.as_view(), name="circular-detail"),
    path(
        "manage/circulars/<int:pk>/edit/",
        views.CircularUpdateView.as_view(),
        name="circular-update",
    ),
    path(
        "manage/circulars/<int:pk>/publish/",
        views.CircularPublishView.as_view(),
        name="circular-publish",
    ),
    # School evaluation schemes.
    path("schemes/", views.EvaluationSchemeListView.as_view(), name="scheme-list"),
    path("schemes/new/", views.EvaluationSchemeCreateView.as_view(), name="scheme-create"),
    path("schemes/<int:pk>/", views.EvaluationSchemeDetailView.as_view(), name="scheme-detail"),
    path(
        "schemes/<int:pk>/edit/", views.EvaluationSchemeUpdateView.as_view(), name="scheme-update"
    ),
    path(
        "schemes/<int:pk>/activate/",
        views.EvaluationSchemeActivateView.as_view(),
        name="scheme-activate",
    ),
]
