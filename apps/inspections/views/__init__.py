"""Views of joint inspections: thin, every row fetched through a scoped selector (404 outside
scope), every write through a service. Access rules per URL are in permissions.py; one
module per purpose, everything importable from ``apps.inspections.views``."""

from apps.inspections.views.campaigns import (
    CampaignCloseView,
    CampaignCreateView,
    CampaignDetailView,
    CampaignFanOutView,
    CampaignStartView,
    CampaignUpdateView,
    ChecklistItemCreateView,
    ChecklistItemDeleteView,
    TeamMemberCreateView,
    TeamMemberDeleteView,
)
from apps.inspections.views.circulars import (
    CircularCreateView,
    CircularDetailView,
    CircularPublishView,
    CircularUpdateView,
    PublicCircularDetailView,
    PublicCircularListView,
)
from apps.inspections.views.lists import (
    CampaignListView,
    CircularListView,
    InspectionListView,
    RectificationOrderListView,
)
from apps.inspections.views.rectification import (
    RectificationEvidenceDownloadView,
    RectificationOrderCreateView,
    RectificationOrderDetailView,
    RectificationOrderReopenView,
    RectificationOrderRevisitView,
    RectificationOrderSubmitView,
    RectificationOrderVerifyView,
)
from apps.inspections.views.reports import (
    FindingCreateView,
    InspectionAcceptView,
    InspectionDetailView,
    InspectionEvidenceCreateView,
    InspectionEvidenceDownloadView,
    InspectionReturnView,
    InspectionSubmitView,
    InspectionUpdateView,
)
from apps.inspections.views.schemes import (
    EvaluationSchemeActivateView,
    EvaluationSchemeCreateView,
    EvaluationSchemeDetailView,
    EvaluationSchemeListView,
    EvaluationSchemeUpdateView,
)

__all__ = [
    "CampaignCloseView",
    "CampaignCreateView",
    "CampaignDetailView",
    "CampaignFanOutView",
    "CampaignListView",
    "CampaignStartView",
    "CampaignUpdateView",
    "ChecklistItemCreateView",
    "ChecklistItemDeleteView",
    "CircularCreateView",
    "CircularDetailView",
    "CircularListView",
    "CircularPublishView",
    "CircularUpdateView",
    "EvaluationSchemeActivateView",
    "EvaluationSchemeCreateView",
    "EvaluationSchemeDetailView",
    "EvaluationSchemeListView",
    "EvaluationSchemeUpdateView",
    "FindingCreateView",
    "InspectionAcceptView",
    "InspectionDetailView",
    "InspectionEvidenceCreateView",
    "InspectionEvidenceDownloadView",
    "InspectionListView",
    "InspectionReturnView",
    "InspectionSubmitView",
    "InspectionUpdateView",
    "PublicCircularDetailView",
    "PublicCircularListView",
    "RectificationEvidenceDownloadView",
    "RectificationOrderCreateView",
    "RectificationOrderDetailView",
    "RectificationOrderListView",
    "RectificationOrderReopenView",
    "RectificationOrderRevisitView",
    "RectificationOrderSubmitView",
    "RectificationOrderVerifyView",
    "TeamMemberCreateView",
    "TeamMemberDeleteView",
]
