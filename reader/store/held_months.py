"""Which months of metadata stay parsed in memory, and each month's content hashes kept apart."""

from __future__ import annotations

from collections import OrderedDict

from .storage import FileSignature


class HeldMonths:
    """By default every month parsed stays parsed: a command reads each month once or twice.
    The app keeps its own Article of every article, so there the parsed documents would be a
    second copy of the whole library (80-125 MB at 100,000 articles, more once another
    process's write has made them be parsed again): it holds only the months it used last.

    The content hashes of every month are kept apart (about a seventh of a month's documents):
    the entity analysis asks for the hash of the article it takes, in whatever month, and must
    not parse that month each time for it.
    """

    def __init__(self) -> None:
        #: How many months stay parsed (None: all).
        self.limit: int | None = None
        self._used: OrderedDict[str, None] = OrderedDict()
        #: month -> (the signature of the shard file they were read from, {article id: hash}).
        self._hashes: dict[str, tuple[FileSignature | None, dict[str, str]]] = {}

    def used(self, month: str) -> list[str]:
        """Note that ``month`` was just used; returns the months to let go of, least recently used first."""
        self._used[month] = None
        self._used.move_to_end(month)
        if self.limit is None:
            return []
        dropped = []
        while len(self._used) > self.limit:
            dropped.append(self._used.popitem(last=False)[0])
        return dropped

    def hashes(self, month: str, signature: FileSignature | None) -> dict[str, str] | None:
        """The month's hashes if they were read from the file as it is now (``signature``)."""
        held = self._hashes.get(month)
        return held[1] if held is not None and signature is not None and held[0] == signature else None

    def keep_hashes(self, month: str, signature: FileSignature | None, hashes: dict[str, str]) -> None:
        self._hashes[month] = (signature, hashes)

    def forget(self) -> None:
        """The parsed months were dropped. The hashes stay: each is checked against its file's
        signature, as the storage checks its own cache, and another process's write (the
        analysis' results, a fetch from cron) changes few months."""
        self._used.clear()
