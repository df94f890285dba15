"""Pausing Python's garbage collector around bulk work."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collection_paused() -> Iterator[None]:
    """For work that makes tens of thousands of objects that all live on, and no cycles (an
    index built, a list's rows, an export): collections during it find nothing, and each full
    one walks the caller's whole heap, a library's metadata, which cost more than the work."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
