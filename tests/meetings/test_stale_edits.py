"""Lost updates on joint meetings: the meeting form saved after a colleague saved the same
meeting is refused with the core's message, the colleague's change kept (tests/stale.py;
decisions: test_services.py)."""

import pytest

from tests.stale import assert_stale_save_refused, colleague_of

pytestmark = pytest.mark.django_db


def test_a_stale_meeting_edit_is_refused(meeting, league_province):
    assert_stale_save_refused(
        first=league_province,
        second=colleague_of(league_province),
        url=f"/meetings/{meeting.pk}/edit/",
        theirs={"place": "云南省团校"},
        mine={"place": "省教育厅三楼会议室"},
        row=meeting,
    )
