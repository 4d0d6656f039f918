"""Validity of issued documents (现行有效, 已修改, 已废止, 已失效): worked out from the later
document and the end date on the day it is read, never typed in."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from apps.core import clock
from apps.documents import services
from apps.documents.choices import Validity
from apps.documents.models import Document
from tests.documents.conftest import issue, make_draft


@pytest.fixture
def newer(issued, office, bodies):
    document = make_draft(office, bodies, co_issuers=(), title="云南省少先队辅导员管理办法（修订）")
    return issue(document, office, number="云少工委发〔{year}〕20号")


def _validity(document):
    return Document.objects.with_validity(clock.today()).get(pk=document.pk).validity


def _set(document, actor, validity, later=None, valid_until=None):
    document.refresh_from_db()
    return services.document_set_validity(
        actor=actor,
        document=document,
        validity=validity,
        later_document=later,
        valid_until=valid_until,
        seen_version=document.version,
    )


def test_an_issued_document_is_in_force_and_a_draft_has_no_validity(issued, office, bodies):
    draft = make_draft(office, bodies, title="另一份草稿")

    assert _validity(issued) == Validity.IN_FORCE
    assert issued.validity_on(clock.today()) == Validity.IN_FORCE
    assert _validity(draft) is None
    assert draft.validity is None


def test_amended_and_repealed_name_the_later_document(issued, newer, office):
    _set(issued, office, Validity.AMENDED, newer)
    assert _validity(issued) == Validity.AMENDED
    assert Document.objects.get(pk=issued.pk).amended_by == newer

    _set(issued, office, Validity.REPEALED, newer)
    assert _validity(issued) == Validity.REPEALED

    _set(issued, office, Validity.IN_FORCE)
    assert _validity(issued) == Validity.IN_FORCE


def test_past_its_end_date_a_document_is_expired_without_anyone_acting(issued, office):
    _set(issued, office, Validity.IN_FORCE, valid_until=clock.today())
    assert _validity(issued) == Validity.IN_FORCE

    tomorrow = clock.today() + datetime.timedelta(days=1)
    with clock.travel(tomorrow):
        assert _validity(issued) == Validity.EXPIRED


def test_amending_needs_an_issued_later_document(issued, office, bodies):
    draft = make_draft(office, bodies, title="另一份草稿")
    for later in (None, draft, issued):
        with pytest.raises(ValidationError) as caught:
            _set(issued, office, Validity.AMENDED, later)
        assert "later_document" in caught.value.error_dict


def test_only_a_drafting_office_of_either_document_records_validity(issued, newer, league):
    with pytest.raises(PermissionDenied):
        _set(issued, league, Validity.REPEALED, newer)


def test_an_interpretation_is_published_once_issued(issued, office, bodies):
    draft = make_draft(office, bodies, title="另一份草稿")
    with pytest.raises(ValidationError):
        services.document_interpret(
            actor=office, document=draft, interpretation="解读", seen_version=draft.version
        )

    document = services.document_interpret(
        actor=office, document=issued, interpretation="本办法明确了……", seen_version=issued.version
    )

    assert (document.interpretation, document.interpreted_on) == ("本办法明确了……", clock.today())
