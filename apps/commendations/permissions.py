"""Permissions of the commendations area: codenames, URL rules and what each role holds.

Staff levels (county, prefecture, province) and who may act on one nomination, notice or
objection are decided in apps/commendations/rights.py inside the services; which rows a
user sees at all by the selectors (out of scope is a 404). The 公示, the final list and the
certificate check are public.
"""

from apps.accounts.roles import staff_area_permissions
from apps.core.access import PUBLIC, Rule, has_perm
from apps.core.permissions import page_rules, perm_enum, reads_and_writes, resource_rules

Perm = perm_enum(
    "commendations",
    {
        "NOMINATION": ("nomination", "view add"),
        "OBJECTION": ("objection", "view"),
        "EVIDENCE": ("nominationevidence", "view"),
    },
    REVIEW_NOMINATION="review_nomination",
    MANAGE_ROUND="manage_round",
)


URL_RULES: dict[str, Rule] = {
    **page_rules(PUBLIC, "commendations:public-notice", "list", "detail"),
    "commendations:objection-create": PUBLIC,
    **page_rules(PUBLIC, "commendations:public-decision", "list", "detail", "xlsx"),
    "commendations:verify": PUBLIC,
    **resource_rules("commendations:nomination", Perm, "NOMINATION", "list", "detail", "create"),
    "commendations:nomination-review": has_perm(Perm.REVIEW_NOMINATION),
    "commendations:evidence-add": has_perm(Perm.ADD_NOMINATION),
    "commendations:consent-record": has_perm(Perm.ADD_NOMINATION),
    "commendations:evidence-download": has_perm(Perm.VIEW_EVIDENCE),
    "commendations:certificate": has_perm(Perm.VIEW_NOMINATION),
    "commendations:round-detail": has_perm(Perm.VIEW_NOMINATION),
    "commendations:round-close-review": has_perm(Perm.MANAGE_ROUND),
    **page_rules(has_perm(Perm.MANAGE_ROUND), "commendations:notice", "publish", "close"),
    "commendations:final-publish": has_perm(Perm.MANAGE_ROUND),
    "commendations:objection-list": has_perm(Perm.VIEW_OBJECTION),
    "commendations:objection-resolve": has_perm(Perm.MANAGE_ROUND),
}

# League and education staff nominate and review at their level; provincial staff run the
# round (the rights module tells the levels apart). Objections name their authors: staff
# read them, officials do not.
ROLE_PERMISSIONS = staff_area_permissions(
    "commendations", **reads_and_writes(Perm, staff_only=[Perm.VIEW_OBJECTION])
)
