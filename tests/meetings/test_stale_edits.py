"""Lost updates on joint meetings: the meeting form saved after a colleague saved the same
meeting is refused with the core's message, the colleague's change kept (tests/stale.py;
decisions: test_services.py)."""

import pytest

from apps.accounts.choices import Role
from tests.factories import UserFactory, division
from tests.stale import assert_stale_save_refused

pytestmark = pytest.mark.django_db


def test_a_stale_meeting_edit_is_refused(meeting, league_province):
    colleague = UserFactory(
        username="league_province_2", role=Role.LEAGUE, division=division("530000")
    )

    assert_stale_save_refused(
        first=league_province,
        second=colleague,
        url=f"/meetings/{meeting.pk}/edit/",
        theirs={"place": "云南省团校"},
        mine={"place": "省教育厅三楼会议室"},
    )

    meeting.refresh_from_db()
    assert (meeting.place, meeting.version) == ("云南省团校", 2)
