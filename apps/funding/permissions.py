"""Permissions of the funding area: codenames, URL rules and what each role holds.

The URL rules check the role's rights; who may act on one program, pot or allocation (its
division's staff, the approvers of the dual-chair rule, the recipient's staff) is decided by
apps/funding/rights.py inside the services, and which rows a user sees at all by the
selectors (out of scope is a 404).
"""

from apps.accounts.choices import Role
from apps.accounts.roles import staff_area_permissions
from apps.core.access import PUBLIC, Rule, has_perm
from apps.core.permissions import page_rules, perm_enum, reads_and_writes, resource_rules

Perm = perm_enum(
    "funding",
    {
        "PROGRAM": "program",
        "ENVELOPE": ("envelope", "view add"),
        "ALLOCATION": ("allocation", "view add"),
        "SIGNOFF": ("signoff", "view"),
        "RECEIPT": ("usagereceipt", "view"),
    },
    APPROVE_ALLOCATION="approve_allocation",
    DISBURSE_ALLOCATION="disburse_allocation",
    REPORT_USAGE="report_usage",
    ACCEPT_USAGE="accept_usage",
)


URL_RULES: dict[str, Rule] = {
    # The public disclosure (资金使用公示): totals per recipient school, nothing about people.
    **page_rules(PUBLIC, "funding:public-program", "list", "detail"),
    **resource_rules("funding:program", Perm, "PROGRAM", "list", "detail", "create", "update"),
    "funding:envelope-create": has_perm(Perm.ADD_ENVELOPE),
    **resource_rules("funding:allocation", Perm, "ALLOCATION", "list", "detail", "create"),
    **page_rules(
        has_perm(Perm.ADD_ALLOCATION), "funding:allocation", "import", "import-template", "cancel"
    ),
    **page_rules(has_perm(Perm.APPROVE_ALLOCATION), "funding:allocation", "approve", "return"),
    "funding:allocation-disburse": has_perm(Perm.DISBURSE_ALLOCATION),
    "funding:usage-report": has_perm(Perm.REPORT_USAGE),
    **page_rules(has_perm(Perm.ACCEPT_USAGE), "funding:usage", "accept", "return"),
    "funding:receipt-download": has_perm(Perm.VIEW_RECEIPT),
}

# League and education staff run programs, allocate, approve and disburse in their scope;
# scoped to a school they report its usage (the rights module tells the two apart).
# Officials read; a counselor sees their school's allocations.
ROLE_PERMISSIONS = staff_area_permissions(
    "funding",
    **reads_and_writes(Perm),
    readers=[Role.COUNSELOR],
)
