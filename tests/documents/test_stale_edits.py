"""Lost updates on drafts: the document form and a body's line of the countersigning grid,
saved after a colleague saved the same draft, are refused with the core's message, the
colleague's change kept (tests/stale.py)."""

import pytest

from tests.documents.conftest import later
from tests.stale import assert_stale_save_refused, colleague_of

pytestmark = pytest.mark.django_db


def test_a_stale_document_edit_is_refused(draft, office):
    assert_stale_save_refused(
        first=office,
        second=colleague_of(office),
        url=f"/documents/manage/{draft.pk}/edit/",
        theirs={"title": "云南省少先队辅导员管理办法（修订）"},
        mine={"title": "云南省少先队辅导员队伍管理办法"},
        row=draft,
    )


def test_a_stale_countersigning_grid_edit_is_refused(draft, office):
    first, second = draft.co_issuers.order_by("position")

    assert_stale_save_refused(
        first=office,
        second=colleague_of(office),
        url=f"/documents/manage/co-issuers/{first.pk}/edit/",
        theirs={"due_on": later(20)},
        mine={"due_on": later(30).isoformat()},
        row=first,
    )

    assert second.due_on == later()
