"""Full garbage collections kept short, and the long ones kept for when the user is idle."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable

from ..collector import DUE_AFTER, hold_full_collections, release_full_collections
from .activity import UserActivity
from .heap import trim

#: How long without a key or a move before a long full collection may run.
IDLE_SECONDS = 1.0
#: How often to look whether one is due.
CHECK_SECONDS = 2.0
#: A full collection that took no more CPU time than this may run while the user is busy: a
#: move does not feel it (a young collection in a move costs about as much).
BUSY_SECONDS = 0.015


class IdleCollector:
    """Holds Python's full collections back, and runs them itself when they cost little.

    With 100,000 articles and the entity and story libraries in memory, a full collection
    walks half a million objects (0.5-0.7 s), and Python starts one whenever enough objects
    survive: a keypress that lands on one waits for it. Yet what only a full collection frees,
    cycles (widgets, workers, entity libraries replaced; Textual's lines made them too, see
    strips.py), piles up meanwhile: held until the user paused, a long run of moves grew.

    Once the whole library is listed, what the app holds lives as long as it does, and
    ``gc.freeze`` sets it aside, so that a full collection walks only what was made since,
    cheap enough to run every few seconds while the user moves. Each is timed: once one is slow
    (a rebuilt library, the story placement's working set), the next wait for a pause again.
    Freezing only once is deliberate: a frozen object is never walked again, so one that later
    becomes part of unreachable cycles stays in memory for good. Freezing again after each
    slow collection kept them short but kept every entity library replaced since (its
    entities refer to each other) with them.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic,
                 timer: Callable[[], float] = time.thread_time) -> None:
        self._timer = timer
        #: The user's keys and moves, shared with the background work that gives way to them.
        self.user = UserActivity(clock)
        self._held = False
        self._settled = False
        #: The CPU time the last full collection run here took, in seconds (None: none yet).
        #: CPU, not wall, time: on a busy machine every pause is longer, not only this one.
        self.last_pause: float | None = None

    def start(self) -> None:
        if not self._held:
            hold_full_collections()
            self._held = True

    def stop(self) -> None:
        """Give Python its own thresholds back (the app is quitting, or a test is over)."""
        if self._held:
            release_full_collections()
            self._held = False

    def activity(self) -> None:
        """A key, a move: a long collection now would be felt."""
        self.user.touch()

    def settled(self) -> None:
        """The whole library is listed: set aside what the app holds, which lives on.

        A freeze moves the objects, it walks none of them: no pause. The cycles made during the
        start and not yet freed stay for good, a one-off (a collection to free them first would
        be the long pause this avoids). The next full collection is then taken to be short, and
        timed: if it was not, the ones after it wait for a pause again."""
        if not self._settled:
            gc.freeze()
            self._settled = True
            self.last_pause = 0.0

    def check(self) -> bool:
        """Collect if one is due and either it will be short or the user is idle; whether it ran."""
        if not self._held or gc.get_count()[2] < DUE_AFTER:
            return False
        idle = self.user.idle_for() >= IDLE_SECONDS
        short = self.last_pause is not None and self.last_pause <= BUSY_SECONDS
        if not (idle or short):
            return False
        started = self._timer()
        gc.collect()
        self.last_pause = self._timer() - started
        if idle:
            trim()  # what the collections freed goes back to the system, not only to the heap
        return True
