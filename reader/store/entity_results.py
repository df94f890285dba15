"""Entities found per article, in one file per month, and the user's corrections to them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from .errors import CorruptFile
from .files import write_atomically
from .storage import FileSignature, KeyedTable, KeyedTinyDB, open_tinydb

if TYPE_CHECKING:
    from ..models.entities import StoredEntities

RESULTS_TABLE = "results"
CORRECTIONS_TABLE = "corrections"


class EntityResults:
    """``entities/YYYY-MM.json``, one small TinyDB file per month shard, so a write touches one month.

    Each record is article id -> {"hash", "lead_end", "data"}. This is derived data: a file
    that cannot be read counts as nothing analysed for its month, is reported once, and the
    next write to that month replaces it.
    """

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self._dbs: dict[str, KeyedTinyDB] = {}
        # month -> (file signature, {article id: (record, hash, parsed)}): a month rewritten by
        # a batch parses only the records that batch wrote.
        self._parsed: dict[str, tuple[FileSignature | None, dict[str, tuple[dict[str, Any], str, StoredEntities]]]] = {}
        self._problems: list[str] = []
        self._reported: set[str] = set()

    def path(self, month: str) -> Path:
        return self.folder / f"{month}.json"

    def _db(self, month: str) -> KeyedTinyDB:
        db = self._dbs.get(month)
        if db is None:
            db = self._dbs[month] = open_tinydb(self.path(month), self.read_only)
        return db

    def _table(self, month: str) -> KeyedTable:
        return self._db(month).table(RESULTS_TABLE)

    def raw(self, month: str) -> dict[str, dict[str, Any]]:
        """The month's records as stored ({} when none or unreadable); do not mutate."""
        try:
            return self._table(month).raw()
        except CorruptFile:
            self._damaged(month)
            return {}

    def signature(self, month: str) -> FileSignature | None:
        """The month's file's identity (None when it has none yet)."""
        return self._db(month).storage.signature()

    def hashes(self, month: str) -> dict[str, str]:
        """article id -> the content hash its record was made from."""
        return {i: r["hash"] for i, r in self.raw(month).items() if is_record(r)}

    def parsed(
        self, month: str, parse: Callable[[dict[str, Any]], StoredEntities]
    ) -> dict[str, tuple[str, StoredEntities]]:
        """article id -> (hash, parse(record)), parsing only records not seen before."""
        signature = self._db(month).storage.signature()
        cached_signature, cached = self._parsed.get(month, (None, {}))
        if signature is None or signature != cached_signature:
            fresh: dict[str, tuple[dict[str, Any], str, StoredEntities]] = {}
            for article_id, record in self.raw(month).items():
                old = cached.get(article_id)
                # Our own writes keep the records they did not replace, so those are reused.
                if old is not None and old[0] is record:
                    fresh[article_id] = old
                elif is_record(record):
                    try:
                        fresh[article_id] = (record, record["hash"], parse(record))
                    except (KeyError, TypeError, ValueError):
                        continue  # one malformed record is one article to analyse again
            self._parsed[month] = (signature, fresh)
            cached = fresh
        return {article_id: (h, value) for article_id, (_, h, value) in cached.items()}

    def put(self, month: str, records: dict[str, dict[str, Any]]) -> None:
        """Add or replace records; the caller holds the store lock."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.raw(month)  # notes a damaged file, which the write below replaces
        self._outdate(month)
        try:
            self._table(month).put_many(records)
        except CorruptFile:
            write_atomically(self.path(month), orjson.dumps({RESULTS_TABLE: records}))
            self._db(month).storage.forget()

    def remove(self, month: str, article_ids: list[str]) -> None:
        """Drop records; the caller holds the store lock."""
        if not self.path(month).exists() or not any(i in self.raw(month) for i in article_ids):
            return
        self._outdate(month)
        self._table(month).delete_many(article_ids)

    def _outdate(self, month: str) -> None:
        # Two writes within one clock tick can leave the same file signature: after our own
        # write the month is checked record by record, whatever the signature says.
        if month in self._parsed:
            self._parsed[month] = (None, self._parsed[month][1])

    def take_problems(self) -> list[str]:
        """Damaged files not reported yet; each is reported once per store."""
        problems, self._problems = self._problems, []
        return problems

    def forget_caches(self) -> None:
        for db in self._dbs.values():
            db.storage.forget()
        for month in list(self._parsed):
            self._outdate(month)

    def _damaged(self, month: str) -> None:
        path = self.path(month)
        if str(path) in self._reported:
            return
        self._reported.add(str(path))
        self._problems.append(
            f"{path} is unreadable; the articles of {month} count as not analysed and will be analysed again"
        )


def is_record(record: object) -> bool:
    return isinstance(record, dict) and isinstance(record.get("hash"), str) and isinstance(record.get("data"), dict)


class CorrectionLog:
    """``state/entity_corrections.json``: the user's corrections in order, keyed "000001"...

    User data, unlike the results: a damaged file raises CorruptFile and is never overwritten.
    """

    def __init__(self, path: Path, read_only: bool = False) -> None:
        self.path = path
        self._db = open_tinydb(path, read_only)

    @property
    def _table(self) -> KeyedTable:
        return self._db.table(CORRECTIONS_TABLE)

    def all(self) -> list[dict[str, Any]]:
        records = self._table.raw()
        return [records[key] for key in sorted(records, key=int)]

    def append(self, record: dict[str, Any]) -> None:
        keys = self._table.raw()
        number = max(map(int, keys)) + 1 if keys else 1
        self._table.put(f"{number:06d}", record)

    def pop(self) -> dict[str, Any] | None:
        records = self._table.raw()
        if not records:
            return None
        last = max(records, key=int)
        record = dict(records[last])
        self._table.delete(last)
        return record

    def forget_caches(self) -> None:
        self._db.storage.forget()
