"""Lost updates on partner institutions: the form saved after a colleague saved the same
institution is refused with the core's message, the colleague's change kept
(tests/stale.py; claims and fulfilments of wishes: test_concurrency.py)."""

import pytest

from tests.stale import assert_stale_save_refused, colleague_of

pytestmark = pytest.mark.django_db


def test_a_stale_institution_edit_is_refused(university, league_province):
    assert_stale_save_refused(
        first=league_province,
        second=colleague_of(league_province),
        url=f"/pairing/institutions/{university.pk}/edit/",
        theirs={"contact_phone": "0871-65039999"},
        mine={"contact_phone": "0871-65030000"},
        row=university,
    )
