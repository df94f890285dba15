"""Reading what an article is compared by (its terms, names and sketch): the part of placing
that needs no other article. A big placing (a first sync of a library, a rebuild) hands it to
other processes while this one places, which halves its time on two cores; small ones, like a
fetch's, read in-process, where starting a process would cost more than it saves.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice
from types import TracebackType
from typing import TYPE_CHECKING, TypeVar

from ..models.packed import unpacked
from ..spawning import quiet_child, real_stderr
from .terms import headline_terms, names, sketch

if TYPE_CHECKING:
    from ..feeds.parsed import ParsedFeed

#: What is sent for an article (title, text) and what comes back (terms, names, sketch).
Text = tuple[str, str]
Read = tuple[dict[str, float], list[str], tuple[int, ...]]

K = TypeVar("K")
#: A chunk of items being read: their keys, their texts, and the reading under way (if elsewhere).
_Chunk = tuple[list[K], list[Text], "Future[list[Read]] | None"]

#: Articles per task handed to a process, and how many tasks may be out at once (so that a
#: month of texts is not all in memory at once).
CHUNK = 200
IN_FLIGHT = 4
#: Below this many articles, reading in-process is quicker than starting processes.
PARALLEL_FROM = 2000


def read_texts(items: Sequence[Text]) -> list[Read]:
    return [(dict(headline_terms(title, text)), sorted(names(title, text)), sketch(text)) for title, text in items]


def text_key(title: str, text: str) -> bytes:
    """What a reading is looked up by: it depends on the title and the text alone."""
    return hashlib.blake2b(f"{title}\0{text}".encode(), digest_size=16).digest()


def read_drafts(feed: ParsedFeed) -> dict[bytes, Read]:
    """The readings of a parsed feed's articles, made while the fetch goes on: placing them
    afterwards then needs only to group. An article the store keeps
    otherwise than drafted (a full text fetched since, say) is read again when placed."""
    texts = [(draft.title, unpacked(draft.body).text) for draft in feed.drafts]
    return {text_key(*text): read for text, read in zip(texts, read_texts(texts), strict=True)}


class Extractor:
    """Reads texts in order, in-process or (``processes`` > 0) in a pool started on first use.
    Use it as a context manager: leaving it stops the pool."""

    def __init__(self, processes: int = 0, known: dict[bytes, Read] | None = None) -> None:
        """``known``: readings made already (read_drafts), by text_key; the texts they are
        for are not read again."""
        self.processes = processes
        self.known = known or {}
        self._pool: ProcessPoolExecutor | None = None

    @classmethod
    def spare_cores(cls, known: dict[bytes, Read] | None = None) -> Extractor:
        """One process per core but the one placing (at least one), started on first use."""
        return cls(max(1, (os.cpu_count() or 1) - 1), known)

    def read(self, items: Iterable[tuple[K, Text]], count: int) -> Iterator[tuple[K, Read]]:
        """What each of the ``count`` items' text reads as, in order, with its key; in the pool
        only when there are PARALLEL_FROM or more. Items are taken as needed: at most
        IN_FLIGHT × CHUNK texts are in memory at once."""
        source = iter(items)
        parallel = bool(self.processes) and count - len(self.known) >= PARALLEL_FROM
        pending: deque[_Chunk[K]] = deque()
        while True:
            while len(pending) < (IN_FLIGHT if parallel else 1):
                chunk = list(islice(source, CHUNK))
                if not chunk:
                    break
                texts = [text for _, text in chunk]
                pending.append(([key for key, _ in chunk], texts, self._submit(texts) if parallel else None))
            if not pending:
                return
            keys, texts, future = pending.popleft()
            if future is not None:
                self._help(future, pending)
            yield from zip(keys, self._result(texts, future), strict=True)

    def _help(self, head: Future[list[Read]], pending: deque[_Chunk[K]]) -> None:
        """While the chunk wanted next is still being read elsewhere, read the last chunk not
        started yet here, rather than wait: with one spare core the reading process was the
        placing's bottleneck, and this one waited half of the time."""
        while not head.done():
            for at in range(len(pending) - 1, -1, -1):
                keys, texts, future = pending[at]
                if future is not None and future.cancel():
                    done: Future[list[Read]] = Future()
                    done.set_result(self._read_here(texts))
                    pending[at] = (keys, texts, done)
                    break
            else:
                return

    def _submit(self, texts: list[Text]) -> Future[list[Read]] | None:
        if not self.processes:  # the pool broke earlier
            return None
        try:
            return self._start().submit(read_texts, texts)
        except (BrokenProcessPool, OSError, RuntimeError):
            self._give_up()
            return None

    def _result(self, texts: list[Text], future: Future[list[Read]] | None) -> list[Read]:
        """The chunk's reading; in-process when there is no pool or it broke (a process killed
        for memory, say): the placing goes on, only slower."""
        if future is not None:
            try:
                return future.result()
            except (BrokenProcessPool, OSError):
                self._give_up()
        return self._read_here(texts)

    def _read_here(self, texts: list[Text]) -> list[Read]:
        if not self.known:
            return read_texts(texts)
        found = [self.known.get(text_key(*text)) for text in texts]
        missing = iter(read_texts([text for text, read in zip(texts, found, strict=True) if read is None]))
        return [read if read is not None else next(missing) for read in found]

    def _give_up(self) -> None:
        self.close()
        self.processes = 0

    def _start(self) -> ProcessPoolExecutor:
        if self._pool is None:
            with real_stderr():  # in the app, Textual's stderr has no descriptor to hand on
                self._pool = ProcessPoolExecutor(self.processes, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=quiet_child)
        return self._pool

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()
