"""Reading the library for the main screen: the first load, changes made by other processes,
articles a fetch stored, and article bodies. Reads run in workers that only post messages."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from typing import TYPE_CHECKING, TypeVar

from textual.message import Message

from ....config import SORT_ORDERS
from ....models import Article, Body, Marks, Revision
from ....seeds import SEED_SOURCE, ensure_seeded
from ....store import Store, StoreError
from ...listing import Listing
from ...messages import Notice, StoreFailed
from ...widgets.article_list import ArticleList
from ...widgets.reader.pane import ReaderPane
from ...workers import run_in_thread

if TYPE_CHECKING:
    from . import MainScreen

#: Seconds new articles wait to be listed, so that a fetch reporting feed after feed
#: re-sorts a long list once for many feeds rather than once for each.
ARRIVALS_PAUSE = 0.25

T = TypeVar("T")


#: Kinds of article that are background, not news: not where a new library opens.
REFERENCE_KINDS = ("encyclopedia", "reference")
WELCOME = ("Welcome to broadsheet. The sample: four outlets' accounts of one event (Antonio Ledezma's escape to "
           "Spain, November 2017) and an encyclopedia entry. L groups them by story, T compares how each outlet "
           "told it, ? lists the keys.")


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

    @dataclass
    class Changed(Message):
        """Another process wrote to the store; ``articles`` is None when only marks changed."""

        articles: list[Article] | None
        read_ids: set[str]
        marks: dict[str, Marks]

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
        self._article_to_restore: str | None = None
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
        read_ids, marks = self._part(store.states, no_states)
        months: list[str] = self._part(store.months, [])
        none: list[Article] = []
        first = self._part(lambda: store.articles_of_month(months[0]), none) if months else none
        post(self.Loaded(first, read_ids, marks, final=False, session=session))
        rest: list[Article] = []
        for month in months[1:]:
            rest.extend(self._part(partial(store.articles_of_month, month), none))
        post(self.Loaded(rest, read_ids, marks, final=True, session=session))

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
            count_before = len(self._listing.articles)
            read_ids, marks = store.states()
            articles = store.articles() if store.article_count() != count_before else None
        except StoreError as error:
            self._screen.post_message(StoreFailed(str(error)))
            return
        self._screen.post_message(self.Changed(articles, read_ids, marks))

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

    # Into the list --------------------------------------------------------------------------------

    def loaded(self, message: Loaded) -> None:
        listing, articles = self._listing, self._articles
        listing.set_states(message.read_ids, message.marks)
        if not listing.articles:
            self._restore_view(message.session)
            # The article left open may be in any month: look for it in every batch.
            self._article_to_restore = message.session.get("article")
        listing.extend(message.articles)
        if (message.final and "article" not in message.session and not self._article_to_restore
                and self._screen.broadsheet.services.welcome):
            self._first_start()
        articles.rows_changed(keep=self._article_to_restore or articles.highlighted_id)
        if listing.index_of(self._article_to_restore) is not None or message.final:
            self._article_to_restore = None
        if message.final:
            self._screen.library_loading = False
            # The articles and their rows live as long as the app: full collections skip them.
            self._screen.broadsheet.collector.settled()
            self.start_polling()
            articles.empty_message = "No articles here. Press / to change the filter, H to show read articles."
            articles.refresh()
            self._screen.broadsheet.indexing.update()  # the seeds may have just been added
            self._screen.broadsheet.storying.update()  # and put in their stories
            self._screen.broadsheet.syncing.start()  # marks taken from the server land on the loaded list
            self._screen.stories.restore(message.session)
            self._screen.session.restore(message.session)
            self._screen.annotator.warm()
        self._screen.header_line.update()

    def received(self, message: Received) -> None:
        """What the screen's handler hands on: the library read, changed elsewhere or grown, an
        article's text or its changes read."""
        screen = self._screen
        current = screen.current
        if isinstance(message, self.Loaded):
            self.loaded(message)
        elif isinstance(message, self.Changed):
            self.changed(message)
        elif isinstance(message, self.Arrived):
            self.add_arrivals(message)
        elif isinstance(message, self.BodyLoaded):
            if current is not None and current.id == message.article_id:
                if message.body is None:
                    screen.reader.show_message(f"This article's text cannot be shown: {message.error}")
                screen.current_body = message.body
                if message.extra is not None and self.extra_loaded is not None:
                    self.extra_loaded(message.extra)
        elif current is not None and current.id == message.article.id:
            screen.reader.show_changes(message.article, message.revisions, message.body)

    def changed(self, message: Changed) -> None:
        keep = self._articles.highlighted_id
        self._listing.set_states(message.read_ids, message.marks)
        if message.articles is not None:
            known = self._listing.articles
            fresh = [a.id for a in message.articles
                     if a.id not in known or known[a.id].content_hash != a.content_hash]
            self._listing.replace(message.articles)
            app = self._screen.broadsheet
            app.indexing.update()
            app.storying.update()
            # A `broadsheet fetch` from cron brought them: analysed like the app's own fetch's.
            app.analysis.enqueue(fresh)
        self._articles.rows_changed(keep=keep)
        self._screen.stories.list_changed()  # the list by story shows the new articles too
        self._screen.marks_changed()

    def add_arrivals(self, message: Arrived) -> None:
        # The cursor stays on the article it was on, wherever the new rows land.
        keep = self._articles.highlighted_id
        self._listing.extend(message.articles)
        self._articles.rows_changed(keep=keep)
        screen = self._screen
        screen.stories.list_changed()  # the list by story shows them too, its cursor kept
        edited = next((a for a in message.articles if screen.current is not None and a.id == screen.current.id), None)
        if edited is not None and screen.current is not None and edited.content_hash != screen.current.content_hash:
            screen.show_article(edited, again=True)  # the outlet edited the open article: the new text
        screen.header_line.update()

    def _first_start(self) -> None:
        """A new library: open on the newest news, not on a reference entry, and say what the
        sample articles are for."""
        news = [a for a in self._listing.rows if not any(w in a.kind for w in REFERENCE_KINDS)]
        if news:
            self._article_to_restore = news[0].id
        if any(a.source == SEED_SOURCE for a in self._listing.articles.values()):
            self._screen.notify(WELCOME, timeout=15, markup=False)

    def _restore_view(self, session: dict) -> None:
        """Start where the user left: the sort and hide-read of the last session, unless the
        config file sets them (then they are the user's standing choice)."""
        view = self._screen.view
        given = self._screen.broadsheet.services.settings.given
        sort = view.sort if "sort" in given else session.get("sort", view.sort)
        hide_read = view.hide_read if "hide_read" in given else bool(session.get("hide_read", view.hide_read))
        self._screen.view = replace(view, sort=sort if sort in SORT_ORDERS else view.sort, hide_read=hide_read)

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
