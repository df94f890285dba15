"""Entities found per article, in one file per month, and the user's corrections to them."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeGuard

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

    A month's records as parsed from JSON weigh about six times its file, and the app only ever
    needs them as value types: so what is kept is the parsed results and, for the questions
    asked of every month (what is analysed, from which content), a summary. The JSON itself
    is kept only for the months written most recently, which the next batch of results is most
    likely to write again (analysis goes month by month).
    """

    #: How many recently written months keep their JSON, to save re-reading it for the next write.
    KEPT_FOR_WRITING = 2

    def __init__(self, folder: Path, read_only: bool = False) -> None:
        self.folder = folder
        self.read_only = read_only
        self._dbs: dict[str, KeyedTinyDB] = {}
        self._parsed: dict[str, _Parsed] = {}
        # month -> (file signature, {article id: (content hash, extractor)})
        self._summaries: dict[str, tuple[FileSignature, dict[str, tuple[str, str]]]] = {}
        self._written: list[str] = []  # the months whose JSON is kept, most recently written last
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

    def summary(self, month: str) -> dict[str, tuple[str, str]]:
        """article id -> (the content hash its record was made from, the extractor that made it)."""
        signature = self.signature(month)
        if signature is None:
            return {}
        cached = self._summaries.get(month)
        if cached is not None and cached[0] == signature:
            return cached[1]
        summary = self._summarise(month, self.raw(month), signature)
        self._release(month)
        return summary

    def _summarise(self, month: str, records: dict[str, Any], signature: FileSignature) -> dict[str, tuple[str, str]]:
        summary = {i: (r["hash"], str(r["data"].get("extractor", ""))) for i, r in records.items() if is_record(r)}
        self._summaries[month] = (self._db(month).storage.parsed_signature or signature, summary)
        return summary

    def hashes(self, month: str) -> dict[str, str]:
        """article id -> the content hash its record was made from."""
        return {i: made_from for i, (made_from, _) in self.summary(month).items()}

    def parsed(
        self, month: str, parse: Callable[[dict[str, Any]], StoredEntities]
    ) -> dict[str, tuple[str, StoredEntities]]:
        """article id -> (hash, parse(record)), parsing only records not seen before."""
        signature = self.signature(month)
        if signature is None:
            return {}
        cached = self._parsed.get(month)
        if cached is None or cached.signature != signature:
            cached = self._parsed[month] = _Parsed(signature, {}, None)
        if cached.stale is None or cached.stale:
            records = self.raw(month)
            read = self._db(month).storage.parsed_signature
            if read != cached.signature:  # written by another process since we looked: all of it
                cached = self._parsed[month] = _Parsed(read or signature, {}, None)
            for article_id in records if cached.stale is None else cached.stale:
                record = records.get(article_id)
                cached.entries.pop(article_id, None)
                if is_record(record):
                    try:
                        cached.entries[article_id] = (record["hash"], parse(record))
                    except (KeyError, TypeError, ValueError):
                        pass  # one malformed record is one article to analyse again
            cached.stale = set()
            # The JSON is let go of next: what the other questions of the month need is taken now.
            if self._summaries.get(month, (None,))[0] != cached.signature:
                self._summarise(month, records, cached.signature)
            self._release(month)
        return dict(cached.entries)

    def put(self, month: str, records: dict[str, dict[str, Any]]) -> None:
        """Add or replace records; the caller holds the store lock."""
        self.folder.mkdir(parents=True, exist_ok=True)
        self.raw(month)  # notes a damaged file, which the write below replaces
        before = self.signature(month)
        try:
            self._table(month).put_many(records)
        except CorruptFile:
            write_atomically(self.path(month), orjson.dumps({RESULTS_TABLE: records}))
            self._db(month).storage.forget()
            before = None
        self._wrote(month, before, records)

    def remove(self, month: str, article_ids: list[str]) -> None:
        """Drop records; the caller holds the store lock."""
        if not self.path(month).exists() or not any(i in self.raw(month) for i in article_ids):
            return
        before = self.signature(month)
        self._table(month).delete_many(article_ids)
        self._wrote(month, before, article_ids)

    def _wrote(self, month: str, before: FileSignature | None, article_ids: Iterable[str]) -> None:
        """After our own write: only the records it touched need parsing again, if the parsed
        month was the file as it was just before the write; otherwise all of them."""
        cached = self._parsed.get(month)
        after = self.signature(month)
        if cached is not None:
            if before is not None and after is not None and cached.signature == before and cached.stale is not None:
                cached.signature = after
                cached.stale.update(article_ids)
            else:
                del self._parsed[month]
        self._summaries.pop(month, None)
        if month in self._written:
            self._written.remove(month)
        self._written.append(month)
        while len(self._written) > self.KEPT_FOR_WRITING:
            self._db(self._written.pop(0)).storage.forget()

    def _release(self, month: str) -> None:
        """Let go of a month's JSON once what is kept of it has been taken out."""
        if month not in self._written:
            self._db(month).storage.forget()

    def take_problems(self) -> list[str]:
        """Damaged files not reported yet; each is reported once per store."""
        problems, self._problems = self._problems, []
        return problems

    def forget_caches(self) -> None:
        """Another process wrote: every month is read again when next asked for."""
        for db in self._dbs.values():
            db.storage.forget()
        self._parsed.clear()
        self._summaries.clear()
        self._written.clear()

    def _damaged(self, month: str) -> None:
        path = self.path(month)
        if str(path) in self._reported:
            return
        self._reported.add(str(path))
        self._problems.append(
            f"{path} is unreadable; the articles of {month} count as not analysed and will be analysed again"
        )


@dataclass(slots=True)
class _Parsed:
    """One month's parsed results, as of the file with ``signature``, except the ``stale``
    records our own writes have replaced since (None: none parsed yet, all to read)."""

    signature: FileSignature
    entries: dict[str, tuple[str, StoredEntities]]
    stale: set[str] | None


def is_record(record: object) -> TypeGuard[dict[str, Any]]:
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
