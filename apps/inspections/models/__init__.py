"""Joint inspections (联合督导): campaigns and their joint teams, supervision reports,
circulars (通报), rectification orders (责令整改) and school evaluation schemes.

One module per purpose; everything is importable from ``apps.inspections.models``."""

from apps.inspections.models.base import (
    REGIONAL_ROLES,
    TARGET_STAFF_ROLES,
    InspectionsQuerySet,
    Targeted,
    plain_number,
    sees_by_region,
    target_code,
)
from apps.inspections.models.campaigns import Campaign, ChecklistItem, TeamMember
from apps.inspections.models.circulars import Circular
from apps.inspections.models.rectification import (
    RectificationEvent,
    RectificationEvidence,
    RectificationOrder,
)
from apps.inspections.models.reports import (
    Finding,
    IndicatorScore,
    Inspection,
    InspectionEvidence,
)
from apps.inspections.models.schemes import (
    MIN_YOUNG_PIONEER_SHARE,
    EvaluationItem,
    EvaluationScheme,
    young_pioneer_share,
)

__all__ = [
    "MIN_YOUNG_PIONEER_SHARE",
    "REGIONAL_ROLES",
    "TARGET_STAFF_ROLES",
    "Campaign",
    "ChecklistItem",
    "Circular",
    "EvaluationItem",
    "EvaluationScheme",
    "Finding",
    "IndicatorScore",
    "Inspection",
    "InspectionEvidence",
    "InspectionsQuerySet",
    "RectificationEvent",
    "RectificationEvidence",
    "RectificationOrder",
    "Targeted",
    "TeamMember",
    "plain_number",
    "sees_by_region",
    "target_code",
    "young_pioneer_share",
]
