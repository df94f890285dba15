"""Whose turn it is to place: a cross-process lock around a whole placing of one story index.

A placing finds the articles not yet placed, places them in memory and writes them back in
batches. Two at once (the app's background placing and a command, or a fetch's detached
placer) would each find the same articles new and place them twice, counting their words
twice. SQLite's own lock covers one write, not the reading that decided it, so placings take
turns on a ``flock`` of a file beside the index (as reader/store/lock.py does for the store);
the kernel drops it when its holder dies, so a killed placer never leaves it stuck.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoryError

FILE = "placing.lock"
#: How often a waiting placer looks again (and whether it was cancelled meanwhile).
_POLL_SECONDS = 0.05


class PlacingCancelled(StoryError):
    """The placing was cancelled while it waited for another one to finish."""


@contextmanager
def placing_turn(folder: Path, *, cancelled: Callable[[], bool] | None = None,
                 waiting: Callable[[str], None] | None = None) -> Iterator[None]:
    """Hold the placing lock of the story index in ``folder`` for the block. Waits as long as
    another placing runs (``waiting(holder)`` is told once, with who holds it), unless
    ``cancelled()`` turns true: then PlacingCancelled is raised."""
    folder.mkdir(parents=True, exist_ok=True)
    fd = os.open(folder / FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        told = False
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if cancelled is not None and cancelled():
                    raise PlacingCancelled("placing was cancelled while another one ran") from None
                if waiting is not None and not told:
                    told = True
                    waiting(_holder(fd))
                time.sleep(_POLL_SECONDS)
        # Only for the message a waiter shows.
        os.pwrite(fd, f"pid {os.getpid()}".encode().ljust(32), 0)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode(errors="replace").strip()
    except OSError:
        return ""
