"""A wish claimed by many at once, on PostgreSQL connections of their own: one claim wins;
and the database's own refusal of a claimed wish without an institution."""

import pytest
from django.db import IntegrityError, transaction

from apps.pairing import services
from apps.pairing.choices import WishStatus
from apps.pairing.models import Wish
from tests.concurrency import at_once

THREADS = 10


@pytest.mark.django_db(transaction=True)
def test_of_ten_claims_racing_for_one_wish_exactly_one_wins(wish, league_wuhua, university):
    def claim():
        services.wish_claim(actor=league_wuhua, wish=wish, institution=university)

    outcomes = at_once([claim] * THREADS, timeout=60)

    codes = sorted(outcome.code for outcome in outcomes)
    assert codes == ["done"] + ["wrong_status"] * (THREADS - 1), outcomes
    wish = Wish.objects.get(pk=wish.pk)
    assert (wish.status, wish.version) == (WishStatus.CLAIMED, 2)
    assert wish.history.count() == 2


def test_the_database_refuses_a_claim_without_an_institution(wish):
    with pytest.raises(IntegrityError), transaction.atomic():
        Wish.objects.filter(pk=wish.pk).update(status=WishStatus.CLAIMED)
