"""The article list's content: every article, the user's marks, and the current view of them.

Pure Python, so the list's rules (sorting, hiding read, filtering, next unread) are
tested without a terminal and the widget only draws what this hands it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..config import SORT_ORDERS
from ..ingest.sanitize import clean_line
from ..models import Article, ArticleState, Marks
from ..text import fold


@dataclass(frozen=True)
class ViewOptions:
    sort: str = "date"
    hide_read: bool = False
    #: Words that must all appear in the title or outlet.
    query: str = ""
    #: Only articles from this source (a feed id), and the name the header shows for it.
    source: str = ""
    source_name: str = ""
    #: Only these articles (those naming an entity), and what the header calls the filter.
    article_ids: frozenset[str] | None = None
    filter_name: str = ""
    #: Search results best first: the order the list keeps while sorted "by date".
    ranked: tuple[str, ...] | None = None


NO_MARKS = Marks()


class Listing:
    def __init__(self) -> None:
        self.articles: dict[str, Article] = {}
        self.read_ids: set[str] = set()
        self.marks: dict[str, Marks] = {}
        self.options = ViewOptions()
        #: The visible rows, in order.
        self.rows: list[Article] = []
        self._folded_titles: dict[str, str] = {}
        #: Row index by article id, built on first use after the rows change: finding the
        #: cursor's article must not scan 100,000 rows.
        self._positions: dict[str, int] | None = None
        #: Unread rows, kept as marks change: the header asks for it on every status change.
        self._unread: int | None = None
        #: Changes shown but maybe not yet in a read of the store, by article: the number of the
        #: write that saves each (see SerialWriter.finished) and the change. A read begun before
        #: that write was over would otherwise undo on screen what the user just did.
        self._pending_read: dict[str, tuple[int, bool]] = {}
        self._pending_marks: dict[str, tuple[int, Marks]] = {}

    # Content ---------------------------------------------------------------------------------

    def replace(self, articles: Iterable[Article]) -> None:
        self.articles = {a.id: a for a in articles}
        self._folded_titles = {}
        self.rebuild()

    def replace_months(self, months: Iterable[str], articles: Iterable[Article]) -> None:
        """Put ``articles`` in place of every listed article of ``months`` (by ``Article.shard``):
        those gone from a month leave the list, and the other months' articles stay as they are
        (the same objects), so a change to one month costs a read of that month only."""
        months = set(months)
        kept = {i: a for i, a in self.articles.items() if a.shard not in months}
        for article_id in self.articles.keys() - kept.keys():
            self._folded_titles.pop(article_id, None)  # a title may have been edited
        for article in articles:
            kept[article.id] = article
            self._folded_titles.pop(article.id, None)
        self.articles = kept
        self.rebuild()

    def extend(self, articles: Iterable[Article]) -> None:
        for article in articles:
            self.articles[article.id] = article
        self.rebuild()

    def set_states(self, read_ids: set[str], marks: dict[str, Marks], writes_seen: int | None = None) -> None:
        """Take the states a read of the store found. ``writes_seen``: how many of the app's writes
        were over when that read began; changes whose write came later are kept over what it read."""
        if writes_seen is not None:
            self._pending_read = {a: p for a, p in self._pending_read.items() if p[0] > writes_seen}
            self._pending_marks = {a: p for a, p in self._pending_marks.items() if p[0] > writes_seen}
        for article_id, (_, read) in self._pending_read.items():
            (read_ids.add if read else read_ids.discard)(article_id)
        for article_id, (_, mark) in self._pending_marks.items():
            if mark.starred or mark.tags:
                marks[article_id] = mark
            else:
                marks.pop(article_id, None)
        self.read_ids = read_ids
        self.marks = marks
        self._unread = None

    def hold_read(self, article_ids: Iterable[str], read: bool, write: int) -> None:
        """Keep a read-state change the ``write``-th write saves over reads of the store begun before it."""
        for article_id in article_ids:
            self._pending_read[article_id] = (write, read)

    def hold_mark(self, article_id: str, write: int) -> None:
        """Keep the article's marks as shown now over reads of the store begun before ``write``."""
        self._pending_marks[article_id] = (write, self.marks.get(article_id, NO_MARKS))

    def is_read(self, article_id: str) -> bool:
        return article_id in self.read_ids

    def is_starred(self, article_id: str) -> bool:
        return self.marks.get(article_id, NO_MARKS).starred

    def tags(self, article_id: str) -> tuple[str, ...]:
        return self.marks.get(article_id, NO_MARKS).tags

    def state(self, article_id: str) -> ArticleState:
        """What the reader's header says of the article: read, starred, its tags."""
        mark = self.marks.get(article_id, NO_MARKS)
        return ArticleState(article_id in self.read_ids, mark.starred, mark.tags)

    def known_tags(self) -> list[str]:
        """Every tag in use, for completing the tag editor."""
        return sorted({tag for mark in self.marks.values() for tag in mark.tags})

    def note_read(self, article_ids: Iterable[str], read: bool) -> None:
        """Record a read-state change in memory; rows stay put until the view is rebuilt,
        so an article read while "hide read" is on does not vanish from under the cursor."""
        for article_id in article_ids:
            if (article_id in self.read_ids) == read:
                continue
            (self.read_ids.add if read else self.read_ids.discard)(article_id)
            if self._unread is not None and article_id in self.positions:
                self._unread += -1 if read else 1

    def note_mark(self, article_id: str, starred: bool, tags: tuple[str, ...]) -> None:
        if starred or tags:
            self.marks[article_id] = Marks(starred, tuple(tags))
        else:
            self.marks.pop(article_id, None)

    # The view ----------------------------------------------------------------------------------

    def set_options(self, options: ViewOptions) -> None:
        if options.sort not in SORT_ORDERS:
            raise ValueError(f"unknown sort order {options.sort!r}")
        self.options = options
        self.rebuild()

    def rebuild(self) -> None:
        rows: Iterable[Article] = self.articles.values()
        if self.options.source:
            rows = (a for a in rows if a.source == self.options.source)
        if self.options.article_ids is not None:
            ids = self.options.article_ids
            rows = (a for a in rows if a.id in ids)
        if self.options.hide_read:
            rows = (a for a in rows if a.id not in self.read_ids)
        words = fold(self.options.query).split()
        if words:
            rows = (a for a in rows if all(w in self._folded(a) for w in words))
        rows = list(rows)
        if self.options.sort == "outlet":
            rows.sort(key=lambda a: a.published, reverse=True)
            rows.sort(key=lambda a: fold(a.outlet) or "\uffff")
        elif self.options.sort == "title":
            rows.sort(key=lambda a: fold(a.title))
        elif self.options.sort == "oldest":
            rows.sort(key=lambda a: a.published)
        elif self.options.ranked is not None:
            position = {article_id: number for number, article_id in enumerate(self.options.ranked)}
            rows.sort(key=lambda a: position.get(a.id, len(position)))
        else:
            rows.sort(key=lambda a: a.published, reverse=True)
        self.rows = rows
        self._positions, self._unread = None, None

    def _folded(self, article: Article) -> str:
        folded = self._folded_titles.get(article.id)
        if folded is None:
            folded = self._folded_titles[article.id] = fold(f"{article.title} {article.outlet}")
        return folded

    @property
    def positions(self) -> dict[str, int]:
        """Each row's index by article id."""
        if self._positions is None:
            self._positions = {article.id: index for index, article in enumerate(self.rows)}
        return self._positions

    def index_of(self, article_id: str | None) -> int | None:
        if article_id is None:
            return None
        return self.positions.get(article_id)

    def next_unread(self, start: int, step: int, *, wrap: bool = False) -> int | None:
        """The nearest unread row after (step=1) or before (step=-1) ``start``; with ``wrap``,
        past the end the search goes on from the other end (as newsboat's does)."""
        count = len(self.rows)
        for distance in range(1, count if wrap else count + 1):
            index = start + step * distance
            if wrap:
                index %= count
            elif not 0 <= index < count:
                return None
            if self.rows[index].id not in self.read_ids:
                return index
        return None

    @property
    def unread_count(self) -> int:
        """Unread articles in the current view (one feed's, a search's...)."""
        if self._unread is None:
            read_ids = self.read_ids
            self._unread = sum(1 for article in self.rows if article.id not in read_ids)
        return self._unread

    def describe(self, stories: bool = False) -> str:
        """The view in a few words, for the header: "unread · sorted by outlet · “maduro”".
        ``stories``: for the list by story, which is always newest first (no sort is named)."""
        everything = "all stories" if stories else "all articles"
        parts = ["unread only" if self.options.hide_read else everything]
        if self.options.source:
            # A feed's or an entity's name came from a server: one clean line in the header.
            parts.insert(0, f"feed: {clean_line(self.options.source_name or self.options.source)}")
        if self.options.article_ids is not None:
            parts.insert(0, clean_line(self.options.filter_name) or "filtered")
        if stories:
            pass
        elif self.options.sort == "oldest":
            parts.append("oldest first")
        elif self.options.sort != "date":
            parts.append(f"by {self.options.sort}")
        if self.options.query:
            parts.append(f"“{self.options.query}”")
        return " · ".join(parts)
