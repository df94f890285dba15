"""When the user last pressed a key or moved, so work in the app's own threads can give way.

The story placement and the search indexing run in threads of the app's process. Python runs
one thread at a time: while they took in a new library's 100,000 articles, each move through
the list waited its turn, twice (the body's read, then the drawing), and took 65-70 ms where
it now takes 40. Work that can wait asks ``give_way`` between articles, and sleeps, which
lets the app's thread run, while the user is moving; never for longer than ``LONGEST`` at a
time, so it still gets done under a held key.
"""

from __future__ import annotations

import time
from collections.abc import Callable

#: Seconds after the last key or move during which background work waits.
QUIET = 0.4
#: The longest one ``give_way`` waits, in seconds.
LONGEST = 2.0
#: How long it sleeps between looks.
STEP = 0.05


class UserActivity:
    """The time of the user's last key or move, and waiting for a pause in them."""

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self._clock = clock
        self._sleep = sleep
        self.last = clock()

    def touch(self) -> None:
        """A key, a move."""
        self.last = self._clock()

    def idle_for(self) -> float:
        return self._clock() - self.last

    def give_way(self, stop: Callable[[], bool] = lambda: False, quiet: float = QUIET,
                 longest: float = LONGEST) -> None:
        """Wait, from a background thread, until the user has paused for ``quiet`` seconds,
        ``longest`` seconds have passed or ``stop()`` is true; at once if they are not moving."""
        started = self._clock()
        while self.idle_for() < quiet and self._clock() - started < longest and not stop():
            self._sleep(STEP)


#: What background work is given: ``give_way(stop)``, see UserActivity.give_way.
GiveWay = Callable[[Callable[[], bool]], None]


def giving_way(give_way: GiveWay | None, stop: Callable[[], bool]) -> Callable[[], None]:
    """The call a piece of background work makes between its steps; a quit (``stop()``) ends
    any wait at once. Without ``give_way``, a call that never waits."""
    if give_way is None:
        return lambda: None
    return lambda: give_way(stop)
