"""The area's POST-only steps: each calls one service on one row the actor sees (404
outside scope) and goes back to the row's page, with the service's refusal as a message."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from apps.inspections import selectors, services
from apps.inspections.views.common import step_view

# class name, selector of the row, the service's keyword for it, service, success message.
STEPS = [
    (
        "CampaignStartView",
        selectors.campaign_get,
        "campaign",
        services.campaign_start,
        _("The campaign is running."),
    ),
    (
        "CampaignCloseView",
        selectors.campaign_get,
        "campaign",
        services.campaign_close,
        _("The campaign is closed."),
    ),
    (
        "TeamMemberDeleteView",
        selectors.team_member_get,
        "member",
        services.team_member_remove,
        _("Team member removed."),
    ),
    (
        "ChecklistItemDeleteView",
        selectors.checklist_item_get,
        "item",
        services.checklist_item_remove,
        _("Checklist item removed."),
    ),
    (
        "InspectionSubmitView",
        selectors.inspection_get,
        "inspection",
        services.inspection_submit,
        _("Report submitted to the campaign lead."),
    ),
    (
        "InspectionAcceptView",
        selectors.inspection_get,
        "inspection",
        services.inspection_accept,
        _("Report accepted."),
    ),
    (
        "RectificationOrderVerifyView",
        selectors.order_get,
        "order",
        services.rectification_verify,
        _("Rectification verified; the order is closed."),
    ),
    (
        "CircularPublishView",
        selectors.circular_get,
        "circular",
        services.circular_publish,
        _("Circular published."),
    ),
    (
        "EvaluationSchemeActivateView",
        selectors.scheme_for_edit,
        "scheme",
        services.evaluation_scheme_activate,
        _("The scheme is in force."),
    ),
]

(
    CampaignStartView,
    CampaignCloseView,
    TeamMemberDeleteView,
    ChecklistItemDeleteView,
    InspectionSubmitView,
    InspectionAcceptView,
    RectificationOrderVerifyView,
    CircularPublishView,
    EvaluationSchemeActivateView,
) = (step_view(*step) for step in STEPS)
