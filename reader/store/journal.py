"""The sync journal: an append-only, fsynced record of the marks changed in this library.

A sync replays it to the server, so it must survive a kill -9 between a keypress and the next
sync. It is kept only while a sync account is set up (``state/sync/`` exists): a library that
never syncs pays nothing but one stat per write. Each line is one JSON object
``{"at": ISO time, "id": article id, "f": field, "v": value}``; the field is ``read``,
``starred``, ``tags`` (the whole list after the change) or ``note``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from ..models import utc_now
from .files import translate_os_error, write_atomically

FIELDS = ("read", "starred", "tags", "note")


@dataclass(frozen=True, slots=True)
class Change:
    """One field of one article, as the user left it, and when."""

    at: str
    article: str
    field: str
    value: Any


class Journal:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / "journal.jsonl"
        # Changes the sync itself makes locally (taken from the server) are not the user's and
        # must not be sent back; the pause is per thread, so the app's own keypresses still count.
        self._paused = threading.local()

    @property
    def active(self) -> bool:
        return self.folder.is_dir() and not getattr(self._paused, "on", False)

    @contextmanager
    def paused(self) -> Iterator[None]:
        self._paused.on = True
        try:
            yield
        finally:
            self._paused.on = False

    def record(self, changes: list[tuple[str, str, Any]]) -> None:
        """Append (article, field, value) changes; durable when this returns. The caller holds
        the store's write lock, so lines from two processes never interleave."""
        if not changes or not self.active:
            return
        at = utc_now().isoformat()
        data = b"".join(orjson.dumps({"at": at, "id": a, "f": f, "v": v}) + b"\n" for a, f, v in changes)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
            try:
                os.write(fd, data)
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise translate_os_error(error, self.path) from error

    def read(self) -> tuple[list[Change], int]:
        """Every whole change recorded, and the byte offset after the last one. A line cut short
        by a crash mid-write is ignored (it never returned, so it was never promised)."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return [], 0
        end = data.rfind(b"\n") + 1
        changes = []
        for line in data[:end].splitlines():
            try:
                doc = orjson.loads(line)
                changes.append(Change(doc["at"], doc["id"], doc["f"], doc["v"]))
            except (orjson.JSONDecodeError, KeyError, TypeError):
                continue
        return changes, end

    def drop_through(self, offset: int) -> None:
        """Forget the changes before ``offset`` (sent by a finished sync); keep any added since."""
        try:
            data = self.path.read_bytes()
        except FileNotFoundError:
            return
        write_atomically(self.path, data[offset:])
