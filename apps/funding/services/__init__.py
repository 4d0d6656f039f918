"""The one write path of the funding area: keyword-only, typed services that re-check the
actor's right and scope, validate in full and save inside ``transaction.atomic``. The portal's
pages, the admin, the spreadsheet import and the demo all call these.

- ``programs``: program_create, program_update, envelope_create
- ``allocations``: allocation_create, allocation_approve, allocation_return,
  allocation_cancel, allocation_disburse
- ``usage``: usage_report_submit, usage_accept, usage_return
"""

from apps.funding.services.allocations import (
    allocation_approve,
    allocation_cancel,
    allocation_create,
    allocation_disburse,
    allocation_return,
)
from apps.funding.services.programs import envelope_create, program_create, program_update
from apps.funding.services.usage import usage_accept, usage_report_submit, usage_return

__all__ = [
    "allocation_approve",
    "allocation_cancel",
    "allocation_create",
    "allocation_disburse",
    "allocation_return",
    "envelope_create",
    "program_create",
    "program_update",
    "usage_accept",
    "usage_report_submit",
    "usage_return",
]
