"""Lost updates on programs and allocations: a program form saved after a colleague saved
the same program, and an allocation's cancel form sent after someone approved it, are
refused with the core's message, the other change kept (tests/stale.py)."""

import pytest

from apps.funding import services
from apps.funding.choices import AllocationStatus
from tests.funding.helpers import allocation_at
from tests.stale import assert_refused_after, assert_stale_save_refused, colleague_of

pytestmark = pytest.mark.django_db


def test_a_stale_program_edit_is_refused(program, league_province):
    assert_stale_save_refused(
        first=league_province,
        second=colleague_of(league_province),
        url=f"/funding/programs/{program.pk}/edit/",
        theirs={"purpose": "改善随迁子女学校少先队活动阵地"},
        mine={"purpose": "购置鼓号队器材"},
        row=program,
    )


def test_a_cancellation_sent_after_an_approval_is_refused(
    wuhua_envelope, program, edu_wuhua, edu_kunming, migrant_wuhua
):
    allocation = allocation_at(
        AllocationStatus.PLANNED,
        program=program,
        recipient=migrant_wuhua,
        amount="1000.00",
        author=edu_wuhua,
    )

    assert_refused_after(
        first=edu_wuhua,
        url=f"/funding/allocations/{allocation.pk}/cancel/",
        mine={"reason": "学校已撤并"},
        meanwhile=lambda: services.allocation_approve(actor=edu_kunming, allocation=allocation),
    )

    allocation.refresh_from_db()
    assert allocation.status == AllocationStatus.APPROVED
