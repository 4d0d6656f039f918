"""The portal's clock: the one place services read "today" and "now" from.

Services that refuse past dates (a deadline already gone, a notice period already over) ask
``clock.today()``, never ``date.today()``. The demo seeder writes 2017 and 2018 through the
same services by travelling the clock back for the duration of a block; tests may do the same
(or freeze real time with time-machine, which this clock follows). The travel is per thread
and per task (a context variable), so a request served meanwhile keeps the real date.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.utils import timezone

# The moment the clock was set to, and the real moment it was set at (time keeps running).
_travel: ContextVar[tuple[datetime.datetime, datetime.datetime] | None] = ContextVar(
    "portal_clock_travel", default=None
)


def now() -> datetime.datetime:
    """The current moment (aware), or the travelled-to moment plus the time since."""
    real = timezone.now()
    travel = _travel.get()
    if travel is None:
        return real
    target, set_at = travel
    return target + (real - set_at)


def today() -> datetime.date:
    """Today's date in the portal's time zone (Asia/Shanghai), by ``now()``."""
    return timezone.localtime(now()).date()


@contextmanager
def travel(to: datetime.date | datetime.datetime) -> Iterator[None]:
    """Run a block as if it were ``to`` (a date means 09:00 local time that day)."""
    if isinstance(to, datetime.datetime):
        target = to if timezone.is_aware(to) else timezone.make_aware(to)
    else:
        target = timezone.make_aware(datetime.datetime.combine(to, datetime.time(9, 0)))
    token = _travel.set((target, timezone.now()))
    try:
        yield
    finally:
        _travel.reset(token)
