"""Full garbage collections held back while the user is active unless they are short, and
Python's thresholds given back."""

from __future__ import annotations

import gc
import threading

from reader.collector import DUE_AFTER, collection_paused
from reader.tui.collecting import BUSY_SECONDS, IDLE_SECONDS, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Timer:
    """What a collection costs, as the collector times it."""

    def __init__(self) -> None:
        self.now, self.cost = 0.0, 0.0

    def __call__(self) -> float:
        return self.now


def fake_collections(monkeypatch, timer: Timer) -> tuple[list, list]:
    collected, frozen = [], []

    def collect(*args):
        collected.append(args)
        timer.now += timer.cost
        return 0

    monkeypatch.setattr(gc, "get_count", lambda: (0, 0, DUE_AFTER))
    monkeypatch.setattr(gc, "collect", collect)
    monkeypatch.setattr(gc, "freeze", lambda: frozen.append(True))
    return collected, frozen


def test_a_full_collection_waits_for_a_pause_and_thresholds_come_back(monkeypatch):
    before = gc.get_threshold()
    clock = Clock()
    collector = IdleCollector(clock, Timer())
    collector.start()
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**6
        collected, _ = fake_collections(monkeypatch, Timer())
        collector.activity()
        assert not collector.check()  # the user is busy
        clock.now += IDLE_SECONDS + 0.1
        assert collector.check() and collected == [()]
        monkeypatch.setattr(gc, "get_count", lambda: (0, 0, 0))
        assert not collector.check()  # nothing due
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    collector.stop()  # twice is harmless
    assert gc.get_threshold() == before


def test_once_the_library_is_set_aside_short_collections_run_while_the_user_moves(monkeypatch):
    clock, timer = Clock(), Timer()
    collector = IdleCollector(clock, timer)
    collector.start()
    try:
        collected, frozen = fake_collections(monkeypatch, timer)
        collector.activity()
        collector.settled()
        assert frozen == [True]
        timer.cost = BUSY_SECONDS / 2
        assert collector.check() and collector.check() and len(collected) == 2  # busy, yet collected
        timer.cost = BUSY_SECONDS * 10  # something big was made since
        assert collector.check()
        assert frozen == [True]  # frozen once only: what is frozen is never freed
        assert not collector.check()  # the next one, likely long too, waits for a pause
        clock.now += IDLE_SECONDS + 0.1
        timer.cost = BUSY_SECONDS / 2
        assert collector.check() and len(collected) == 4
    finally:
        collector.stop()


def test_bulk_work_in_a_thread_keeps_young_collections_running_and_nests_with_the_app():
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        def work() -> None:
            with collection_paused():
                assert gc.isenabled()
                assert gc.get_threshold()[2] > 10**6

        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
        assert gc.isenabled() and gc.get_threshold()[2] > 10**6  # the app's hold is still on
    finally:
        collector.stop()
    assert gc.get_threshold() == before
    with collection_paused():
        assert gc.isenabled()
    assert gc.get_threshold() == before
