"""Demo data for the League–education joint meeting (团教协作联席会议), through the area's
services.

The source plans to set up the joint meeting in 2018: the demo holds its first meeting
(September 2018, convened by the province and recorded by ``league_province``) with the
bodies and people present, its minutes (a PDF) and four decisions. Two were done in time;
two are open on the day the demo is seeded, owned by Kunming: one for ``league_kunming``,
due in six weeks, and one for ``edu_kunming``, overdue by two weeks (both in their to-do
lists and on Kunming's dashboard).
"""

from __future__ import annotations

import datetime
import random

from apps.accounts.models import User
from apps.core import clock
from apps.core.people import person_label
from apps.documents.demo import pdf_upload
from apps.documents.models import IssuingBody
from apps.meetings import services
from apps.meetings.choices import OwnerSide
from apps.meetings.models import Decision, Meeting
from apps.organizations.models import Division

D = datetime.date
HELD_ON = D(2018, 9, 21)
BODY_NAMES = ("共青团云南省委员会", "云南省教育厅", "云南省少先队工作委员会办公室")
GUESTS = [
    ("李春华", "共青团昆明市委员会 学校少年部"),
    ("王建国", "昆明市教育体育局 基础教育处"),
]


def seed(*, rng: random.Random, stdout) -> None:
    """The first 2018 joint meeting (after the organizations, accounts and documents demos,
    whose issuing bodies attend)."""
    users = {u.username: u for u in User.objects.filter(username__contains="_")}
    league, education = users["league_province"], users["edu_province"]
    province = Division.objects.get(code="530000")
    kunming = Division.objects.get(code="530100")
    with clock.travel(datetime.datetime(2018, 9, 21, 17, 0)):
        meeting = services.meeting_create(
            actor=league,
            division=province,
            title="2018年云南省团教协作工作联席会议第一次会议",
            held_on=HELD_ON,
            place="昆明",
            bodies=IssuingBody.objects.filter(name__in=BODY_NAMES),
            summary="建立云南省团教协作工作联席会议制度，研究推进少先队改革、团队衔接和县级少先队"
            "总辅导员配备等工作。",
        )

        def decide(text, division, side, person, due_on) -> Decision:
            """A decision of the meeting, owned by ``side`` of ``division`` and ``person``."""
            return services.decision_create(
                actor=league,
                meeting=meeting,
                text=text,
                owner_division=division,
                owner_side=side,
                responsible=person,
                due_on=due_on,
            )

        for user in (league, education, users["league_kunming"], users["edu_kunming"]):
            services.attendee_add(
                actor=league,
                meeting=meeting,
                person_name=user.person_name,
                person_unit=user.person_unit or person_label(user),
            )
        for name, unit in GUESTS:
            services.attendee_add(actor=league, meeting=meeting, person_name=name, person_unit=unit)
        services.minutes_upload(
            actor=league,
            meeting=meeting,
            upload=pdf_upload("联席会议第一次会议纪要.pdf", "Joint meeting 2018-09-21 minutes"),
        )
        done = [
            (
                "建立云南省团教协作工作联席会议制度，每年至少召开一次全体会议。",
                province,
                OwnerSide.LEAGUE,
                league,
                D(2018, 12, 31),
                D(2018, 12, 14),
                "联席会议制度已印发，明确成员单位和议事规则。",
            ),
            (
                "将少先队工作纳入中小学校督导评估内容。",
                province,
                OwnerSide.EDUCATION,
                education,
                D(2019, 3, 31),
                D(2019, 3, 20),
                "督导评估方案已将少先队工作列为评估指标。",
            ),
        ]
        decisions = [
            (decide(text, division, side, person, due_on), person, done_on, outcome)
            for text, division, side, person, due_on, done_on, outcome in done
        ]
    for decision, person, done_on, outcome in decisions:
        with clock.travel(done_on):
            services.decision_complete(
                actor=person, decision=decision, outcome=outcome, done_on=done_on
            )
    # Open on the day the demo is seeded: one due soon, one overdue.
    today = clock.today()
    for text, side, username, due_on in (
        (
            "推进昆明市初中少先队建设，配合团队衔接试点做好14岁离队入团工作。",
            OwnerSide.LEAGUE,
            "league_kunming",
            today + datetime.timedelta(days=45),
        ),
        (
            "配齐配强县级少先队总辅导员，由教育部门统筹落实。",
            OwnerSide.EDUCATION,
            "edu_kunming",
            today - datetime.timedelta(days=14),
        ),
    ):
        decide(text, kunming, side, users[username], due_on)
    stdout.write(
        f"Joint meetings: {Meeting.objects.count()} meeting, {Decision.objects.count()} "
        "decisions (one overdue, for edu_kunming)."
    )


def has_data() -> bool:
    return Meeting.objects.exists()
