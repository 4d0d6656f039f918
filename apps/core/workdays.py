"""Working days (工作日) by China's official calendar, for notice periods and deadlines.

The official calendar is the State Council's yearly notice of holidays and the weekend days
worked in exchange (调休). The chinese-calendar library carries it for the years it was
released with (a new release follows each November's notice). ``WorkdayOverride`` rows
(admin) come first: a local holiday, or a year the library does not know yet. For such a
year only weekends and overrides count, and every answer that relied on it says
``provisional`` so that a page can say the date may still move.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import chinese_calendar

from apps.core.models import WorkdayOverride


@dataclass(frozen=True)
class WorkdayDate:
    """A date computed in working days; ``provisional`` when it relied on a year that the
    official calendar does not cover yet."""

    date: datetime.date
    provisional: bool


@dataclass(frozen=True)
class WorkdayCount:
    """A number of working days; ``provisional`` as for ``WorkdayDate``."""

    count: int
    provisional: bool


def _official(day: datetime.date) -> bool | None:
    """The official calendar's verdict, or None for a year it does not know."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return None


class _Calendar:
    """Answers for a span of days, with that span's overrides read in one query."""

    def __init__(self, start: datetime.date, end: datetime.date):
        self.overrides = dict(
            WorkdayOverride.objects.filter(date__range=(start, end)).values_list(
                "date", "is_workday"
            )
        )
        self.provisional = False

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.overrides:
            return self.overrides[day]
        official = _official(day)
        if official is None:
            self.provisional = True
            return day.weekday() < 5
        return official


def is_workday(day: datetime.date) -> bool:
    """Whether ``day`` is a working day (overrides first, then the official calendar)."""
    return _Calendar(day, day).is_workday(day)


def is_known(day: datetime.date) -> bool:
    """Whether the official calendar covers ``day``'s year."""
    return _official(day) is not None


def add_workdays(start: datetime.date, days: int) -> WorkdayDate:
    """The day on which ``days`` working days after ``start`` are complete: ``start`` itself
    is not counted, so a five-working-day notice published on ``start`` ends on the result."""
    if days < 1:
        raise ValueError("Count at least one working day.")
    # Golden Week and Spring Festival never hold more than nine days off in a row.
    calendar = _Calendar(start, start + datetime.timedelta(days=days * 2 + 14))
    day, counted = start, 0
    while counted < days:
        day += datetime.timedelta(days=1)
        if calendar.is_workday(day):
            counted += 1
    return WorkdayDate(day, calendar.provisional)


def workdays_between(start: datetime.date, end: datetime.date) -> WorkdayCount:
    """How many working days lie after ``start`` up to and including ``end``."""
    if end <= start:
        return WorkdayCount(0, False)
    calendar = _Calendar(start, end)
    count = sum(
        calendar.is_workday(start + datetime.timedelta(days=offset))
        for offset in range(1, (end - start).days + 1)
    )
    return WorkdayCount(count, calendar.provisional)
