"""Joint-meeting indicators by scope and year."""

import datetime

from apps.core import clock
from apps.meetings import services
from apps.reports.indicators import compute
from tests.factories import division
from tests.meetings.conftest import decide

D = datetime.date


def test_meetings_and_open_and_overdue_decisions(
    meeting, league_province, edu_kunming, edu_province, edu_yuxi
):
    done = decide(meeting, league_province, edu_province, code="530000", due_on=D(2018, 12, 31))
    with clock.travel(D(2019, 3, 1)):
        services.decision_complete(actor=edu_province, decision=done, outcome="已完成")
    decide(meeting, league_province, edu_kunming, due_on=D(2018, 10, 31))
    decide(meeting, league_province, edu_yuxi, code="530400", due_on=D(2030, 1, 1))

    province_2018 = compute(scope=division("530000"), year=2018)["joint_meeting"]
    assert province_2018 == {
        "meetings": 1,
        "decisions": 3,
        # At the end of 2018 none was done; Kunming's was past its date
        "decisions_open": 3,
        "decisions_overdue": 1,
    }
    province_2019 = compute(scope=division("530000"), year=2019)["joint_meeting"]
    assert (province_2019["meetings"], province_2019["decisions_open"]) == (0, 2)
    kunming = compute(scope=division("530100"), year=2018)["joint_meeting"]
    assert kunming == {
        "meetings": 0,
        "decisions": 1,
        "decisions_open": 1,
        "decisions_overdue": 1,
    }
