"""Which held articles an article being placed is scored against: an inverted index of the held
articles' telling terms (the grouping says which), kept as arrays across placings, with each
story's days and size beside it.

On a busy week every article shares its telling words with hundreds of others of its days, and
looking them up one by one (and whether each one's story is still open) was most of placing's
time. Here the postings of an article's probe terms are gathered, counted and weighed as arrays,
the members of closed stories dropped in one step, and only the ``limit`` members sharing the
most weight are handed on to be scored exactly, so placing one article costs about the same
however many articles share its days.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

import numpy as np

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_NAIVE_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)
#: Dead rows (of stories let go) are dropped from the postings once there are this many and
#: more than live ones: often enough to bound memory, seldom enough to cost nothing.
_COMPACT_AT = 2_000


def _micros(when: datetime) -> int:
    """Exact microseconds since the epoch, so the window test is the datetime one."""
    return (when - (_EPOCH if when.tzinfo is not None else _NAIVE_EPOCH)) // _MICROSECOND


class _Column:
    """A growing numpy array (amortised appends, writes in place)."""

    __slots__ = ("data", "size")

    def __init__(self, dtype: type) -> None:
        self.data: np.ndarray = np.zeros(1024, dtype=dtype)
        self.size = 0

    def extend(self, values: np.ndarray) -> None:
        while self.size + len(values) > len(self.data):
            self.data = np.concatenate((self.data, np.zeros_like(self.data)))
        self.data[self.size:self.size + len(values)] = values
        self.size += len(values)

    def append(self, value: float | int | bool) -> int:
        if self.size == len(self.data):
            self.data = np.concatenate((self.data, np.zeros_like(self.data)))
        self.data[self.size] = value
        self.size += 1
        return self.size - 1


class MemberIndex:
    """Held articles by row number, their terms' postings (rows and weights, as compact arrays
    appended to in place), and the open-ness of their stories, as arrays by story number."""

    def __init__(self, window: timedelta, span: timedelta, max_size: int) -> None:
        self._window = window // _MICROSECOND
        self._span = span // _MICROSECOND
        self._max_size = max_size
        self.ids: list[str] = []
        self._row: dict[str, int] = {}
        self._story_of_row = _Column(np.int64)
        self._alive = _Column(np.bool_)
        self._dead = 0
        self._postings: dict[int, tuple[array[int], array[float]]] = {}
        self._story_number: dict[str, int] = {}
        self._first = _Column(np.int64)
        self._last = _Column(np.int64)
        self._size = _Column(np.int64)

    def story(self, anchor: str, first: datetime, last: datetime, size: int) -> None:
        """Note a story's days and size (after a member joined it)."""
        number = self._story_number.get(anchor)
        if number is None:
            number = self._story_number[anchor] = self._first.append(0)
            self._last.append(0)
            self._size.append(0)
        self._first.data[number] = _micros(first)
        self._last.data[number] = _micros(last)
        self._size.data[number] = size

    def add(self, article_id: str, anchor: str, terms: Sequence[tuple[int, float]]) -> None:
        """Hold an article (of a story already noted) under each of these terms (by number)."""
        if article_id in self._row:  # held again: only the newest row stands for it
            self.forget([article_id], "")
        row = self._alive.append(True)
        self._story_of_row.append(self._story_number[anchor])
        self.ids.append(article_id)
        self._row[article_id] = row
        postings = self._postings
        for key, weight in terms:
            posting = postings.get(key)
            if posting is None:
                posting = postings[key] = (array("i"), array("f"))
            posting[0].append(row)
            posting[1].append(weight)

    def add_many(self, members: Sequence[tuple[str, str]], terms: np.ndarray, weights: np.ndarray,
                 counts: np.ndarray) -> None:
        """Hold many articles (id and story anchor) at once, under their terms: ``terms`` and
        ``weights`` flat, ``counts`` of them each article's. Each term's postings are extended
        once, not appended to once per article."""
        again = [article_id for article_id, _ in members if article_id in self._row]
        if again:
            self.forget(again, "")
        start = self._alive.size
        self._alive.extend(np.ones(len(members), dtype=np.bool_))
        self._story_of_row.extend(np.fromiter((self._story_number[anchor] for _, anchor in members),
                                              dtype=np.int64, count=len(members)))
        for row, (article_id, _) in enumerate(members, start):
            self.ids.append(article_id)
            self._row[article_id] = row
        if not len(terms):
            return
        rows = np.repeat(np.arange(start, start + len(members), dtype=np.int32), counts)
        order = np.argsort(terms, kind="stable")
        terms, rows, weights = terms[order], rows[order], weights[order].astype(np.float32)
        keys, firsts = np.unique(terms, return_index=True)
        lasts = [*firsts[1:].tolist(), len(terms)]
        postings = self._postings
        for key, first, last in zip(keys.tolist(), firsts.tolist(), lasts, strict=True):
            posting = postings.get(key)
            if posting is None:
                posting = postings[key] = (array("i"), array("f"))
            posting[0].frombytes(rows[first:last].tobytes())
            posting[1].frombytes(weights[first:last].tobytes())

    def forget(self, article_ids: Sequence[str], anchor: str) -> None:
        """Let go of a story and its members."""
        for article_id in article_ids:
            row = self._row.pop(article_id, None)
            if row is not None:
                self._alive.data[row] = False
                self._dead += 1
        self._story_number.pop(anchor, None)
        if self._dead >= _COMPACT_AT and self._dead > len(self._row):
            self._compact()

    def candidates(self, probes: Sequence[tuple[int, float]], when: datetime, crowded: int,
                   limit: int) -> list[str]:
        """The held articles of open stories sharing one of the probe terms (two when more than
        ``crowded`` share one), at most ``limit`` of them, those sharing the most weight of the
        probes, in the order they were held."""
        found = [(self._postings[key], weight) for key, weight in probes if key in self._postings]
        if not found:
            return []
        rows = np.concatenate([np.frombuffer(p[0], dtype=np.int32) for p, _ in found])
        alive = self._alive.data[rows]
        rows = rows[alive]
        if not len(rows):
            return []
        counts = np.bincount(rows)
        members = np.flatnonzero(counts)
        if len(members) > crowded:
            members = members[counts[members] >= 2]
        stories = self._story_of_row.data[members]
        moment = _micros(when)
        usable = ((self._size.data[stories] < self._max_size)
                  & (np.abs(moment - self._last.data[stories]) <= self._window)
                  & (np.abs(moment - self._first.data[stories]) <= self._span))
        members = members[usable]
        if len(members) > limit:
            # The weights are gathered only here: most articles have fewer candidates.
            weights = np.concatenate([np.frombuffer(p[1], dtype=np.float32) * w for p, w in found])[alive]
            shared = np.bincount(rows, weights)[members]
            members = np.sort(members[np.argpartition(-shared, limit - 1)[:limit]])
        ids = self.ids
        return [ids[row] for row in members.tolist()]

    def _compact(self) -> None:
        """Drop dead rows everywhere and number the live ones afresh."""
        alive = self._alive.data[:self._alive.size]
        renumber = np.cumsum(alive) - 1
        for key in list(self._postings):
            rows_, weights_ = self._postings[key]
            rows = np.frombuffer(rows_, dtype=np.int32)
            keep = alive[rows]
            if not keep.any():
                del self._postings[key]
                continue
            new_rows = array("i", renumber[rows[keep]].astype(np.int32).tobytes())
            new_weights = array("f", np.frombuffer(weights_, dtype=np.float32)[keep].tobytes())
            del rows, keep
            self._postings[key] = (new_rows, new_weights)
        live = np.flatnonzero(alive)
        self.ids = [self.ids[row] for row in live.tolist()]
        self._row = {article_id: row for row, article_id in enumerate(self.ids)}
        stories = self._story_of_row.data[live]
        self._story_of_row = _Column(np.int64)
        self._alive = _Column(np.bool_)
        for number in stories.tolist():
            self._story_of_row.append(number)
            self._alive.append(True)
        self._dead = 0
