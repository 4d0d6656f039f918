"""Opinions given at the same moment, on real connections: the document row lock serves them
one after the other, so two bodies both sign, and one body's double click records once."""

import pytest

from apps.documents import services
from apps.documents.choices import Decision
from apps.documents.models import CountersignStep, Document
from tests.concurrency import at_once

pytestmark = pytest.mark.django_db(transaction=True)


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

    outcomes = at_once(
        [
            _sign(countersigning, league, bodies["league"]),
            _sign(countersigning, education, bodies["education"]),
        ]
    )

    assert sorted(outcome.code for outcome in outcomes) == ["done", "done"]
    assert CountersignStep.objects.filter(decision=Decision.SIGN).count() == 2
    assert Document.objects.get(pk=countersigning.pk).version == seen + 2


def test_one_body_signing_twice_at_once_is_recorded_once(countersigning, league, bodies):
    outcomes = at_once([_sign(countersigning, league, bodies["league"])] * 2)

    assert sorted(outcome.code for outcome in outcomes) == ["already_decided", "done"]
    assert CountersignStep.objects.exclude(decision="").count() == 1
