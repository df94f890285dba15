"""Full garbage collections held back while the user is active, and Python's thresholds given back."""

from __future__ import annotations

import gc

from reader.tui.collecting import DUE_AFTER, IDLE_SECONDS, IdleCollector


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_full_collection_waits_for_a_pause_and_thresholds_come_back(monkeypatch):
    before = gc.get_threshold()
    clock = Clock()
    collector = IdleCollector(clock)
    collector.start()
    try:
        assert gc.get_threshold()[:2] == before[:2] and gc.get_threshold()[2] > 10**6
        monkeypatch.setattr(gc, "get_count", lambda: (0, 0, DUE_AFTER))
        collected = []
        monkeypatch.setattr(gc, "collect", lambda *a: collected.append(a) or 0)
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
