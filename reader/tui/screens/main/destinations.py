"""The screens the main screen opens (feeds, saved views, annotations, an entity, a story), and what a
choice made there shows back on the main screen: a feed's list, a view, a passage, an article."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....ingest.sanitize import clean_line
from ...focusing import focus_now
from ...widgets.story_list import StoryList
from ..dialogs import Prompt

# Each screen loads when first opened, not with the app: together they import the feed parser,
# the page fetcher and the story comparison, a good part of a second before the list could show.
if TYPE_CHECKING:
    from ....search.annotation_filter import Passages
    from ....stories import Story
    from ...app import BroadsheetApp
    from . import MainScreen

NONE_UNREAD = "There are no unread articles: every article is read."

class Destinations:
    def __init__(self, app: BroadsheetApp, screen: MainScreen) -> None:
        self._app = app
        self._screen = screen
        #: A passage to mark once its article's body is on screen: (article id, start, end).
        self._pending_passage: tuple[str, int, int] | None = None

    def feeds(self) -> None:
        from ..feeds import FeedsScreen

        if isinstance(self._app.screen, FeedsScreen):
            return

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                feed_id, name = choice
                self._screen.change_view(source=feed_id, source_name=name)  # escape returns to every article
                focus_now(self._screen.articles)

        self._app.push_screen(FeedsScreen(), chosen)

    def views(self) -> None:
        from ..views import ViewsScreen

        if isinstance(self._app.screen, ViewsScreen):
            return

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                name, query = choice  # run like a search, named in the header
                self._screen.search_box.run(query, view_name=name)

        self._app.push_screen(ViewsScreen(self._screen.active_query), chosen)

    def annotations(self) -> None:
        from ..annotations import AnnotationsScreen

        if isinstance(self._app.screen, AnnotationsScreen):
            return

        def entity_passages(name: str) -> Passages | None:
            library = self._app.entity_library
            return library.passages(name) if library is not None else None

        def chosen(choice: tuple[str, str] | None) -> None:
            if choice is not None:
                self._to_annotation(*choice)
            elif (article := self._screen.current) is not None:
                self._screen.annotator.load(article.id)  # what was edited there shows here too

        screen = AnnotationsScreen(self._screen.listing.articles, entity_passages, self._screen.annotator.edits)
        self._app.push_screen(screen, chosen)

    def entity(self, key: str) -> None:
        """The entity's own screen; what is chosen there is shown here."""
        from ..entity import EntityScreen

        def chosen(choice: tuple | None) -> None:
            if choice is None:
                return
            if choice[0] == "mention":
                _, article_id, start, end = choice
                self.article(article_id, passage=(start, end))
            elif choice[0] == "article":
                self.article(choice[1])
            elif choice[0] == "entity":
                self.entity(choice[1])

        self._app.push_screen(EntityScreen(key), chosen)

    def story(self, story: Story) -> None:
        """A story's comparison; a passage or account chosen there opens here."""
        from ..story import StoryScreen

        def chosen(choice: tuple | None) -> None:
            if choice is None:
                return
            if choice[0] == "passage":
                _, article_id, part, start, end = choice
                self.article(article_id, passage=(start, end) if part == "body" else None)
            elif choice[0] == "article":
                self.article(choice[1])

        self._app.push_screen(StoryScreen(story), chosen)

    def find_entity(self) -> None:
        def found(name: str) -> str | None:
            library = self._app.entity_library
            entity = library.find(name) if library is not None else None
            return entity.key if entity is not None else None

        def named(name: str | None) -> None:
            key = found(name) if name else None
            if key is not None:
                self.entity(key)

        def problem(name: str) -> str | None:
            if found(name) is not None:
                return None
            return f"no person, organisation or place called {clean_line(name)} has been found yet"

        self._app.push_screen(Prompt("Which person, organisation or place?", placeholder="any of its names",
                                     check=problem), named)

    # Back on the main screen --------------------------------------------------------------------------

    def unread(self, step: int) -> None:
        """n and p: open the next (or previous) unread article of the list."""
        screen = self._screen
        if screen.stories.active:
            found = screen.stories.next_unread(step)
            if found is None:
                said = "No more unread articles " + ("below." if step > 0 else "above.")
                screen.notify(said if self._any_unread() else NONE_UNREAD, timeout=3, markup=False)
            else:
                screen.open_article(found)
            return
        here = screen.articles.cursor
        index = screen.listing.next_unread(here, step, wrap=True)
        if index is None:
            said = "No unread articles left here." if self._any_unread() else NONE_UNREAD
            screen.notify(said, timeout=3, markup=False)
            return
        if (index - here) * step < 0:
            screen.notify("Wrapped to the " + ("top." if step > 0 else "bottom."), timeout=2, markup=False)
        screen.articles.set_cursor(index, announce=False)
        screen.open_article(screen.listing.rows[index])

    def _any_unread(self) -> bool:
        """Whether any article of the library is unread, not only of this view: "none below" is
        misleading when there are none at all."""
        listing = self._screen.listing
        return any(not listing.is_read(article_id) for article_id in listing.articles)

    def article(self, article_id: str, passage: tuple[int, int] | None = None) -> None:
        """Open an article, and mark a passage of it once it shows."""
        screen = self._screen
        article = screen.listing.articles.get(article_id)
        if article is None:
            return
        if passage is not None:
            self._pending_passage = (article_id, *passage)
        index = screen.listing.index_of(article_id)
        if index is not None:
            screen.articles.set_cursor(index, announce=False)
        if screen.stories.active:
            screen.query_one(StoryList).show_article(article_id)
        screen.open_article(article)
        self.show_pending_passage()

    def show_pending_passage(self) -> None:
        """Mark the passage asked for once its article's body is on screen (called again when
        the body has loaded)."""
        screen = self._screen
        if self._pending_passage is None or screen.current is None or screen.current_body is None:
            return
        article_id, start, end = self._pending_passage
        if screen.current.id == article_id:
            self._pending_passage = None
            # After the refresh that lays the body out, so the passage can be scrolled to.
            screen.call_after_refresh(screen.reader.highlight, [(start, end)], 0)

    def _to_annotation(self, article_id: str, annotation_id: str) -> None:
        """From the annotations screen: open the article at the passage, its note shown."""
        screen = self._screen
        if screen.listing.articles.get(article_id) is None:
            screen.notify("That article is not in the library any more.", timeout=4, markup=False)
            return
        if screen.listing.index_of(article_id) is None:
            # Hidden by a search, an entity's or a feed's list, or by hiding read articles:
            # go back to every article.
            screen.filters.clear_search()
            screen.change_view(article_ids=None, ranked=None, filter_name="", source="", source_name="",
                               hide_read=False)
        screen.annotator.select_after_load = annotation_id
        already_open = (
            screen.current is not None and screen.current.id == article_id and screen.current_body is not None
        )
        self.article(article_id)
        if already_open:
            screen.annotator.load(article_id)

    def save_page(self) -> None:
        """Ask for a web page's address, then save the page as an article."""
        from ....fulltext.saving import page_address_problem

        def save(url: str | None) -> None:
            if url:
                self._app.full_text.save(url)

        self._app.push_screen(Prompt("Save a web page as an article", placeholder="https://…",
                                     check=page_address_problem), save)
