"""Permissions of the pairing area: codenames, URL rules and what each role holds.

The URL rules check the role's rights; who may act on one wish or pairing is decided by
apps/pairing/rights.py inside the services, and which rows a user sees by the selectors
(out of scope is a 404).
"""

from apps.accounts.choices import Role
from apps.core.access import has_perm
from apps.core.permissions import page_rules, perm_enum, resource_rules

Perm = perm_enum(
    "pairing",
    {
        "INSTITUTION": "institution",
        "PAIRING": ("pairing", "view add"),
        "ACTIVITY": ("activity", "add"),
        "WISH": ("wish", "view add"),
        "PHOTO": ("wishphoto", "view"),
    },
    CLAIM_WISH="claim_wish",
    CONFIRM_WISH="confirm_wish",
)


URL_RULES = {
    **resource_rules(
        "pairing:institution", Perm, "INSTITUTION", "list", "create", "detail", "update"
    ),
    "pairing:service-hours": has_perm(Perm.VIEW_PAIRING),
    **resource_rules("pairing:pairing", Perm, "PAIRING", "list", "create", "detail"),
    "pairing:activity-create": has_perm(Perm.ADD_ACTIVITY),
    **resource_rules("pairing:wish", Perm, "WISH", "list", "detail", "create"),
    **page_rules(has_perm(Perm.ADD_WISH), "pairing:wish", "import", "import-template"),
    **page_rules(has_perm(Perm.CLAIM_WISH), "pairing:wish", "claim", "fulfil", "release"),
    "pairing:wish-confirm": has_perm(Perm.CONFIRM_WISH),
    "pairing:photo-download": has_perm(Perm.VIEW_PHOTO),
}

_READ = [Perm.VIEW_INSTITUTION, Perm.VIEW_PAIRING, Perm.VIEW_WISH, Perm.VIEW_PHOTO]
# League staff record institutions, pairings, activities, claims and fulfilment for the
# volunteers (who have no accounts); the rights module narrows them to their scope.
_LEAGUE = [
    *_READ,
    Perm.ADD_INSTITUTION,
    Perm.CHANGE_INSTITUTION,
    Perm.ADD_PAIRING,
    Perm.ADD_ACTIVITY,
    Perm.CLAIM_WISH,
]

ROLE_PERMISSIONS = {
    Role.PROVINCIAL_ADMIN: ["pairing.*"],
    Role.LEAGUE: _LEAGUE,
    # Education staff read figures and lists; scoped to a school they confirm its gifts.
    Role.EDUCATION: [*_READ, Perm.CONFIRM_WISH],
    # A counselor posts their brigade's wishes and confirms the gifts that arrived.
    Role.COUNSELOR: [*_READ, Perm.ADD_WISH, Perm.CONFIRM_WISH],
    Role.OFFICIAL: _READ,
}
