"""Holding Python's full garbage collections back around bulk work, young ones still running."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

#: Young collections that survive into the oldest generation before a full one is due
#: (Python's own threshold).
DUE_AFTER = 10
#: The oldest generation's threshold while held: never reached.
NEVER = 1_000_000_000

_lock = threading.Lock()
_holders = 0
_oldest = DUE_AFTER


def hold_full_collections() -> None:
    """Until as many ``release_full_collections``, Python starts no full collection of its own.

    Holds count across threads (a worker's bulk work inside the app's own hold), and the last
    release gives back the threshold the first hold found. Only the oldest generation is held:
    the young collections, which walk only what was made since the last one, go on, so the
    cycles that short-lived objects make are still freed while it lasts.
    """
    global _holders, _oldest
    with _lock:
        if _holders == 0:
            young, middle, oldest = gc.get_threshold()
            # A hold never released (a test's app that was never stopped) left NEVER behind.
            _oldest = DUE_AFTER if oldest >= NEVER else oldest
            gc.set_threshold(young, middle, NEVER)
        _holders += 1


def release_full_collections() -> None:
    global _holders
    with _lock:
        if _holders == 0:
            return
        _holders -= 1
        if _holders == 0:
            young, middle, _ = gc.get_threshold()
            gc.set_threshold(young, middle, _oldest)


@contextmanager
def collection_paused() -> Iterator[None]:
    """For work that makes tens of thousands of objects that all live on, and no cycles (an
    index built, a list's rows, an export): each full collection during it would walk the
    caller's whole heap, a library's metadata, and cost more than the work. It holds only the
    full collections, and only Python's own: disabling the collector would stop it in every
    thread, the event loop's too, whose moves leave cycles behind (Textual's line caches)."""
    hold_full_collections()
    try:
        yield
    finally:
        release_full_collections()
