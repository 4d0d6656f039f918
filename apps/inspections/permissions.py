"""Permissions of the inspections app: codenames, URL rules and what each role holds.

The URL rules check the role's rights; who may act on one campaign, report or order (its
lead, its assigned inspectors, the target's staff) is checked by the services, and which
rows a user sees at all by the selectors (out of scope is a 404).
"""

from apps.accounts.choices import Role
from apps.core.access import PUBLIC, Rule, has_perm
from apps.core.permissions import page_rules, perm_enum, resource_rules

Perm = perm_enum(
    "inspections",
    {
        "CAMPAIGN": "campaign",
        "CIRCULAR": "circular",
        "SCHEME": "evaluationscheme",
        "INSPECTION": ("inspection", "view change"),
        "ORDER": ("rectificationorder", "view add"),
    },
    SUBMIT_RECTIFICATION="submit_rectification",
    PUBLISH_CIRCULAR="publish_circular",
)


URL_RULES: dict[str, Rule] = {
    # Published circulars are public (通报 are published); drafts never reach these views.
    **page_rules(PUBLIC, "inspections:public-circular", "list", "detail"),
    **resource_rules(
        "inspections:campaign", Perm, "CAMPAIGN", "list", "detail", "create", "update"
    ),
    **page_rules(
        has_perm(Perm.CHANGE_CAMPAIGN), "inspections:campaign", "start", "close", "fan-out"
    ),
    **page_rules(has_perm(Perm.CHANGE_CAMPAIGN), "inspections:team-member", "create", "delete"),
    **page_rules(has_perm(Perm.CHANGE_CAMPAIGN), "inspections:checklist-item", "create", "delete"),
    **resource_rules("inspections:inspection", Perm, "INSPECTION", "list", "detail", "update"),
    "inspections:inspection-submit": has_perm(Perm.CHANGE_INSPECTION),
    "inspections:finding-create": has_perm(Perm.CHANGE_INSPECTION),
    "inspections:evidence-upload": has_perm(Perm.CHANGE_INSPECTION),
    "inspections:evidence-download": has_perm(Perm.VIEW_INSPECTION),
    # The lead accepts or returns; the service checks that the user leads the campaign.
    **page_rules(has_perm(Perm.VIEW_INSPECTION), "inspections:inspection", "accept", "return"),
    **resource_rules("inspections:order", Perm, "ORDER", "list", "detail", "create"),
    "inspections:order-submit": has_perm(Perm.SUBMIT_RECTIFICATION),
    # Whoever may issue orders may verify them; the service checks the issuer or the lead.
    **page_rules(has_perm(Perm.ADD_ORDER), "inspections:order", "verify", "reopen", "revisit"),
    "inspections:order-evidence-download": has_perm(Perm.VIEW_ORDER),
    **resource_rules(
        "inspections:circular", Perm, "CIRCULAR", "list", "detail", "create", "update"
    ),
    "inspections:circular-publish": has_perm(Perm.PUBLISH_CIRCULAR),
    **resource_rules("inspections:scheme", Perm, "SCHEME", "list", "detail", "create", "update"),
    "inspections:scheme-activate": has_perm(Perm.CHANGE_SCHEME),
}

_VIEW_ALL = [
    Perm.VIEW_CAMPAIGN,
    Perm.VIEW_INSPECTION,
    Perm.VIEW_ORDER,
    Perm.VIEW_CIRCULAR,
    Perm.VIEW_SCHEME,
]
# League and education staff organise campaigns, carry out rectifications in their area and
# issue circulars. Joint teams are drawn from both, so they may also file reports and issue
# orders: the services let only a report's assigned inspectors and its lead do so.
_STAFF = [
    *_VIEW_ALL,
    Perm.ADD_CAMPAIGN,
    Perm.CHANGE_CAMPAIGN,
    Perm.CHANGE_INSPECTION,
    Perm.ADD_ORDER,
    Perm.SUBMIT_RECTIFICATION,
    Perm.ADD_CIRCULAR,
    Perm.CHANGE_CIRCULAR,
    Perm.PUBLISH_CIRCULAR,
]

# "app_label.*" grants every permission of the app.
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROVINCIAL_ADMIN: ["inspections.*"],
    Role.LEAGUE: _STAFF,
    # School evaluation is the education side's (纳入考核).
    Role.EDUCATION: [*_STAFF, Perm.ADD_SCHEME, Perm.CHANGE_SCHEME],
    # Inspectors file reports, issue and verify orders, draft circulars; a lead who is an
    # inspector manages their campaign (the services check that they lead it).
    Role.INSPECTOR: [
        *_VIEW_ALL,
        Perm.CHANGE_CAMPAIGN,
        Perm.CHANGE_INSPECTION,
        Perm.ADD_ORDER,
        Perm.ADD_CIRCULAR,
        Perm.CHANGE_CIRCULAR,
    ],
    Role.OFFICIAL: _VIEW_ALL,
}
