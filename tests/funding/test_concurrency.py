"""The budget rule under real concurrency, on PostgreSQL connections of their own, and the
database's own refusal of a non-positive amount."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from apps.funding import services
from apps.funding.budget import Pot
from apps.funding.models import Allocation, Program
from tests.concurrency import at_once
from tests.funding.conftest import make_program

THREADS = 20


@pytest.mark.django_db(transaction=True)
def test_of_twenty_allocations_racing_for_the_last_thousand_exactly_one_wins(
    league_province, edu_province, migrant_yuxi
):
    # given a fund with exactly 1,000.00 left
    program = make_program(league_province, total_budget="5000.00", dual_signoff_threshold=None)
    services.allocation_create(
        actor=edu_province, program=program, recipient=migrant_yuxi, amount="4000.00"
    )

    def allocate():
        services.allocation_create(
            actor=edu_province,
            program=program,
            recipient=migrant_yuxi,
            amount="1000.00",
        )

    # when twenty requests allocate 1,000.00 each at the same moment
    outcomes = at_once([allocate] * THREADS, timeout=60)

    # then exactly one succeeded, the others were told the budget is spent
    refused = [outcome.error for outcome in outcomes if outcome.error is not None]
    assert len(refused) == THREADS - 1, outcomes
    assert all(
        isinstance(error, ValidationError) and "amount" in getattr(error, "error_dict", {})
        for error in refused
    ), refused
    assert Allocation.objects.filter(program=program).count() == 2
    assert Pot(Program.objects.get(pk=program.pk)).remaining() == Decimal("0.00")


def test_the_database_refuses_a_non_positive_amount(program, edu_province, migrant_yuxi):
    allocation = services.allocation_create(
        actor=edu_province, program=program, recipient=migrant_yuxi, amount="1.00"
    )

    # Past every service check, straight to the table: the check constraint still holds.
    for amount in (Decimal("0.00"), Decimal("-1.00")):
        with pytest.raises(IntegrityError), transaction.atomic():
            Allocation.objects.filter(pk=allocation.pk).update(amount=amount)
