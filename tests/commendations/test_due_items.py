"""The commendations area's due items for reminders: a published 公示 ending and an open
objection to check, each between the two dates, for the provincial staff who run rounds."""

from __future__ import annotations

import datetime

import pytest

from apps.commendations import services
from apps.commendations.choices import ObjectionOutcome, ObjectorKind
from apps.commendations.todos import commendation_due_items
from apps.core import clock

pytestmark = pytest.mark.django_db


def keys(due_from, due_to):
    return {item.key for item in commendation_due_items(due_from=due_from, due_to=due_to)}


def test_a_notice_falls_due_on_its_last_day(published, edu_province):
    notice, _shown, _hidden = published

    (item,) = commendation_due_items(due_from=notice.ends_on, due_to=notice.ends_on)

    assert item.key == f"commendations.notice:{notice.pk}"
    assert item.due == notice.ends_on and item.division == "530000"
    assert edu_province in item.actors
    after = notice.ends_on + datetime.timedelta(days=1)
    assert keys(after, after + datetime.timedelta(days=9)) == set()


def test_a_closed_notice_is_no_longer_due(published, edu_province):
    notice, _shown, _hidden = published
    with clock.travel(notice.ends_on + datetime.timedelta(days=1)):
        services.notice_close(actor=edu_province, notice=notice)

    assert keys(notice.ends_on, notice.ends_on) == set()


def test_an_open_objection_is_due_until_resolved(published, edu_province):
    notice, shown, _hidden = published
    objection = services.objection_submit(
        notice=notice,
        nomination=shown,
        objector_kind=ObjectorKind.PERSON,
        objector_name="王明",
        objector_phone="13800001234",
        grounds="事迹材料与实际不符。",
    )
    window = (objection.due_on, objection.due_on)

    assert f"commendations.objection:{objection.pk}" in keys(*window)

    services.objection_resolve(
        actor=edu_province,
        objection=objection,
        outcome=ObjectionOutcome.DISMISSED,
        resolution="经核实，事迹属实。",
    )
    assert f"commendations.objection:{objection.pk}" not in keys(*window)
