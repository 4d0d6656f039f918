"""Views of joint inspections: thin, every row fetched through a scoped selector (404 outside
scope), every write through a service. Access rules per URL are in permissions.py; one
module per purpose, everything importable from ``apps.inspections.views``."""

from apps.inspections.views.campaigns import (
    CampaignCreateView,
    CampaignDetailView,
    CampaignFanOutView,
    CampaignUpdateView,
    ChecklistItemCreateView,
    TeamMemberCreateView,
)
from apps.inspections.views.circulars import (
    CircularCreateView,
    CircularDetailView,
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
)
from apps.inspections.views.reports import (
    FindingCreateView,
    InspectionDetailView,
    InspectionEvidenceCreateView,
    InspectionEvidenceDownloadView,
    InspectionReturnView,
    InspectionUpdateView,
)
from apps.inspections.views.schemes import (
    EvaluationSchemeCreateView,
    EvaluationSchemeDetailView,
    EvaluationSchemeListView,
    EvaluationSchemeUpdateView,
)
from apps.inspections.views.steps import (
    CampaignCloseView,
    CampaignStartView,
    ChecklistItemDeleteView,
    CircularPublishView,
    EvaluationSchemeActivateView,
    InspectionAcceptView,
    InspectionSubmitView,
    RectificationOrderVerifyView,
    TeamMemberDeleteView,
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
