"""Demo data for the team–League transition (团队衔接), through the area's services.

The source: a provincial 团队衔接 work meeting, and pilots at 昆明十中, 楚雄一中 and 开远一中
(flagged by the organizations demo). Each pilot starts in September 2017 following
《云南省少先队改革实施方案》, with milestones (the last one still open, due after the day
the demo is seeded) and a yearly count of Young Pioneers reaching 14 who joined the League
for 2017 and 2018. ``pilot_school`` (League staff of 昆明十中) records its milestones and
counts; ``league_province`` keeps the other two.
"""

from __future__ import annotations

import datetime
import random

from django.conf import settings

from apps.accounts.choices import Role
from apps.accounts.models import User
from apps.accounts.services import user_create
from apps.core import clock
from apps.documents.models import Document
from apps.organizations.demo import TRANSITION_PILOTS
from apps.organizations.models import School
from apps.transition import services
from apps.transition.choices import MilestoneStatus
from apps.transition.models import HandOff, Pilot

D = datetime.date
PLAN_TITLE = "云南省少先队改革实施方案"
STARTED_ON = D(2017, 9, 1)
# (school name, count 2017, count 2018)
COUNTS = {
    "昆明市第十中学": (46, 58),
    "楚雄市第一中学": (38, 44),
    "开远市第一中学": (27, 35),
}
MILESTONES = [
    ("召开全省“团队衔接”工作会议，部署试点", D(2017, 9, 15)),
    ("制定试点学校团队衔接工作方案", D(2017, 10, 31)),
    ("初中少先队组织建设达标（中队、大队委员会）", D(2018, 3, 31)),
    ("开展14岁离队入团仪式", D(2018, 5, 4)),
]


def seed(*, rng: random.Random, stdout) -> None:
    """Three pilot records through the services (after the organizations, accounts and
    documents demos)."""
    league_province = User.objects.get(username="league_province")
    plan = Document.objects.issued().filter(title=PLAN_TITLE).first()
    schools = [
        School.objects.get(county_id=county, name=name) for county, name in TRANSITION_PILOTS
    ]
    kunming_school = schools[0]
    pilot_school = user_create(
        username="pilot_school",
        password=settings.DEMO_PASSWORD,
        role=Role.LEAGUE,
        school=kunming_school,
        full_name="李晓红",
        work_unit=kunming_school.name,
        department="校团委",
    )
    for school in schools:
        actor = pilot_school if school == kunming_school else league_province
        with clock.travel(STARTED_ON):
            pilot = services.pilot_create(
                actor=league_province,
                school=school,
                started_on=STARTED_ON,
                plan_document=plan,
                summary="发挥教育部门对中小学校的领导、指导作用，与团委、少工委补齐初中少先队建设短板，"
                "做好少先队员14岁离队入团衔接。",
            )
        for title, due_on in MILESTONES:
            with clock.travel(max(STARTED_ON, due_on - datetime.timedelta(days=60))):
                milestone = services.milestone_create(
                    actor=actor, pilot=pilot, title=title, due_on=due_on
                )
            with clock.travel(due_on):
                services.milestone_update(
                    actor=actor,
                    milestone=milestone,
                    title=title,
                    due_on=due_on,
                    status=MilestoneStatus.DONE,
                    done_on=due_on,
                )
        first, second = COUNTS[school.name]
        for year, joined in ((2017, first), (2018, second)):
            with clock.travel(D(year, 12, 20)):
                services.handoff_record(actor=actor, pilot=pilot, year=year, joined=joined)
        # Open work on the day the demo is seeded.
        today = clock.today()
        services.milestone_create(
            actor=actor,
            pilot=pilot,
            title="总结试点经验，形成全省推广方案",
            due_on=today + datetime.timedelta(days=60),
            status=MilestoneStatus.IN_PROGRESS,
        )
    stdout.write(
        f"Transition: {Pilot.objects.count()} pilots, {HandOff.objects.count()} yearly counts "
        "(account pilot_school)."
    )


def has_data() -> bool:
    return Pilot.objects.exists()
