"""The C heap under Python: fewer per-thread arenas, and freed memory handed back to the system.

glibc gives each thread that allocates its own arena (up to eight per core) and rarely
returns what is freed in them. The app reads bodies, builds entity and story libraries and
loads months of articles in worker threads, each leaving its arena holding the high-water
mark of its work: with 100,000 articles that was some 200 MB resident for no live object.
Elsewhere than glibc (macOS, musl) these are no-ops.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache

#: glibc's mallopt parameter for the number of arenas (malloc.h).
M_ARENA_MAX = -8
#: Arenas kept: the event loop's and one the worker threads share.
ARENAS = 2


@cache
def _glibc() -> ctypes.CDLL | None:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None
    return libc if hasattr(libc, "mallopt") and hasattr(libc, "malloc_trim") else None


def limit_arenas() -> None:
    """Share a couple of arenas between all threads; called before the worker threads start."""
    libc = _glibc()
    if libc is not None:
        libc.mallopt(M_ARENA_MAX, ARENAS)


def trim() -> None:
    """Give the free pages of every arena back to the system (after a full collection)."""
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)
