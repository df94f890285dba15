"""Starting worker processes from inside the app, whose stdout and stderr Textual has replaced."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def real_stderr() -> Iterator[None]:
    """Let multiprocessing see a real stderr while it starts processes.

    Textual swaps sys.stderr for an object whose fileno() is -1, and multiprocessing hands
    sys.stderr's descriptor to the processes it spawns (its resource tracker among them),
    which fails with "bad value(s) in fds_to_keep". The swap lasts only for the start.
    """
    current = sys.stderr
    try:
        usable = current is not None and current.fileno() >= 0
    except (AttributeError, ValueError, OSError):
        usable = False
    if not usable:
        sys.stderr = sys.__stderr__
    try:
        yield
    finally:
        sys.stderr = current


def quiet_child() -> None:
    """In a worker process: send its stdout and stderr to /dev/null.

    It shares the terminal the app draws on, where a stray warning would garble the screen.
    """
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        os.dup2(devnull, fd)
    os.close(devnull)
