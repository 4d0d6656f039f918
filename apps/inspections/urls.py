from django.urls import path

from apps.inspections import views as v

app_name = "inspections"

# (route, view, name); every name has its access rule in permissions.URL_RULES.
ROUTES = [
    # Public: published circulars (通报).
    ("circulars/", v.PublicCircularListView, "public-circular-list"),
    ("circulars/<int:pk>/", v.PublicCircularDetailView, "public-circular-detail"),
    # Campaigns and their joint teams.
    ("", v.CampaignListView, "campaign-list"),
    ("campaigns/new/", v.CampaignCreateView, "campaign-create"),
    ("campaigns/<int:pk>/", v.CampaignDetailView, "campaign-detail"),
    ("campaigns/<int:pk>/edit/", v.CampaignUpdateView, "campaign-update"),
    ("campaigns/<int:pk>/start/", v.CampaignStartView, "campaign-start"),
    ("campaigns/<int:pk>/close/", v.CampaignCloseView, "campaign-close"),
    ("campaigns/<int:pk>/fan-out/", v.CampaignFanOutView, "campaign-fan-out"),
    ("campaigns/<int:pk>/team/new/", v.TeamMemberCreateView, "team-member-create"),
    ("team-members/<int:pk>/delete/", v.TeamMemberDeleteView, "team-member-delete"),
    ("campaigns/<int:pk>/checklist/new/", v.ChecklistItemCreateView, "checklist-item-create"),
    ("checklist-items/<int:pk>/delete/", v.ChecklistItemDeleteView, "checklist-item-delete"),
    ("campaigns/<int:pk>/circulars/new/", v.CircularCreateView, "circular-create"),
    # Supervision reports.
    ("reports/", v.InspectionListView, "inspection-list"),
    ("reports/<int:pk>/", v.InspectionDetailView, "inspection-detail"),
    ("reports/<int:pk>/edit/", v.InspectionUpdateView, "inspection-update"),
    ("reports/<int:pk>/submit/", v.InspectionSubmitView, "inspection-submit"),
    ("reports/<int:pk>/accept/", v.InspectionAcceptView, "inspection-accept"),
    ("reports/<int:pk>/return/", v.InspectionReturnView, "inspection-return"),
    ("reports/<int:pk>/findings/new/", v.FindingCreateView, "finding-create"),
    ("reports/<int:pk>/evidence/new/", v.InspectionEvidenceCreateView, "evidence-upload"),
    ("evidence/<int:pk>/", v.InspectionEvidenceDownloadView, "evidence-download"),
    # Rectification orders.
    ("findings/<int:pk>/orders/new/", v.RectificationOrderCreateView, "order-create"),
    ("orders/", v.RectificationOrderListView, "order-list"),
    ("orders/<int:pk>/", v.RectificationOrderDetailView, "order-detail"),
    ("orders/<int:pk>/rectify/", v.RectificationOrderSubmitView, "order-submit"),
    ("orders/<int:pk>/verify/", v.RectificationOrderVerifyView, "order-verify"),
    ("orders/<int:pk>/reopen/", v.RectificationOrderReopenView, "order-reopen"),
    ("orders/<int:pk>/revisit/", v.RectificationOrderRevisitView, "order-revisit"),
    ("order-evidence/<int:pk>/", v.RectificationEvidenceDownloadView, "order-evidence-download"),
    # Circulars inside the portal (drafts included).
    ("manage/circulars/", v.CircularListView, "circular-list"),
    ("manage/circulars/<int:pk>/", v.CircularDetailView, "circular-detail"),
    ("manage/circulars/<int:pk>/edit/", v.CircularUpdateView, "circular-update"),
    ("manage/circulars/<int:pk>/publish/", v.CircularPublishView, "circular-publish"),
    # School evaluation schemes.
    ("schemes/", v.EvaluationSchemeListView, "scheme-list"),
    ("schemes/new/", v.EvaluationSchemeCreateView, "scheme-create"),
    ("schemes/<int:pk>/", v.EvaluationSchemeDetailView, "scheme-detail"),
    ("schemes/<int:pk>/edit/", v.EvaluationSchemeUpdateView, "scheme-update"),
    ("schemes/<int:pk>/activate/", v.EvaluationSchemeActivateView, "scheme-activate"),
]

urlpatterns = [path(route, view.as_view(), name=name) for route, view, name in ROUTES]
