"""Putting what the library feed read into the main screen's list: the first load (opening where
the last session left off, or on the newest news in a new library), changes other processes
made, and the articles a fetch stored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from ....config import SORT_ORDERS
from ....seeds import SEED_SOURCE
from ...listing import Listing
from ...widgets.article_list import ArticleList

if TYPE_CHECKING:
    from . import MainScreen
    from .library_feed import LibraryFeed

#: Kinds of article that are background, not news: not where a new library opens.
REFERENCE_KINDS = ("encyclopedia", "reference")
WELCOME = ("Welcome to broadsheet. The sample: four outlets' accounts of one event (Antonio Ledezma's escape to "
           "Spain, November 2017) and an encyclopedia entry. L groups them by story, T compares how each outlet "
           "told it, ? lists the keys.")


class IntoList:
    def __init__(self, screen: MainScreen, listing: Listing, articles: ArticleList, *,
                 all_loaded: Callable[[], None]) -> None:
        self._screen = screen
        self._listing = listing
        self._articles = articles
        #: Called once the whole library is listed (the screen then starts watching the store).
        self._all_loaded = all_loaded
        self._article_to_restore: str | None = None

    def loaded(self, message: LibraryFeed.Loaded) -> None:
        listing, articles = self._listing, self._articles
        listing.set_states(message.read_ids, message.marks, message.writes_seen)
        if not listing.articles:
            self._restore_view(message.session)
            # The article left open may be in any month: look for it in every batch.
            self._article_to_restore = message.session.get("article")
        listing.extend(message.articles)
        # The first part of the list is up: the background work may now take its share.
        self._screen.call_after_refresh(self._screen.broadsheet.start_background)
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
            self._all_loaded()
            articles.empty_message = "No articles here. Press / to change the filter, H to show read articles."
            articles.refresh()
            self._screen.broadsheet.indexing.update()  # the seeds may have just been added
            self._screen.broadsheet.storying.update()  # and put in their stories
            self._screen.broadsheet.syncing.start()  # marks taken from the server land on the loaded list
            self._screen.stories.restore(message.session)
            self._screen.session.restore(message.session)
            self._screen.annotator.warm()
        self._screen.header_line.update()

    def changed(self, message: LibraryFeed.Changed) -> None:
        keep = self._articles.highlighted_id
        self._listing.set_states(message.read_ids, message.marks, message.writes_seen)
        if message.months:
            known = self._listing.articles
            fresh = [a.id for a in message.articles
                     if a.id not in known or known[a.id].content_hash != a.content_hash]
            self._listing.replace_months(message.months, message.articles)
            screen = self._screen
            edited = next((a for a in message.articles if screen.current is not None and a.id == screen.current.id
                           and a.content_hash != screen.current.content_hash), None)
            if edited is not None:
                screen.show_article(edited, again=True)  # edited elsewhere while open: the new text
            app = self._screen.broadsheet
            app.indexing.update()
            app.storying.update()
            # A `broadsheet fetch` from cron brought them: analysed like the app's own fetch's.
            app.analysis.enqueue(fresh)
        # `broadsheet analyse` from a shell: its results reach the entity views.
        self._screen.broadsheet.analysis.changed_elsewhere()
        self._articles.rows_changed(keep=keep)
        self._screen.stories.list_changed()  # the list by story shows the new articles too
        self._screen.marks_changed()

    def add_arrivals(self, message: LibraryFeed.Arrived) -> None:
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
