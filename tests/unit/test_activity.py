"""Work in the app's threads gives way while the user moves, and never stops for good."""

from __future__ import annotations

from pathlib import Path

from reader.seeds import ensure_seeded
from reader.store import Store
from reader.stories.desk import StoryDesk
from reader.tui.activity import LONGEST, QUIET, UserActivity
from reader.tui.collecting import IdleCollector


class Clock:
    """A clock that moves only when the one waiting sleeps."""

    def __init__(self) -> None:
        self.now = 50.0
        self.slept = 0.0

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
        self.slept += seconds


def test_work_goes_on_at_once_when_the_user_is_not_moving() -> None:
    clock = Clock()
    user = UserActivity(clock, clock.sleep)
    clock.now += QUIET + 1
    user.give_way()
    assert clock.slept == 0


def test_work_waits_for_the_users_pause_after_a_move() -> None:
    clock = Clock()
    user = UserActivity(clock, clock.sleep)
    user.touch()
    user.give_way()
    assert QUIET <= clock.slept < QUIET + 0.1


def test_a_held_key_delays_work_but_does_not_stop_it() -> None:
    clock = Clock()

    def sleep(seconds: float) -> None:
        clock.sleep(seconds)
        user.touch()  # the user is still moving

    user = UserActivity(clock, sleep)
    user.touch()
    user.give_way()
    assert LONGEST <= clock.slept < LONGEST + 0.1


def test_a_quit_ends_the_wait() -> None:
    clock = Clock()
    user = UserActivity(clock, clock.sleep)
    user.touch()
    user.give_way(stop=lambda: clock.slept > 0.1)
    assert clock.slept < 0.2


def test_the_keys_the_collector_hears_are_the_ones_work_gives_way_to() -> None:
    clock = Clock()
    collector = IdleCollector(clock)
    clock.now += 10
    assert collector.user.idle_for() >= 10
    collector.activity()
    assert collector.user.idle_for() == 0


def test_placing_gives_way_before_each_article(tmp_path: Path) -> None:
    store = Store.open(tmp_path)
    ensure_seeded(store)
    calls = []
    report = StoryDesk.open(store).update(give_way=lambda: calls.append(1))
    assert report.placed == store.article_count() == len(calls) > 0
