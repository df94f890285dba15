"""The article ids and their months beside the library index: one id resolved without the index.

The index (``index.json``) also maps every source key and link to an id; at 100,000 articles
it is 25 MB, and parsing it is most of what `broadsheet tag ID` or `show ID` would take.
``ids.txt`` holds only the ids and their months, a line each ("id month", 1.9 MB there), so a
prefix is found by searching the bytes for a line that starts with it. It is derived from the
index and written right after it, in the index's order. Its header records the index file's and
every shard's signature as they were then; when either differs now (an older version, or a
writer that died, rewrote one), the file is not used and the caller reads the index.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import orjson

from .files import write_atomically
from .storage import FileSignature

VERSION = 2


class IdList:
    """The file's lines after the header, each ``id month``; every lookup is a search of the bytes."""

    def __init__(self, data: bytes, start: int, count: int) -> None:
        # From the header's newline on, so that every line, the first too, follows a b"\n".
        self._data = data
        self._start = start
        self.count = count

    def with_prefix(self, prefix: str) -> list[str]:
        """Every id that starts with ``prefix``."""
        data, wanted, found = self._data, b"\n" + prefix.encode(), []
        at = data.find(wanted, self._start)
        while at >= 0:
            found.append(data[at + 1:data.index(b" ", at)].decode())
            at = data.find(wanted, at + 1)
        return found

    def shard_of(self, article_id: str) -> str | None:
        wanted = b"\n" + article_id.encode() + b" "
        at = self._data.find(wanted, self._start)
        if at < 0:
            return None
        return self._data[at + len(wanted):self._data.index(b"\n", at + 1)].decode()

    def month_sizes(self) -> dict[str, int]:
        """How many ids each month has."""
        return {month.decode(): n for month, n in Counter(self._data[self._start:].split()[1::2]).items()}

    def ids(self) -> list[str]:
        return self._data[self._start:].decode().split()[0::2]


def write_id_list(path: Path, ids: dict[str, str], index: FileSignature | None, shards: dict[str, list[int]]) -> None:
    """Write the ids of ``index`` (id -> shard), as of the index file's and the shards' signatures."""
    header = orjson.dumps({"version": VERSION, "index": list(index or ()), "shards": shards, "count": len(ids)})
    lines = "\n".join(map(" ".join, ids.items()))
    write_atomically(path, header + b"\n" + lines.encode() + (b"\n" if ids else b""))


def read_id_list(path: Path, index: FileSignature | None, shards: dict[str, list[int]]) -> IdList | None:
    """The ids, if the file is whole and was written for this index file and these shards; else None."""
    try:
        data = path.read_bytes()
        end = data.index(b"\n")
        header = orjson.loads(data[:end])
        count = header["count"]
        fresh = (header["version"] == VERSION and index is not None and header["index"] == list(index)
                 and header["shards"] == shards)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    # A line per id, each ending in a newline: a file cut short has fewer.
    if not fresh or data.count(b"\n", end + 1) != count or not data.endswith(b"\n"):
        return None
    return IdList(data, end, count)
