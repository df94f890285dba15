"""Full garbage collections while the user is idle, never in the middle of a keypress."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from .heap import trim

#: How long without a key or a move before a full collection may run.
IDLE_SECONDS = 1.0
#: How often to look whether one is due.
CHECK_SECONDS = 2.0
#: Young collections that survive into the oldest generation before a full one is due
#: (Python's own threshold).
DUE_AFTER = 10
#: The oldest generation's threshold while held: never reached.
NEVER = 1_000_000_000


class IdleCollector:
    """Holds Python's full collections back until the user pauses.

    With 100,000 articles and the entity and story libraries in memory, a full collection
    takes 100-300 ms, and Python starts one whenever enough objects survive, which on a
    busy app is every few moves: a keypress that lands on one waits for it. The young
    generations are still collected as usual (they are cheap); the oldest is collected
    here, on a timer, once nothing has happened for a second.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._last_activity = clock()
        self._held: tuple[int, int, int] | None = None

    def start(self) -> None:
        if self._held is None:
            young, middle, oldest = gc.get_threshold()
            # An app that was never stopped (a test's) may have left it held.
            self._held = (young, middle, DUE_AFTER if oldest >= NEVER else oldest)
            gc.set_threshold(young, middle, NEVER)

    def stop(self) -> None:
        """Give Python its own thresholds back (the app is quitting, or a test is over)."""
        if self._held is not None:
            gc.set_threshold(*self._held)
            self._held = None

    def activity(self) -> None:
        """A key, a move: a collection now would be felt."""
        self._last_activity = self._clock()

    def check(self) -> bool:
        """Collect if one is due and the user is idle; whether it ran."""
        if self._held is None or gc.get_count()[2] < DUE_AFTER:
            return False
        if self._clock() - self._last_activity < IDLE_SECONDS:
            return False
        gc.collect()
        trim()  # what the collection freed goes back to the system, not only to the heap
        return True
