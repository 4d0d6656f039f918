"""Lost updates on drafts: the document form and a body's line of the countersigning grid,
saved after a colleague saved the same draft, are refused with the core's message, the
colleague's change kept (tests/stale.py)."""

import pytest

from apps.accounts.choices import Role
from tests.documents.conftest import later
from tests.factories import UserFactory, division
from tests.stale import assert_stale_save_refused

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(bodies):
    return UserFactory(username="office_2", role=Role.PROVINCIAL_ADMIN, division=division("530000"))


def test_a_stale_document_edit_is_refused(draft, office, colleague):
    assert_stale_save_refused(
        first=office,
        second=colleague,
        url=f"/documents/manage/{draft.pk}/edit/",
        theirs={"title": "云南省少先队辅导员管理办法（修订）"},
        mine={"title": "云南省少先队辅导员队伍管理办法"},
    )

    draft.refresh_from_db()
    assert draft.title == "云南省少先队辅导员管理办法（修订）"


def test_a_stale_countersigning_grid_edit_is_refused(draft, office, colleague):
    first, second = draft.co_issuers.order_by("position")

    assert_stale_save_refused(
        first=office,
        second=colleague,
        url=f"/documents/manage/co-issuers/{first.pk}/edit/",
        theirs={"due_on": later(20).isoformat()},
        mine={"due_on": later(30).isoformat()},
    )

    first.refresh_from_db()
    assert first.due_on == later(20)
    assert second.due_on == later()
