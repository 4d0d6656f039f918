"""Demo data for commendations, reproducing the source document's 2017 figures:

- the 2017 yearly round (先进少先队集体, 优秀少先队辅导员, 优秀少先队员) with more than 300 awards
  across every prefecture;
- the November 2017 round: 50 “关心重视少先队工作的教育局局长” and 50 “…的校长”;
- each through nominations and review (written in bulk, with their review steps and history),
  then through the services: review closed, a 公示 of five working days, objections resolved
  as 维持, 取消 and 递补 (the reserve under a new 公示), the final list (表彰决定) with
  certificate numbers;
- this year's round, its 公示 open from the day the demo is seeded, with an objection waiting
  for ``award_prov``; and next year's round taking nominations, one waiting at each level
  (``edu_wuhua`` at county, ``award_pref`` at prefecture, ``award_prov`` at province).
"""

from __future__ import annotations

import random

from django.conf import settings

from apps.commendations.demo.seeding import Demo
from apps.commendations.models import Round
from apps.organizations.models import Division


def has_data() -> bool:
    return Round.objects.exists()


def missing() -> str | None:
    """The province's divisions must be loaded first (the other areas seed before this)."""
    if Division.objects.filter(code=f"{settings.PORTAL_PROVINCE_CODE}0000").exists():
        return None
    return "Commendations demo: load the divisions first (load_divisions)."


def seed(*, rng: random.Random, stdout) -> None:
    demo = Demo(rng=rng)
    demo.create_accounts()
    yearly = demo.yearly_2017()
    november = demo.november_2017()
    current = demo.current_round()
    demo.next_round()
    stdout.write(
        f"Commendations: {yearly} awards in the 2017 yearly round, {november} in November "
        f"2017; this year's 公示 open with {current} nominees "
        "(accounts award_county_league, award_pref, award_prov)."
    )
