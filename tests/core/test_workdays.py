"""Working days by China's official calendar, overrides first, provisional beyond it."""

import datetime

import pytest

from apps.core.models import WorkdayOverride
from apps.core.workdays import add_workdays, is_known, is_workday, workdays_between

pytestmark = pytest.mark.django_db

D = datetime.date


def test_it_knows_the_holidays_and_the_weekend_days_worked_in_exchange():
    assert not is_workday(D(2026, 10, 1))  # National Day
    assert not is_workday(D(2026, 10, 5))
    # Saturday 2026-10-10 is worked in exchange for the Golden Week (调休).
    assert D(2026, 10, 10).weekday() == 5
    assert is_workday(D(2026, 10, 10))
    assert is_workday(D(2026, 10, 9))


def test_a_five_day_notice_over_golden_week_ends_after_five_working_days():
    # Published Wednesday 2026-09-30: 10-01..10-08 are off (10-09 and 10-10 are worked).
    end = add_workdays(D(2026, 9, 30), 5)

    assert end.date == D(2026, 10, 13)
    assert not end.provisional
    assert workdays_between(D(2026, 9, 30), end.date).count == 5


def test_a_notice_over_an_ordinary_weekend_skips_saturday_and_sunday():
    # Thursday 2026-11-12 + 5 working days: Fri, Mon, Tue, Wed, Thu.
    assert add_workdays(D(2026, 11, 12), 5).date == D(2026, 11, 19)


def test_an_override_wins_over_the_official_calendar():
    WorkdayOverride.objects.create(date=D(2026, 11, 13), is_workday=False, reason="泼水节调休")

    assert not is_workday(D(2026, 11, 13))
    assert add_workdays(D(2026, 11, 12), 5).date == D(2026, 11, 20)


def test_a_year_the_calendar_does_not_know_counts_weekends_and_says_provisional():
    assert not is_known(D(2030, 1, 7))
    # Monday 2030-01-07 + 5 working days = Monday 2030-01-14, weekends skipped.
    end = add_workdays(D(2030, 1, 7), 5)

    assert end.date == D(2030, 1, 14)
    assert end.provisional
    assert workdays_between(D(2030, 1, 7), D(2030, 1, 14)).provisional


def test_overrides_fill_an_unknown_year():
    WorkdayOverride.objects.create(date=D(2030, 1, 8), is_workday=False, reason="元旦调休")

    assert add_workdays(D(2030, 1, 7), 5).date == D(2030, 1, 15)


def test_it_refuses_to_count_no_days():
    with pytest.raises(ValueError):
        add_workdays(D(2026, 11, 12), 0)
    assert workdays_between(D(2026, 11, 12), D(2026, 11, 12)).count == 0
