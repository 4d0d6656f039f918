"""Writes to joint inspections. Portal views, the admin and the demo data all call these.

Every service takes the acting user, checks that they may act (PermissionDenied otherwise),
validates with ``full_clean()`` (ValidationError, keyed by the form field that is wrong) and
saves inside a transaction, naming the actor and the reason in the row's history. Dates are
read from the portal's clock (``apps.core.clock``). One module per purpose; everything is
importable from ``apps.inspections.services``.
"""

from apps.inspections.services.campaigns import (
    CAMPAIGN_FIELDS,
    LEAD_ROLES,
    FanOutResult,
    TargetAssignment,
    campaign_close,
    campaign_create,
    campaign_fan_out,
    campaign_start,
    campaign_update,
    checklist_item_add,
    checklist_item_remove,
    lead_candidates,
    team_member_add,
    team_member_remove,
)
from apps.inspections.services.circulars import circular_create, circular_publish, circular_update
from apps.inspections.services.rectification import (
    rectification_order_issue,
    rectification_reopen,
    rectification_schedule_revisit,
    rectification_submit,
    rectification_verify,
)
from apps.inspections.services.reports import (
    REPORT_FIELDS,
    finding_add,
    inspection_accept,
    inspection_evidence_add,
    inspection_return,
    inspection_submit,
    inspection_update,
    score_field,
)
from apps.inspections.services.rules import (
    can_decide_report,
    can_file,
    can_issue_order,
    can_manage_campaign,
    can_publish_circular,
    can_rectify,
    can_verify_order,
    can_write_circular,
    is_assigned,
)
from apps.inspections.services.schemes import evaluation_scheme_activate, evaluation_scheme_save

__all__ = [
    "CAMPAIGN_FIELDS",
    "LEAD_ROLES",
    "REPORT_FIELDS",
    "FanOutResult",
    "TargetAssignment",
    "campaign_close",
    "campaign_create",
    "campaign_fan_out",
    "campaign_start",
    "campaign_update",
    "can_decide_report",
    "can_file",
    "can_issue_order",
    "can_manage_campaign",
    "can_publish_circular",
    "can_rectify",
    "can_verify_order",
    "can_write_circular",
    "checklist_item_add",
    "checklist_item_remove",
    "circular_create",
    "circular_publish",
    "circular_update",
    "evaluation_scheme_activate",
    "evaluation_scheme_save",
    "finding_add",
    "inspection_accept",
    "inspection_evidence_add",
    "inspection_return",
    "inspection_submit",
    "inspection_update",
    "is_assigned",
    "lead_candidates",
    "rectification_order_issue",
    "rectification_reopen",
    "rectification_schedule_revisit",
    "rectification_submit",
    "rectification_verify",
    "score_field",
    "team_member_add",
    "team_member_remove",
]
