"""The core review chain: levels in order, refusals, and where a decision leaves a row."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import ValidationError
from django.db import models

from apps.core import clock
from apps.core.review import (
    ChainLevel,
    Decision,
    advance,
    decision_comment,
    record_step,
    require_level,
)


class Level(ChainLevel, models.TextChoices):
    COUNTY = "county", "县"
    PREFECTURE = "prefecture", "州市"
    PROVINCE = "province", "省"


class Status(models.TextChoices):
    SUBMITTED = "submitted", "审核中"
    RETURNED = "returned", "退回"
    REJECTED = "rejected", "不通过"
    APPROVED = "approved", "通过"


def _waiting(level: Level):
    return SimpleNamespace(status=Status.SUBMITTED, current_level=level, waiting_since=None)


def test_levels_follow_the_order_they_are_listed_in():
    assert [lv.rank for lv in Level] == [0, 1, 2]
    assert Level.COUNTY.next_level == Level.PREFECTURE
    assert Level.PROVINCE.next_level is None


def test_an_approval_below_the_top_sends_the_row_up_one_level():
    row = _waiting(Level.COUNTY)

    with clock.travel(datetime.date(2018, 5, 2)):
        decided = advance(row, Level.COUNTY, Decision.APPROVE, Status)

    assert row.status == Status.SUBMITTED
    assert row.current_level == Level.PREFECTURE
    assert row.waiting_since == decided
    assert decided.date() == datetime.date(2018, 5, 2)


@pytest.mark.parametrize(
    ("level", "decision", "status"),
    [
        (Level.PROVINCE, Decision.APPROVE, Status.APPROVED),
        (Level.COUNTY, Decision.RETURN, Status.RETURNED),
        (Level.PREFECTURE, Decision.REJECT, Status.REJECTED),
    ],
)
def test_a_decision_that_ends_the_review_sets_the_status_named_after_it(level, decision, status):
    row = _waiting(level)

    advance(row, level, decision, Status)

    assert (row.status, row.current_level, row.waiting_since) == (status, "", None)


def test_a_reviewer_of_another_level_is_refused_with_both_levels_named():
    with pytest.raises(ValidationError) as refused:
        require_level(_waiting(Level.PREFECTURE), Level.COUNTY, "在%(waiting)s，你在%(yours)s")

    assert refused.value.code == "wrong_level"
    assert refused.value.messages == ["在州市，你在县"]


def test_a_return_or_rejection_needs_a_reason_an_approval_does_not():
    assert decision_comment(Decision.APPROVE, "  ") == ""
    assert decision_comment(Decision.RETURN, " 补充材料 ") == "补充材料"
    with pytest.raises(ValidationError) as refused:
        decision_comment(Decision.REJECT, "   ")
    assert refused.value.error_dict["comment"][0].code == "reason_required"


class _Step:
    """A step that records what was done to it, in order."""

    def __init__(self, decision, *, invalid=False):
        self.decision, self.invalid, self.done = decision, invalid, []

    def full_clean(self):
        self.done.append("checked")
        if self.invalid:
            raise ValidationError("说明理由")

    def save(self):
        self.done.append("saved")


def test_a_step_is_checked_and_kept_before_the_row_moves_on():
    row = _waiting(Level.PROVINCE)
    step = _Step(Decision.APPROVE)

    record_step(step, row, Level.PROVINCE, Status)

    assert step.done == ["checked", "saved"]
    assert row.status == Status.APPROVED


def test_a_step_that_fails_its_checks_is_not_kept_and_the_row_stays():
    row = _waiting(Level.COUNTY)
    step = _Step(Decision.RETURN, invalid=True)

    with pytest.raises(ValidationError):
        record_step(step, row, Level.COUNTY, Status)

    assert step.done == ["checked"]
    assert (row.status, row.current_level) == (Status.SUBMITTED, Level.COUNTY)
