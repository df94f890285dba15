"""A TinyDB storage that writes atomically, parses with orjson and re-reads only what changed."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage
from tinydb.table import Table

from .errors import CorruptFile, ReadOnlyStore
from .files import translate_os_error, write_atomically

#: A file's identity: (inode, size, mtime in ns); a change means another process replaced it.
FileSignature = tuple[int, int, int]


class AtomicJSONStorage(Storage):
    """TinyDB storage for one JSON file, safe against crashes and other processes.

    TinyDB calls ``read()`` before every operation. The default storage re-parses the
    whole file each time; this one keeps the parsed data and re-reads only when the
    file's identity (inode, size, mtime) changed, i.e. when another process replaced it.
    Every write replaces the file atomically, so a reader in another process sees the
    old or the new data, never a mix. Locking across processes is the store's job.
    """

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self._cache: dict[str, dict[str, Any]] | None = None
        self._signature: FileSignature | None = None

    def signature(self) -> FileSignature | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns)

    def read(self) -> dict[str, dict[str, Any]] | None:
        signature = self.signature()
        if signature is None:
            self._cache, self._signature = None, None
            return None
        if signature != self._signature or self._cache is None:
            self._cache = self._load()
            self._signature = signature
        return self._cache

    def _load(self) -> dict[str, dict[str, Any]]:
        try:
            raw = self.path.read_bytes()
        except OSError as error:
            raise translate_os_error(error, self.path) from error
        if not raw.strip():
            raise CorruptFile(self.path, "the file is empty")
        try:
            data = orjson.loads(raw)
        except orjson.JSONDecodeError as error:
            raise CorruptFile(self.path, f"invalid JSON: {error}") from None
        if not isinstance(data, dict) or not all(isinstance(t, dict) for t in data.values()):
            raise CorruptFile(self.path, "not a broadsheet data file")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self.read_only:
            raise ReadOnlyStore(f"{self.path} is open read-only")
        try:
            write_atomically(self.path, orjson.dumps(data))
        except BaseException:
            # TinyDB mutated our cached dict before asking us to write it: forget it so the
            # next read shows what is really on disk, not the change that failed.
            self._cache, self._signature = None, None
            raise
        self._cache = data
        self._signature = self.signature()

    @property
    def parsed_signature(self) -> FileSignature | None:
        """The signature of the file the cache was read from (None when nothing is cached)."""
        return self._signature

    def forget(self) -> None:
        """Drop the cache, e.g. before re-reading inside a freshly taken lock."""
        self._cache, self._signature = None, None

    def close(self) -> None:
        self._cache = None


class KeyedTable(Table):
    """A TinyDB table whose document ids are strings (article ids), for O(1) lookups."""

    # TinyDB types document ids as int; it converts them with this class, so str works at run time.
    document_id_class = str  # type: ignore[assignment]

    def put_many(self, docs: dict[str, dict[str, Any]]) -> None:
        """Insert or replace many documents by id in one write (TinyDB has no bulk upsert)."""

        def updater(table: dict[str, Mapping[str, Any]]) -> None:
            table.update(docs)

        # TinyDB types the table it passes as keyed by int; ours are keyed by document_id_class (str).
        self._update_table(updater)  # type: ignore[arg-type]

    def put(self, doc_id: str, doc: dict[str, Any]) -> None:
        self.put_many({doc_id: doc})

    def delete_many(self, doc_ids: list[str]) -> int:
        """Remove documents by id in one write; returns how many were there."""
        found: list[str] = []

        def updater(table: dict[str, Mapping[str, Any]]) -> None:
            found.extend(doc_id for doc_id in doc_ids if table.pop(doc_id, None) is not None)

        # TinyDB types the table it passes as keyed by int; ours are keyed by document_id_class (str).
        self._update_table(updater)  # type: ignore[arg-type]
        return len(found)

    def delete(self, doc_id: str) -> bool:
        return self.delete_many([doc_id]) == 1

    def raw(self) -> dict[str, dict[str, Any]]:
        """The table's documents as stored, without copying them into Document objects.

        Callers must not mutate what they get: it is the storage's cache.
        """
        data = self.storage.read() or {}
        return data.get(self.name, {})


class KeyedTinyDB(TinyDB):
    table_class = KeyedTable

    if TYPE_CHECKING:
        # TinyDB types these as its base classes; open_tinydb makes them ours.
        @property
        def storage(self) -> AtomicJSONStorage: ...

        def table(self, name: str, **kwargs: Any) -> KeyedTable: ...


def open_tinydb(path: Path, read_only: bool = False) -> KeyedTinyDB:
    return KeyedTinyDB(path, storage=AtomicJSONStorage, read_only=read_only)
