"""A wish claimed by many at once, on PostgreSQL connections of their own: one claim wins;
and the database's own refusal of a claimed wish without an institution."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from apps.pairing import services
from apps.pairing.choices import WishStatus
from apps.pairing.models import Wish

THREADS = 10


@pytest.mark.django_db(transaction=True)
def test_of_ten_claims_racing_for_one_wish_exactly_one_wins(wish, league_wuhua, university):
    start = threading.Barrier(THREADS)
    outcomes: list[str] = []
    lock = threading.Lock()

    def claim():
        try:
            start.wait()
            services.wish_claim(actor=league_wuhua, wish=wish, institution=university)
            result = "won"
        except ValidationError as error:
            result = "refused" if error.code == "wrong_status" else f"other: {error}"
        except Exception as error:  # pragma: no cover - shown in the assertion below
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=claim) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert sorted(outcomes) == ["refused"] * (THREADS - 1) + ["won"]
    wish = Wish.objects.get(pk=wish.pk)
    assert (wish.status, wish.version) == (WishStatus.CLAIMED, 2)
    assert wish.history.count() == 2


def test_the_database_refuses_a_claim_without_an_institution(wish):
    with pytest.raises(IntegrityError), transaction.atomic():
        Wish.objects.filter(pk=wish.pk).update(status=WishStatus.CLAIMED)
