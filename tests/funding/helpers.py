"""Shortcuts for funding tests: an allocation taken to a given status through the services."""

from apps.funding import services
from apps.funding.choices import AllocationStatus

ORDER = [
    AllocationStatus.PLANNED,
    AllocationStatus.APPROVED,
    AllocationStatus.DISBURSED,
    AllocationStatus.USAGE_REPORTED,
    AllocationStatus.USAGE_ACCEPTED,
]


def allocation_at(
    status,
    *,
    program,
    recipient,
    amount,
    author,
    approvers=(),
    reporter=None,
    spent=None,
):
    """An allocation made by ``author`` and moved up to ``status`` (approvers sign, the
    author disburses and accepts, ``reporter`` reports ``spent``, default the amount)."""
    allocation = services.allocation_create(
        actor=author, program=program, recipient=recipient, amount=amount
    )
    target = ORDER.index(status)
    if target >= 1:
        for approver in approvers:
            allocation = services.allocation_approve(actor=approver, allocation=allocation)
    if target >= 2:
        allocation = services.allocation_disburse(actor=author, allocation=allocation)
    if target >= 3:
        allocation = services.usage_report_submit(
            actor=reporter,
            allocation=allocation,
            spent=spent if spent is not None else allocation.amount,
            summary="购置队鼓、队旗，开展主题队日活动。",
        )
    if target >= 4:
        allocation = services.usage_accept(actor=author, allocation=allocation)
    return allocation
