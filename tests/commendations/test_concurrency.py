"""Quotas under real concurrency: approvals racing on PostgreSQL connections of their own."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from apps.commendations import services
from apps.commendations.choices import Decision, NominationStatus, NomineeKind, ReviewLevel
from apps.commendations.models import Nomination
from tests.commendations.conftest import make_category, make_round

THREADS = 8


def _race(actor, nominations) -> list[str]:
    start = threading.Barrier(len(nominations))
    outcomes: list[str] = []
    lock = threading.Lock()

    def approve(nomination):
        try:
            start.wait()
            services.nomination_review(
                actor=actor, nomination=nomination, decision=Decision.APPROVE
            )
            result = "won"
        except ValidationError as error:
            result = "refused" if error.code == "quota" else f"other: {error}"
        except Exception as error:  # pragma: no cover - shown in the assertion below
            result = f"error: {error!r}"
        finally:
            connection.close()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=approve, args=(n,)) for n in nominations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return sorted(outcomes)


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
    assert outcomes == ["refused"] * (THREADS - 2) + ["won"] * 2
    assert category.nominations.filter(status=NominationStatus.APPROVED).count() == 2


@pytest.mark.django_db(transaction=True)
def test_a_county_passes_up_at_most_its_quota_under_concurrent_approvals(
    divisions, nominate, edu_wuhua
):
    category = make_category(make_round(), "pupils", NomineeKind.CHILD, 3)
    nominations = [nominate(category) for _ in range(THREADS)]

    outcomes = _race(edu_wuhua, nominations)

    assert outcomes == ["refused"] * (THREADS - 3) + ["won"] * 3
    assert category.nominations.filter(current_level=ReviewLevel.PREFECTURE).count() == 3
