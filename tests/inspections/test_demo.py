import datetime
import io
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from apps.accounts import demo as accounts_demo
from apps.accounts.models import User
from apps.core import clock
from apps.inspections import demo
from apps.inspections.choices import (
    AWAITING_TARGET,
    CampaignStatus,
    CircularKind,
    InspectionStatus,
    RectificationStatus,
    SchemeStatus,
    Step,
    TeamBody,
)
from apps.inspections.indicators import inspection_indicators
from apps.inspections.models import Campaign, Circular, EvaluationScheme, RectificationOrder
from apps.inspections.todos import inspection_todos
from apps.organizations import demo as organizations_demo
from tests.factories import division

END_OF_2018 = datetime.date(2018, 12, 31)


@pytest.fixture
def seeded(divisions):
    """The seeders this one builds on (schools, the demo accounts), then this one."""
    rng = random.Random(2018)
    for seeder in (organizations_demo.seed, accounts_demo.seed, demo.seed):
        seeder(rng=rng, stdout=io.StringIO())


def test_the_demo_reproduces_the_2017_and_2018_rounds(seeded):
    inspector = User.objects.get(username="inspector")
    campaigns = list(Campaign.objects.filter(year__lte=2018).order_by("start_date"))

    # November 2017 and May–June 2018, each by a joint team with the inspector on it
    assert [(c.year, c.start_date.month, c.end_date.month) for c in campaigns] == [
        (2017, 11, 11),
        (2018, 5, 6),
    ]
    for campaign in campaigns:
        assert campaign.status == CampaignStatus.CLOSED
        assert campaign.team.filter(user=inspector).exists()
        assert set(campaign.team.values_list("body", flat=True)) >= {
            TeamBody.LEAGUE,
            TeamBody.EDUCATION,
            TeamBody.WORK_COMMITTEE,
        }
    assert set(Campaign.objects.for_actor(inspector)) >= set(campaigns)

    # 2018: all 16 prefectures inspected, every report accepted
    figures = inspection_indicators(scope=division("530000"), as_of=END_OF_2018)
    assert (
        figures["inspections"]["prefectures_inspected"],
        figures["inspections"]["prefectures"],
    ) == (16, 16)
    assert not campaigns[1].inspections.exclude(status=InspectionStatus.ACCEPTED).exists()

    # 2017: a published criticism naming lagging prefectures and counties, each ordered
    criticism = Circular.objects.get(campaign=campaigns[0])
    assert (criticism.kind, criticism.is_published) == (CircularKind.CRITICISM, True)
    named = set(criticism.named_divisions.values_list("code", "level"))
    assert {level for _code, level in named} == {"prefecture", "county"}
    ordered = RectificationOrder.objects.filter(finding__inspection__campaign=campaigns[0])
    assert set(ordered.values_list("target_division_code", flat=True)) == {c for c, _l in named}


def test_the_demo_orders_are_open_overdue_and_closed_and_the_scheme_gives_10_percent(seeded):
    orders = inspection_indicators(scope=division("530000"), as_of=END_OF_2018)["rectification"]

    assert orders["overdue"] >= 1
    assert orders["open"] > orders["overdue"]  # one reopened, with a deadline still to come
    assert orders["closed"] >= 1 and orders["submitted"] >= 1
    assert RectificationOrder.objects.exclude(revisit_on=None).exists()
    wuhua = User.objects.get(username="edu_wuhua")
    assert RectificationOrder.objects.for_actor(wuhua).overdue().exists()
    assert Circular.objects.filter(is_published=False).count() == 1

    scheme = EvaluationScheme.objects.get()
    weights = list(scheme.items.values_list("weight", "is_young_pioneer_work"))
    assert scheme.status == SchemeStatus.ACTIVE
    share = sum(w for w, yp in weights if yp) / sum(w for w, _yp in weights)
    assert share == Decimal("0.1")


def test_the_demo_writes_each_step_on_the_day_it_happened_through_the_services(seeded):
    local = timezone.localtime
    first, second = Campaign.objects.filter(year__lte=2018).order_by("start_date")
    assert (local(first.created_at).date(), local(second.created_at).date()) == (
        datetime.date(2017, 10, 16),
        datetime.date(2018, 4, 16),
    )
    assert first.history.filter(history_change_reason=Step.CLOSED).get().history_date.year == 2017
    # Reports: filed on the day of the visit, accepted that day, in the campaign's period.
    for report in first.inspections.all():
        assert local(report.accepted_at).date() == report.inspected_on
        assert first.start_date <= report.inspected_on <= first.end_date
    # Circulars and orders: dated by the clock, as a user on that day would have them.
    criticism = Circular.objects.get(campaign=first)
    assert criticism.published_on == datetime.date(2017, 12, 15)
    published = criticism.history.get(history_change_reason=Step.PUBLISHED)
    assert local(published.history_date).date() == datetime.date(2017, 12, 15)
    issued = set(RectificationOrder.objects.values_list("issued_on", flat=True))
    assert issued == {datetime.date(2017, 12, 15), datetime.date(2018, 7, 10)}
    closed = RectificationOrder.objects.filter(status=RectificationStatus.CLOSED)
    assert {local(order.closed_at).year for order in closed} == {2018}


def test_the_demo_leaves_an_order_to_answer_from_the_day_it_is_seeded(seeded):
    today = clock.today()
    reopened = RectificationOrder.objects.get(status=RectificationStatus.REOPENED)

    assert reopened.deadline == today + datetime.timedelta(days=60)
    assert local_date(reopened.history.latest().history_date) == today
    assert not reopened.is_overdue
    staff = User.objects.get(username="edu_province")
    # Orders to answer, as one to-do per status (open, reopened), each linking to its filter.
    answer = [t for t in inspection_todos(actor=staff) if "/orders/?status=" in t.url]
    assert sum(t.count for t in answer) == (
        RectificationOrder.objects.filter(status__in=AWAITING_TARGET).count()
    )
    # The Wuhua and Zhaotong orders are long past their deadline.
    assert any(t.overdue for t in answer)


def test_the_demo_runs_a_campaign_today_with_reports_for_the_inspector_to_file(seeded):
    today = clock.today()
    running = Campaign.objects.get(status=CampaignStatus.RUNNING)
    inspector = User.objects.get(username="inspector")

    assert running.start_date < today < running.end_date
    assert running.team.filter(user=inspector).exists() and running.checklist.exists()
    to_file = running.inspections.filter(status=InspectionStatus.DRAFT)
    assert to_file.count() == 4
    assert all(inspector in report.inspectors.all() for report in to_file)
    (todo,) = [t for t in inspection_todos(actor=inspector) if t.count == to_file.count()]
    assert not todo.overdue


def local_date(moment) -> datetime.date:
    return timezone.localtime(moment).date()
