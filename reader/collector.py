"""Pausing Python's garbage collector around bulk work."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """For work that makes tens of thousands of objects that all live on, and no cycles (an
    index built, a list's rows, an export): collections during it find nothing, and each full
    one walks the caller's whole heap, a library's metadata, which cost more than the work.

    Only the main thread pauses it. The switch is the whole process's: a worker thread that
    turned it off for its seconds of work would stop collection for the thread drawing the
    screen too (in the app, the entity library rebuilt while the user moved through articles
    left their garbage uncollected, hundreds of megabytes of it), and two workers overlapping
    could leave it off. The app holds its full collections back until the user is idle anyway.
    """
    if threading.current_thread() is not threading.main_thread() or not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
