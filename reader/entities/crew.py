"""How many worker processes the analyser keeps: one while there is work, a second while a long
queue waits and the machine has a core to spare, none after a long idle spell."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from .worker import WorkerProcess


def spare_cores(ours: int) -> float:
    """Cores nobody uses, counting ``ours`` busy workers as a core each.

    The one-minute load average counts our own workers too, so they are taken out of it to
    see what everything else on the machine asks for.
    """
    cpus = os.cpu_count() or 1
    try:
        load = os.getloadavg()[0]
    except OSError:  # no load average on this system: never take a second core
        return 0.0
    others = max(0.0, load - ours)
    return cpus - others - ours


def _most_workers() -> int:
    # Two is where the gain ends for a reader: the second halves a big import's wait, and each
    # worker holds its own copy of the model (about 300 MB) while it runs.
    return max(1, min(2, os.cpu_count() or 1))


@dataclass(frozen=True)
class Staffing:
    """The analyser's rules for adding and ending worker processes."""

    #: At most this many workers at once.
    most: int = field(default_factory=_most_workers)
    #: ours busy -> cores free beyond them (see :func:`spare_cores`).
    spare: Callable[[int], float] = spare_cores
    #: A second worker costs a model load (a second or two): worth it for a queue this long.
    queue_per_extra: int = 40
    #: Between starting one worker and starting or ending another: the load average lags
    #: behind (a minute-long average moves about a fifth of the way in 15 s), and only after
    #: this long does it tell our worker's load from what others were already asking for.
    settle_seconds: float = 15.0
    #: With nothing to do for this long, the workers end and their memory goes back.
    idle_seconds: float = 120.0

    def wants_another(self, hands: int, queued: int) -> bool:
        # Half a core free is enough: the workers run niced, so whatever else starts on the
        # machine is served before them.
        return 0 < hands < self.most and queued >= self.queue_per_extra * hands and self.spare(hands) >= 0.5

    def wants_two_at_once(self, queued: int) -> bool:
        """Whether to start two workers together, with no first one yet: the load average has
        none of ours in it then, so it tells at once what the others ask for, and waiting
        ``settle_seconds`` to learn it would leave a free core idle through a long queue's start."""
        return self.most >= 2 and queued >= self.queue_per_extra * 2 and self.spare(0) >= 1.5

    def wants_fewer(self, hands: int) -> bool:
        # Others want most of the core the extra worker took: give it back. (Apart from the
        # threshold to add one, so that a worker is not started and ended by turns.)
        return hands > 1 and self.spare(hands) < -0.75


class Hand:
    """One worker process and the articles sent to it that have not come back."""

    def __init__(self, worker: WorkerProcess) -> None:
        self.worker = worker
        #: Whether its extractor has loaded and it takes jobs.
        self.ready = False
        #: Article id -> wanted at once (the open article).
        self.in_flight: dict[str, bool] = {}

    @property
    def pid(self) -> int | None:
        return self.worker.process.pid if self.worker.process.is_alive() else None


class Roster:
    """When to start or end a worker, by :class:`Staffing`'s rules and the time since the last
    change and since there was last work."""

    def __init__(self, staffing: Staffing) -> None:
        self.staffing = staffing
        self._changed = self._busy = time.monotonic()

    @property
    def look_again(self) -> float:
        """Seconds after which, with nothing else happening, the roster may want a change."""
        return max(0.1, min(self.staffing.settle_seconds, self.staffing.idle_seconds))

    def started(self) -> None:
        self._changed = time.monotonic()

    def change(self, hands: list[Hand], queued: int, busy: bool) -> int:
        """Workers to start (positive) or end (negative) now; 0 to keep them."""
        now, staffing = time.monotonic(), self.staffing
        if busy:
            self._busy = now
        if not all(hand.ready for hand in hands):
            return 0  # a model still loading: nothing is known yet of how fast this goes
        if not busy and now - self._busy >= staffing.idle_seconds:
            return -len(hands)  # so that the model's memory goes back
        if now - self._changed < staffing.settle_seconds:
            return 0
        if staffing.wants_another(len(hands), queued):
            return 1
        if staffing.wants_fewer(len(hands)):
            self._changed = now
            return -1
        return 0
