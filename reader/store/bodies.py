"""Article bodies in append-only pack files, one per month, read by offset when an article opens."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import orjson

from ..models import Body
from ..models.packed import unpack_record
from .errors import CorruptFile
from .files import translate_os_error

#: A body's address in its shard's pack: (byte offset, byte length).
BodyRef = tuple[int, int]


class BodyPacks:
    """Bodies are the bulk of the library (2-6 KB each) and are read one at a time.

    Keeping them out of the metadata files keeps those small enough to load at start-up,
    and appending (never rewriting) makes a write cost the size of the new body only.
    A crash mid-append leaves unreferenced bytes at the end of a pack, never a broken
    body: the metadata that points at a body is written, atomically, after the fsync.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def path(self, shard: str) -> Path:
        return self.folder / f"{shard}.pack"

    def append(self, shard: str, records: list[bytes]) -> list[BodyRef]:
        """Append bodies' records (compress_body of each serialised body) durably and return
        where each one landed. Compressing is the caller's: a fetch's parser processes do it."""
        if not records:
            return []
        path = self.path(shard)
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
            try:
                offset = os.fstat(fd).st_size
                refs = []
                for record in records:
                    refs.append((offset, len(record)))
                    offset += len(record)
                os.write(fd, b"".join(records))
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as error:
            raise translate_os_error(error, path) from error
        return refs

    def read(self, shard: str, ref: BodyRef) -> Body:
        path = self.path(shard)
        offset, length = ref
        try:
            with open(path, "rb") as pack:
                pack.seek(offset)
                record = pack.read(length)
        except FileNotFoundError:
            raise CorruptFile(path, "the body file is missing") from None
        except OSError as error:
            raise translate_os_error(error, path) from error
        try:
            return unpack_record(record)
        except (zlib.error, orjson.JSONDecodeError, KeyError, TypeError) as error:
            raise CorruptFile(path, f"body at byte {offset} is damaged: {error}") from None

    def size_on_disk(self) -> int:
        return sum(p.stat().st_size for p in self.folder.glob("*.pack"))
