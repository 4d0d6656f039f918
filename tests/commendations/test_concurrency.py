"""Quotas under real concurrency: approvals racing on PostgreSQL connections of their own."""

from functools import partial

import pytest

from apps.commendations import services
from apps.commendations.choices import Decision, NominationStatus, NomineeKind, ReviewLevel
from apps.commendations.models import Nomination
from tests.commendations.conftest import make_category, make_round
from tests.concurrency import Outcome, at_once

THREADS = 8


def _race(actor, nominations) -> list[Outcome]:
    """``actor`` approving each of ``nominations`` at the same moment."""
    return at_once(
        [
            partial(
                services.nomination_review,
                actor=actor,
                nomination=nomination,
                decision=Decision.APPROVE,
            )
            for nomination in nominations
        ],
        timeout=60,
    )


@pytest.mark.django_db(transaction=True)
def test_the_province_never_approves_past_the_category_quota_under_concurrent_approvals(
    divisions, nominate, edu_province
):
    # given eight nominations waiting at province level for a category of quota 2
    category = make_category(make_round(), "pupils", NomineeKind.CHILD, 2)
    nominations = [nominate(category) for _ in range(THREADS)]
    Nomination.objects.filter(pk__in=[n.pk for n in nominations]).update(
        current_level=ReviewLevel.PROVINCE
    )

    # when the province approves all eight at the same moment
    outcomes = _race(edu_province, nominations)

    # then exactly two were approved, the others refused for the quota
    codes = sorted(outcome.code for outcome in outcomes)
    assert codes == ["done"] * 2 + ["quota"] * (THREADS - 2), outcomes
    assert category.nominations.filter(status=NominationStatus.APPROVED).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_county_passes_up_at_most_its_quota_under_concurrent_approvals(
    divisions, nominate, edu_wuhua
):
    category = make_category(make_round(), "pupils", NomineeKind.CHILD, 3)
    nominations = [nominate(category) for _ in range(THREADS)]

    outcomes = _race(edu_wuhua, nominations)

    codes = sorted(outcome.code for outcome in outcomes)
    assert codes == ["done"] * 3 + ["quota"] * (THREADS - 3), outcomes
    assert category.nominations.filter(current_level=ReviewLevel.PREFECTURE).count() == 3
