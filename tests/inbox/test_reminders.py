"""send_reminders: reminders three working days before an item is due, escalation to the
division above the day after, each sent once."""

import datetime
import io

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from apps.accounts.choices import Role
from apps.core.registry import DueItem
from apps.inbox.choices import Step
from apps.inbox.models import Notification
from apps.inbox.reminders import _escalation_recipients, reminders_send
from tests.concurrency import at_once
from tests.factories import UserFactory, division
from tests.inbox.conftest import DUE_AFTER_HOLIDAY, DUE_AFTER_WEEKEND

day = datetime.date


def received(user, step=None):
    rows = Notification.objects.filter(recipient=user)
    return list(rows.filter(step=step) if step else rows)


def test_a_reminder_goes_out_three_working_days_before_across_a_weekend(
    due_decision, edu_kunming, league_kunming
):
    # given a decision of Kunming's education side due on a Wednesday
    decision = due_decision()
    colleague = UserFactory(role=Role.EDUCATION, division=division("530100"))

    # when the command runs on the Thursday before: four working days remain
    assert reminders_send(today=day(2026, 11, 12)).reminders == 0
    # then on the Friday (Monday, Tuesday, Wednesday remain) the education side is reminded
    sent = reminders_send(today=day(2026, 11, 13))

    assert sent.reminders == 2
    (reminder,) = received(edu_kunming)
    assert reminder.step == Step.REMINDER
    assert reminder.item_key == f"meetings.decision:{decision.pk}"
    assert "2026-11-18" in reminder.text and "昆明市" in reminder.text
    assert reminder.link == f"/meetings/{decision.meeting_id}/"
    assert received(colleague, Step.REMINDER)
    assert received(league_kunming) == []  # the other side is not the owner
    # and over the weekend nothing is sent again
    assert reminders_send(today=day(2026, 11, 14)).reminders == 0


def test_a_public_holiday_does_not_count_as_a_working_day(due_decision, edu_kunming):
    due_decision(due_on=DUE_AFTER_HOLIDAY)

    assert reminders_send(today=day(2026, 9, 28)).reminders == 0
    assert reminders_send(today=day(2026, 9, 29)).reminders == 1
    assert [n.step for n in received(edu_kunming)] == [Step.REMINDER]


def test_an_overdue_item_is_escalated_to_the_same_role_a_level_up_once(
    due_decision, edu_kunming, edu_province, league_province, edu_yuxi
):
    due_decision()

    on_due_day = reminders_send(today=DUE_AFTER_WEEKEND)
    day_after = reminders_send(today=DUE_AFTER_WEEKEND + datetime.timedelta(days=1))
    again = reminders_send(today=DUE_AFTER_WEEKEND + datetime.timedelta(days=2))

    assert on_due_day.escalations == 0
    assert day_after.escalations == 1
    assert again.escalations == again.reminders == 0
    (escalation,) = received(edu_province)
    assert escalation.step == Step.ESCALATION and "2026-11-18" in escalation.text
    assert received(edu_kunming, Step.ESCALATION) == []
    assert received(league_province) == [] and received(edu_yuxi) == []


def test_a_done_item_is_neither_reminded_nor_escalated(due_decision, edu_kunming):
    from apps.meetings import services

    decision = due_decision()
    services.decision_complete(actor=edu_kunming, decision=decision, outcome="已配齐")

    sent = reminders_send(today=day(2026, 11, 13))
    late = reminders_send(today=day(2026, 11, 19))

    assert (sent.reminders, late.escalations) == (0, 0)


def test_a_schools_item_goes_to_its_county_and_the_provinces_to_its_administrators(
    edu_wuhua, edu_kunming, province_admin, league_province
):
    common = {"kind": "k", "what": "w", "unit": "u", "due": day(2026, 11, 18), "url": "/"}
    school = DueItem(
        key="a:1", action="a", division="530102", roles=(Role.EDUCATION,), at_school=True, **common
    )
    county = DueItem(key="a:2", action="a", division="530102", roles=(Role.EDUCATION,), **common)
    province = DueItem(key="a:3", action="a", division="530000", roles=(Role.LEAGUE,), **common)

    recipients = _escalation_recipients([school, county, province])

    assert recipients == {"a:1": [edu_wuhua], "a:2": [edu_kunming], "a:3": [province_admin]}


def test_email_goes_to_those_with_an_address_who_did_not_turn_it_off(due_decision, edu_kunming):
    colleague = UserFactory(role=Role.EDUCATION, division=division("530100"), email_reminders=False)
    edu_kunming.email = "kunming@example.cn"
    edu_kunming.save()
    colleague.email = "colleague@example.cn"
    colleague.save()
    due_decision()

    sent = reminders_send(today=day(2026, 11, 13))

    assert (sent.reminders, sent.emails) == (2, 1)
    (message,) = mail.outbox
    assert message.to == ["kunming@example.cn"]
    assert "2026-11-18" in message.body and "/meetings/" in message.body
    assert received(colleague)  # the inbox always has it


def test_the_command_prints_its_counts_and_reads_the_frozen_clock(due_decision):
    due_decision()
    out = io.StringIO()

    with time_machine.travel(datetime.datetime(2026, 11, 13, 8, 0, tzinfo=datetime.UTC)):
        call_command("send_reminders", stdout=out)
        call_command("send_reminders", "--today", "2026-11-13", stdout=out)

    first, second = out.getvalue().splitlines()
    assert first.startswith("2026-11-13: 1 reminders and 0 escalations")
    assert second.startswith("2026-11-13: 0 reminders and 0 escalations")


@pytest.mark.django_db(transaction=True)
def test_two_runs_at_once_send_each_notification_once(divisions):
    from apps.meetings import services
    from apps.meetings.choices import OwnerSide

    league = UserFactory(role=Role.LEAGUE, division=division("530000"))
    education = UserFactory(role=Role.EDUCATION, division=division("530100"))
    UserFactory.create_batch(3, role=Role.EDUCATION, division=division("530100"))
    meeting = services.meeting_create(
        actor=league, division=division("530000"), title="联席会议", held_on=day(2018, 9, 21)
    )
    from apps.core import clock

    with clock.travel(day(2026, 9, 1)):
        for number in range(5):
            services.decision_create(
                actor=league,
                meeting=meeting,
                text=f"事项{number}",
                owner_division=division("530100"),
                owner_side=OwnerSide.EDUCATION,
                responsible=education,
                due_on=DUE_AFTER_WEEKEND,
            )

    outcomes = at_once([lambda: reminders_send(today=day(2026, 11, 13))] * 2, timeout=60)

    totals = [outcome.result().reminders for outcome in outcomes]
    assert sum(totals) == 20 == Notification.objects.count()
