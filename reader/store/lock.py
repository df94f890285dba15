"""An inter-process lock on a separate lock file, so readers never see half a write."""

from __future__ import annotations

import fcntl
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import StoreLocked

#: How often a waiting process retries: short enough that a user action is not delayed noticeably.
_POLL_SECONDS = 0.01


class FileLock:
    """An exclusive ``flock`` held around each read-modify-write of the store.

    Re-entrant within one process (a thread lock plus a depth count), because the
    store's own methods nest: a batch write holds it while it updates several files.
    The kernel drops a flock when its holder dies, so a kill -9 never leaves it stuck.
    """

    def __init__(self, path: Path, timeout: float = 5.0, on_foreign_change: Callable[[], None] | None = None) -> None:
        self.path = path
        self.timeout = timeout
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._fd: int | None = None
        self._on_foreign_change = on_foreign_change
        #: Generation last seen or written by this process; see ``generation()``.
        self._generation = -1
        self._dirty = False
        self._foreign_change = False

    def known_generation(self) -> int:
        return self._generation

    def acknowledge(self, generation: int) -> None:
        """Note a generation as seen (after reloading what it changed)."""
        with self._thread_lock:
            if self._depth == 0:
                self._generation = generation
                self._foreign_change = False

    def take_foreign_change(self) -> bool:
        """Whether a write by another process was noticed since the last call."""
        with self._thread_lock:
            seen, self._foreign_change = self._foreign_change, False
            return seen

    def mark_dirty(self) -> None:
        """Note that the holder wrote something, so the generation moves on at release."""
        self._dirty = True

    def generation(self) -> int:
        """The store's write counter, bumped by every process at the end of a write.

        File signatures (inode, size, mtime) can repeat when two writes land within one
        clock tick; this counter cannot, so caches are dropped whenever it moved.
        Readable without the lock: it is how a running app notices another process.
        """
        try:
            return _parse_generation(self.path.read_bytes().decode(errors="replace"))
        except OSError:
            return 0

    @contextmanager
    def held(self) -> Iterator[None]:
        with self._thread_lock:
            if self._depth == 0:
                self._acquire()
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    def _acquire(self) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = _describe_holder(_read_holder(fd))
                    os.close(fd)
                    raise StoreLocked(self.path, self.timeout, holder) from None
                time.sleep(_POLL_SECONDS)
        self._fd = fd
        current = _parse_generation(_read_holder(fd))
        if current != self._generation:
            self._foreign_change = True
            if self._on_foreign_change is not None:
                self._on_foreign_change()
        self._generation = current
        self._dirty = False
        # Record who holds it, only to make the "busy" message name the culprit.
        self._write_record(current)

    def _release(self) -> None:
        if self._fd is None:
            return
        if self._dirty:
            self._generation += 1
            self._dirty = False
        self._write_record(self._generation)
        fcntl.flock(self._fd, fcntl.LOCK_UN)
        os.close(self._fd)
        self._fd = None

    def _write_record(self, generation: int) -> None:
        record = f"generation {generation} pid {os.getpid()}".encode()
        assert self._fd is not None  # only called while the lock is held
        os.pwrite(self._fd, record.ljust(64), 0)


def _parse_generation(record: str) -> int:
    parts = record.split()
    if len(parts) >= 2 and parts[0] == "generation" and parts[1].isdigit():
        return int(parts[1])
    return 0


def _describe_holder(record: str) -> str:
    parts = record.split()
    return f"pid {parts[3]}" if len(parts) >= 4 and parts[2] == "pid" else ""


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 64, 0).decode(errors="replace").strip()
    except OSError:
        return ""
