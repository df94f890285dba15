"""What narrows and orders the main screen's list: a search's results (or a saved view's), the
articles naming an entity (which follow the analysis as it finds more of them), the sort, and
whether read articles show."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....config import SORT_ORDERS
from ....entities.library import EntityLibrary
from ....text import counted
from ...focusing import focus_now
from ...widgets.search_box import SearchBox

if TYPE_CHECKING:
    from ...app import BroadsheetApp
    from . import MainScreen


class Filters:
    def __init__(self, app: BroadsheetApp, screen: MainScreen) -> None:
        self._app = app
        self._screen = screen
        #: The entity (key, name) whose articles the list shows, or None.
        self.entity: tuple[str, str] | None = None
        #: The saved view the list shows ("" for none, or a search typed).
        self.view_name = ""
        #: A search that ran before the index opened, to run again when it has: (text, view name).
        self.waiting_search: tuple[str, str] | None = None

    # A search ---------------------------------------------------------------------------------------

    def answered(self, message: SearchBox.Answered) -> None:
        screen = self._screen
        screen.search_box.answered(message.notes)
        screen.active_query = message.query
        self.view_name = message.view_name
        screen.articles.snippets = {hit.article_id: (hit.title, hit.snippet) for hit in message.hits}
        label = f"view: {message.view_name}" if message.view_name else f"search: {message.query}"
        screen.change_view(article_ids=frozenset(message.ids), ranked=tuple(message.ids), filter_name=label, query="")
        keep, screen.session.keep_article = screen.session.keep_article, None
        if keep in message.ids:
            screen.articles.set_cursor(message.ids.index(keep))  # the search the last session left
        elif message.ids:
            screen.articles.set_cursor(0)  # a new search starts at its best match

    def searched(self, message: SearchBox.Answered | SearchBox.Cleared | SearchBox.Unindexed
                 | SearchBox.Submitted) -> None:
        """What the search box reports: results, a search cleared, one the index is not open for
        yet, or the user done typing."""
        screen = self._screen
        if isinstance(message, SearchBox.Answered):
            self.answered(message)
        elif isinstance(message, SearchBox.Cleared):
            self.clear_search()
        elif isinstance(message, SearchBox.Unindexed):
            screen.change_view(query=message.text)  # until the index opens, words in titles and outlets narrow the list
            self.waiting_search = (message.text, message.view_name)
            if screen.broadsheet.indexing.searcher is not None:
                # The index opened while this message was on its way: nothing else will run it.
                self.index_ready()
        else:
            focus_now(screen.articles)

    def index_ready(self) -> None:
        """The index is open: a search typed (or restored) before it runs now, in full."""
        waiting, self.waiting_search = self.waiting_search, None
        if waiting is not None and self._screen.view.query == waiting[0]:
            self._screen.search_box.run(*waiting)

    def clear_search(self) -> None:
        screen = self._screen
        screen.active_query = ""
        self.view_name = ""
        screen.articles.snippets = {}
        screen.change_view(article_ids=None, ranked=None, filter_name="", query="")

    def leave(self) -> None:
        """Back from an entity's articles (or a search's, or a view's) to the whole list."""
        screen = self._screen
        self.entity = None
        self.view_name = ""
        if screen.active_query:
            screen.search_box.close()
        screen.active_query = ""
        screen.articles.snippets = {}
        screen.change_view(article_ids=None, ranked=None, filter_name="")

    # The order, and read articles ------------------------------------------------------------------

    def toggle_hide_read(self) -> None:
        self._screen.change_view(hide_read=not self._screen.view.hide_read)

    def next_sort(self) -> None:
        screen = self._screen
        if screen.stories.active:
            # The list by story is newest first by its stories' latest accounts, whatever the sort.
            screen.notify("The list by story is always newest first; O sorts the list by article (L).",
                          timeout=4, markup=False)
            return
        sort = SORT_ORDERS[(SORT_ORDERS.index(screen.view.sort) + 1) % len(SORT_ORDERS)]
        screen.change_view(sort=sort)
        named = {"date": "date, newest first", "oldest": "date, oldest first"}
        screen.notify(f"Sorted by {named.get(sort, sort)}.", timeout=2, markup=False)

    # An entity --------------------------------------------------------------------------------------

    def show_entity(self, key: str, name: str, quiet: bool = False) -> None:
        if (library := self._app.entity_library) is None:
            return
        screen = self._screen
        # A key from the open article's provisional entities may not be the library's: the name finds it.
        ids = frozenset(library.articles_mentioning(key) or library.articles_mentioning(name))
        # Its name as the library has it now (renamed since, the header says the new name).
        entity = library.get(key) or library.find(name)
        if entity is not None:
            key, name = entity.key, entity.name
        label = f"entity: {name}"
        if quiet and ids == screen.view.article_ids and label == screen.view.filter_name:
            return
        self.entity = (key, name)
        screen.change_view(article_ids=ids, filter_name=label)
        if not quiet:
            focus_now(screen.articles)
            more = " (more as the analysis goes on)" if self._app.analysis_status else ""
            verb = "names" if len(ids) == 1 else "name"
            screen.notify(f"{counted(len(ids), 'article')} {verb} {name}{more}; escape lists every article again.",
                          timeout=4, markup=False)

    def library_changed(self, library: EntityLibrary | None) -> None:
        """The analysis found more: the list of the entity's articles grows with it."""
        if self.entity is not None and library is not None and self._screen.view.article_ids is not None:
            self.show_entity(*self.entity, quiet=True)
