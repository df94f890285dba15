"""The articles waiting for the analyser's workers, in the order they are wanted."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from .crew import Hand

#: Articles sent to a worker ahead of its results, so that it never waits for the next one.
IN_FLIGHT = 2


class Jobs:
    """What waits (the open article first, then oldest request first) and what each worker
    holds. The caller's threads add; the analyser's thread takes. Safe between them."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._queue: dict[str, None] = {}  # an ordered set: oldest request first
        self._urgent: list[str] = []  # the latest request last

    def waiting(self) -> int:
        with self._lock:
            return len(self._queue) + len(self._urgent)

    def pending(self, hands: list[Hand]) -> int:
        """Articles waiting or being extracted."""
        with self._lock:
            return len(self._queue) + len(self._urgent) + sum(len(hand.in_flight) for hand in hands)

    def add(self, article_ids: Iterable[str]) -> None:
        with self._lock:
            for article_id in article_ids:
                if article_id not in self._urgent:
                    self._queue[article_id] = None

    def add_new(self, article_ids: Iterable[str], hands: list[Hand], unsaved: set[str]) -> None:
        """Queue articles not already waiting, in hand or extracted and not yet written."""
        with self._lock:
            held = {article_id for hand in hands for article_id in hand.in_flight}
            for article_id in article_ids:
                if article_id not in held and article_id not in unsaved and article_id not in self._urgent:
                    self._queue.setdefault(article_id, None)

    def prioritise(self, article_id: str, hands: list[Hand]) -> None:
        with self._lock:
            holder = next((hand for hand in hands if article_id in hand.in_flight), None)
            if holder is not None:
                holder.in_flight[article_id] = True
                return
            self._queue.pop(article_id, None)
            if article_id in self._urgent:
                self._urgent.remove(article_id)
            self._urgent.append(article_id)

    def next_for(self, hand: Hand) -> tuple[str, bool] | None:
        """The article ``hand`` does next and whether it is wanted at once, or None: nothing
        waits, or the worker already has enough in hand. The open article goes at once, even
        with the worker's next article already sent: the worker takes it before that one."""
        with self._lock:
            urgent = bool(self._urgent) and len(hand.in_flight) < IN_FLIGHT + 2
            if not urgent and (len(hand.in_flight) >= IN_FLIGHT or not self._queue):
                return None
            article_id = self._urgent.pop() if urgent else next(iter(self._queue))
            self._queue.pop(article_id, None)
            return article_id, urgent

    def hand_over(self, hand: Hand, article_id: str, urgent: bool) -> None:
        with self._lock:
            hand.in_flight[article_id] = urgent or hand.in_flight.get(article_id, False)

    def came_back(self, hand: Hand, article_id: str) -> bool:
        """The article is done with; whether it was wanted at once."""
        with self._lock:
            return hand.in_flight.pop(article_id, False)

    def take_back(self, hand: Hand) -> None:
        """What a worker held and never finished, to the back of the queue: if one article
        kills the worker, the others are analysed first."""
        with self._lock:
            lost = list(hand.in_flight)
            hand.in_flight.clear()
            for article_id in lost:
                self._queue.pop(article_id, None)
                self._queue[article_id] = None
