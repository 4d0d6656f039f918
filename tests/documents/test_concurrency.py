"""Opinions given at the same moment, on real connections: the document row lock serves them
one after the other, so two bodies both sign, and one body's double click records once."""

import threading

import pytest
from django.db import connection

from apps.documents import services
from apps.documents.choices import Decision
from apps.documents.models import CountersignStep, Document

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(calls) -> list[str]:
    """Run ``calls`` at the same moment, each on its own connection; their outcomes."""
    start = threading.Barrier(len(calls))
    outcomes: list[str] = []

    def run(call):
        try:
            start.wait()
            call()
            outcomes.append("done")
        except Exception as error:  # the outcome, whatever it is, is what the test compares
            outcomes.append(getattr(error, "code", type(error).__name__))
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(outcomes)


def _sign(document, actor, body):
    return lambda: services.document_countersign(
        actor=actor,
        document=Document(pk=document.pk),
        body=body,
        decision=Decision.SIGN,
        seen_round=document.round,
    )


def test_two_bodies_signing_at_once_are_both_recorded(countersigning, league, education, bodies):
    seen = countersigning.version

    outcomes = _at_once(
        [
            _sign(countersigning, league, bodies["league"]),
            _sign(countersigning, education, bodies["education"]),
        ]
    )

    assert outcomes == ["done", "done"]
    assert CountersignStep.objects.filter(decision=Decision.SIGN).count() == 2
    assert Document.objects.get(pk=countersigning.pk).version == seen + 2


def test_one_body_signing_twice_at_once_is_recorded_once(countersigning, league, bodies):
    outcomes = _at_once([_sign(countersigning, league, bodies["league"])] * 2)

    assert outcomes == ["already_decided", "done"]
    assert CountersignStep.objects.exclude(decision="").count() == 1
