"""Permissions of the titles app: codenames, URL rules and what each role holds.

Counselors write their own applications; education staff review them at the level of their
scope. Which rows a user may open is decided by the selectors (out of scope is a 404).
"""

from apps.accounts.choices import Role
from apps.core.access import Rule, has_perm, has_role
from apps.core.permissions import page_rules, perm_enum, resource_rules

Perm = perm_enum(
    "titles",
    {
        "APPLICATION": "titleapplication",
        "REVIEW_STEP": ("reviewstep", "view"),
        "EVIDENCE": ("evidencefile", "view add delete"),
    },
    REVIEW_APPLICATION="review_titleapplication",
)


# Roles that read the submitted applications of their scope (the League counts them on its
# dashboard and reviews counselors for commendations); evidence files stay with reviewers.
OVERVIEW_ROLES = (
    Role.EDUCATION,
    Role.LEAGUE,
    Role.OFFICIAL,
    Role.INSPECTOR,
    Role.PROVINCIAL_ADMIN,
)

URL_RULES: dict[str, Rule] = {
    # A counselor's own applications.
    "titles:application-list": has_perm(Perm.ADD_APPLICATION),
    **resource_rules("titles:application", Perm, "APPLICATION", "create", "update"),
    "titles:application-submit": has_perm(Perm.CHANGE_APPLICATION),
    "titles:evidence-add": has_perm(Perm.ADD_EVIDENCE),
    "titles:evidence-remove": has_perm(Perm.DELETE_EVIDENCE),
    # The applicant or a reviewer in scope; the selector turns anyone else away with a 404.
    "titles:application-detail": has_perm(Perm.VIEW_APPLICATION),
    "titles:evidence-download": has_perm(Perm.VIEW_EVIDENCE),
    # Everything submitted in the user's scope, read-only: reviewers, League staff, officials,
    # inspectors and the provincial office (the selector keeps it to their scope).
    "titles:application-overview": has_role(*OVERVIEW_ROLES),
    # Reviewers.
    **page_rules(has_perm(Perm.REVIEW_APPLICATION), "titles:review", "queue", "handled"),
    "titles:application-review": has_perm(Perm.REVIEW_APPLICATION),
}

_READ = [Perm.VIEW_APPLICATION, Perm.VIEW_REVIEW_STEP, Perm.VIEW_EVIDENCE]

ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.COUNSELOR: [
        *_READ,
        Perm.ADD_APPLICATION,
        Perm.CHANGE_APPLICATION,
        Perm.ADD_EVIDENCE,
        Perm.DELETE_EVIDENCE,
    ],
    Role.EDUCATION: [*_READ, Perm.REVIEW_APPLICATION],
    Role.LEAGUE: [Perm.VIEW_APPLICATION, Perm.VIEW_REVIEW_STEP],
    Role.OFFICIAL: [Perm.VIEW_APPLICATION, Perm.VIEW_REVIEW_STEP],
    Role.INSPECTOR: [Perm.VIEW_APPLICATION, Perm.VIEW_REVIEW_STEP],
    # The provincial administrator looks at applications in the (read-only) admin only.
    Role.PROVINCIAL_ADMIN: _READ,
}
