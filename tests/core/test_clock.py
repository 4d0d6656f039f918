"""The core clock: real time by default, a travelled-to day inside ``clock.travel``."""

import datetime
import threading

import time_machine
from django.utils import timezone

from apps.core import clock


def test_it_tells_real_time_and_follows_a_frozen_clock():
    with time_machine.travel(datetime.datetime(2026, 3, 1, 1, 30, tzinfo=datetime.UTC), tick=False):
        # 01:30 UTC is 09:30 in Kunming: the date is Shanghai's.
        assert clock.today() == datetime.date(2026, 3, 1)
        assert clock.now() == timezone.now()
    with time_machine.travel(datetime.datetime(2026, 2, 28, 17, 0, tzinfo=datetime.UTC)):
        assert clock.today() == datetime.date(2026, 3, 1)


def test_travel_sets_the_day_for_the_block_only():
    real_today = clock.today()

    with clock.travel(datetime.date(2017, 6, 1)):
        assert clock.today() == datetime.date(2017, 6, 1)
        assert timezone.localtime(clock.now()).hour == 9
        with clock.travel(datetime.date(2018, 5, 20)):
            assert clock.today() == datetime.date(2018, 5, 20)
        assert clock.today() == datetime.date(2017, 6, 1)

    assert clock.today() == real_today


def test_time_keeps_running_while_travelling():
    start = datetime.datetime(2026, 12, 6, 2, 0, tzinfo=datetime.UTC)
    with (
        time_machine.travel(start, tick=False) as frozen,
        clock.travel(datetime.datetime(2017, 11, 8, 10, 0)),
    ):
        before = clock.now()
        frozen.shift(datetime.timedelta(minutes=5))
        assert clock.now() - before == datetime.timedelta(minutes=5)


def test_travel_is_per_thread_so_requests_served_meanwhile_keep_the_real_date():
    seen = {}

    def other_thread():
        seen["today"] = clock.today()

    with clock.travel(datetime.date(2017, 6, 1)):
        worker = threading.Thread(target=other_thread)
        worker.start()
        worker.join()

    assert seen["today"] == timezone.localdate()
