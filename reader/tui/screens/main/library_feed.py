"""Reading the library for the main screen: the first load, changes made by other processes,
articles a fetch stored, and article bodies. Reads run in workers that only post messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from textual.message import Message

from ....models import Article, Body, Marks, Revision
from ....seeds import ensure_seeded
from ....store import Store, StoreError
from ...listing import Listing
from ...messages import Notice, StoreFailed
from ...widgets.article_list import ArticleList
from ...widgets.reader.pane import ReaderPane
from ...workers import run_in_thread
from .into_list import IntoList

if TYPE_CHECKING:
    from . import MainScreen

#: Seconds new articles wait to be listed, so that a fetch reporting feed after feed
#: re-sorts a long list once for many feeds rather than once for each.
ARRIVALS_PAUSE = 0.25

T = TypeVar("T")


class LibraryFeed:
    """Feeds the screen's list what the store holds. Reads come back as messages to the screen,
    whose handlers hand them back here to be put in the list."""

    @dataclass
    class Loaded(Message):
        """A batch of articles read at start (the newest month first, then the rest)."""

        articles: list[Article]
        read_ids: set[str]
        marks: dict[str, Marks]
        final: bool
        session: dict
        #: How many of the app's writes were over when the states were read (Listing.set_states).
        writes_seen: int = 0

    @dataclass
    class Changed(Message):
        """Another process wrote to the store: ``articles`` are those of ``months`` now (the months
        whose metadata file moved or vanished), to put in place of those months' listed articles."""

        articles: list[Article]
        months: set[str]
        read_ids: set[str]
        marks: dict[str, Marks]
        writes_seen: int = 0

    @dataclass
    class Arrived(Message):
        """Articles a fetch added or changed, as stored, gathered over a moment."""

        articles: list[Article]

    @dataclass
    class BodyLoaded(Message):
        article_id: str
        body: Body | None
        error: str = ""
        #: What ``with_body`` read in the same worker (the article's annotations), handled with the
        #: body so that the pane is laid out and drawn once per article.
        extra: Message | None = None

    @dataclass
    class ChangesLoaded(Message):
        article: Article
        revisions: list[Revision]
        body: Body

    #: Everything it reports, handed back to ``received`` by the screen's one handler.
    Received = Loaded | Changed | Arrived | BodyLoaded | ChangesLoaded

    def __init__(self, store: Store, screen: MainScreen, listing: Listing, articles: ArticleList, *,
                 poll_seconds: float) -> None:
        self._store = store
        self._screen = screen
        self._listing = listing
        self._articles = articles
        self._poll_seconds = poll_seconds
        self._arrived: list[Article] | None = None
        #: Each month's metadata file as last read: an edit elsewhere (an import replacing an
        #: article, a cron fetch of an outlet's correction) moves it without changing the count.
        self._months_seen: dict[str, list[int]] | None = None
        self.into_list = IntoList(screen, listing, articles, all_loaded=self.start_polling)
        #: Read in the body's worker after the body, and handed to ``extra_loaded`` with it.
        self.with_body: Callable[[str], Message] | None = None
        self.extra_loaded: Callable[[Message], None] | None = None
        #: Set once the loading thread has posted all it read (or given up): the first load is
        #: over when the messages it posted are handled.
        self.load_done = False

    # The first load ------------------------------------------------------------------------------

    def load(self) -> None:
        run_in_thread(self._screen, self._load, group="main.load")

    def _load(self) -> None:
        try:
            self._read_everything()
        finally:
            self.load_done = True

    def _read_everything(self) -> None:
        store, post = self._store, self._screen.post_message
        try:
            ensure_seeded(store)
        except StoreError as error:
            post(StoreFailed(f"Could not add the sample articles: {error}"))
        # Each part of the library is read on its own, so a damaged file costs only its part:
        # a broken read.json still lists every article (read-only), and a broken month
        # still lists the others.
        no_states: tuple[set[str], dict[str, Marks]] = (set(), {})
        session: dict = self._part(store.session, {})
        no_months: dict[str, list[int]] = {}
        self._months_seen = self._part(store.month_signatures, no_months)
        seen = self._screen.broadsheet.writes.finished
        read_ids, marks = self._part(store.states, no_states)
        months: list[str] = self._part(store.months, [])
        none: list[Article] = []
        first = self._part(lambda: store.articles_of_month(months[0]), none) if months else none
        post(self.Loaded(first, read_ids, marks, final=False, session=session, writes_seen=seen))
        rest: list[Article] = []
        for month in months[1:]:
            rest.extend(self._part(partial(store.articles_of_month, month), none))
        post(self.Loaded(rest, read_ids, marks, final=True, session=session, writes_seen=seen))

    def _part(self, read: Callable[[], T], fallback: T) -> T:
        """Run one read; on a store error, report it, go read-only, and use ``fallback``."""
        try:
            return read()
        except StoreError as error:
            self._screen.post_message(StoreFailed(str(error), read_only=True))
            return fallback

    # Changes made elsewhere -----------------------------------------------------------------------

    def start_polling(self) -> None:
        self._screen.set_interval(self._poll_seconds, self.check)
        # A fetch's detached placer places its articles after the fetch's process has gone (and
        # after this app may have looked): the stories are looked at again as the store is (a
        # look is one read of the index's placed version, in a worker; an update only when it moved).
        self._screen.set_interval(self._poll_seconds, self._screen.broadsheet.storying.check_placings)

    def check(self) -> None:
        """Pick up what another process wrote (a cron fetch, a `broadsheet tag`)."""
        run_in_thread(self._screen, self._check, group="main.watch", exclusive=True)

    def write_failed(self, error: Exception) -> None:
        """A write of the user's failed: say so, and show the store as it is, not as we hoped."""
        self._screen.notify(f"Not saved: {error}", title="Library problem", severity="error", timeout=12, markup=False)
        self.check_now()

    def check_now(self) -> None:
        """Look again even if nothing seems to have changed (after a failed write)."""
        self._store.forget_generation()
        self.check()

    def _check(self) -> None:
        store = self._store
        try:
            if not store.changed_elsewhere():
                return
            seen = self._screen.broadsheet.writes.finished
            read_ids, marks = store.states()
            # Signatures before contents: a month rewritten between the two is read new and
            # looked at again next time, never read old and taken as seen.
            months = store.month_signatures()
        except StoreError as error:
            self._screen.post_message(StoreFailed(str(error)))
            return
        before = self._months_seen or {}
        moved = {m for m in months.keys() | before.keys() if months.get(m) != before.get(m)}
        articles: list[Article] = []
        for month in sorted(moved & months.keys(), reverse=True):
            try:
                articles.extend(store.articles_of_month(month))
            except StoreError as error:
                # The month keeps its listed articles and is tried again after the next change.
                self._screen.post_message(StoreFailed(str(error)))
                moved.discard(month)
                if month in before:
                    months[month] = before[month]
                else:
                    del months[month]
        self._months_seen = months
        self._screen.post_message(self.Changed(articles, moved, read_ids, marks, writes_seen=seen))

    # Arrivals, bodies, revisions --------------------------------------------------------------------

    def arrived(self, articles: list[Article]) -> None:
        if self._arrived is None:
            self._arrived = []
            self._screen.set_timer(ARRIVALS_PAUSE, self._list_arrivals)
        self._arrived.extend(articles)

    def _list_arrivals(self) -> None:
        articles, self._arrived = self._arrived or [], None
        if articles:
            self._screen.post_message(self.Arrived(list({a.id: a for a in articles}.values())))

    def load_body(self, article: Article) -> None:
        run_in_thread(self._screen, lambda: self._body(article), group="main.body", exclusive=True)

    def _body(self, article: Article) -> None:
        try:
            body = self._store.body(article)
        except StoreError as error:
            self._screen.post_message(self.BodyLoaded(article.id, None, str(error)))
            return
        extra = self.with_body(article.id) if self.with_body is not None else None
        self._screen.post_message(self.BodyLoaded(article.id, body, extra=extra))

    def load_changes(self, article: Article) -> None:
        run_in_thread(self._screen, lambda: self._changes(article), group="main.body", exclusive=True)

    def _changes(self, article: Article) -> None:
        try:
            revisions = self._store.revisions(article)
            body = self._store.body(article)
        except StoreError as error:
            self._screen.post_message(Notice(str(error), severity="error"))
            return
        self._screen.post_message(self.ChangesLoaded(article, revisions, body))

    # Into the list (see into_list.py) --------------------------------------------------------------------------------

    def received(self, message: Received) -> None:
        """What the screen's handler hands on: the library read, changed elsewhere or grown, an
        article's text or its changes read."""
        screen = self._screen
        current = screen.current
        if isinstance(message, self.Loaded):
            self.into_list.loaded(message)
        elif isinstance(message, self.Changed):
            self.into_list.changed(message)
        elif isinstance(message, self.Arrived):
            self.into_list.add_arrivals(message)
        elif isinstance(message, self.BodyLoaded):
            if current is not None and current.id == message.article_id:
                if message.body is None:
                    screen.reader.show_message(f"This article's text cannot be shown: {message.error}")
                screen.current_body = message.body
                if message.extra is not None and self.extra_loaded is not None:
                    self.extra_loaded(message.extra)
        elif current is not None and current.id == message.article.id:
            screen.reader.show_changes(message.article, message.revisions, message.body)

    def toggle_changes(self, reader: ReaderPane) -> None:
        """D: what the outlet changed in the open article (or what its full text added to the
        feed's), or back to the article."""
        screen = self._screen
        if screen.current is None or not (screen.current.revisions or screen.current.full_text):
            screen.notify("This article has not changed since it was first fetched.", timeout=3, markup=False)
        elif reader.showing_changes:
            reader.show_article(screen.current, self._listing.state(screen.current.id), screen.current_body)
        else:
            self.load_changes(screen.current)

    def fetch_listed(self, article: Article | None) -> None:
        """r: fetch the feed being listed, else the feed of the article under the cursor."""
        source = self._screen.view.source or (article.source if article is not None else "")
        if not source or source in ("seed", "import", "saved"):
            self._screen.notify("This article is not from a feed; R fetches every feed.", timeout=4, markup=False)
        else:
            self._screen.broadsheet.refresh_feeds([source])

    def feed_removed(self, feed_id: str) -> None:
        """The user unsubscribed (on the feeds screen): its unmarked articles are gone."""
        if self._screen.view.source == feed_id:
            self._screen.change_view(source="", source_name="")
        self.check_now()
