"""The main screen's stories: the list by story in the article list's place (L, remembered),
"also told by" in the reader, and the way to a story's comparison (T)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....models import Article
from ....stories import Story, StoryLibrary
from ....stories.library import outlet_name
from ...focusing import focus_now
from ...widgets.story_list import StoryList

if TYPE_CHECKING:
    from ...app import BroadsheetApp
    from . import MainScreen


class StoryView:
    def __init__(self, app: BroadsheetApp, screen: MainScreen, stories: StoryList) -> None:
        self._app = app
        self._screen = screen
        self._stories = stories
        self.active = False
        #: A story screen is on its way (once the header saying so is painted).
        self.opening = False

    def restore(self, session: dict[str, object]) -> None:
        if session.get("list") == "stories" and not self.active:
            self.toggle(save=False)

    def toggle(self, save: bool = True) -> None:
        """Show stories instead of articles in the list, or articles again."""
        screen = self._screen
        self.active = not self.active
        screen.set_class(self.active, "-stories")
        current = screen.current.id if screen.current is not None else None
        if self.active:
            self._stories.rebuild(keep_article=current)
            if current is not None:
                self._stories.show_article(current)
            focus_now(self._stories)
        else:
            if current is not None and (index := screen.listing.index_of(current)) is not None:
                screen.articles.set_cursor(index, announce=False)
            focus_now(screen.articles)
        screen.header_line.update()  # "all stories" or "all articles"
        if save:
            self._app.save_session(list="stories" if self.active else "articles")

    @property
    def list_widget(self) -> StoryList | None:
        return self._stories if self.active else None

    def library_changed(self, library: StoryLibrary | None) -> None:
        self._stories.library = library
        self.list_changed()
        self.article_shown(self._screen.current)

    def list_changed(self) -> None:
        """Rows again, the cursor kept on the row it was on (new articles and placings land
        around it)."""
        if self.active:
            here = self._stories.highlighted_article or self._screen.current
            self._stories.rebuild(keep_article=here.id if here else None)

    def refresh(self) -> None:
        self._stories.refresh()

    def article_shown(self, article: Article | None) -> None:
        """The reader's "also told by" line for the open article."""
        if article is None:
            return
        story = self.story_of(article.id)
        note = ""
        if story is not None and len(story.accounts) > 1:
            others = [outlet_name(o) for o in story.outlets if o != article.outlet]
            more = len(story.accounts) - 1
            if others:
                note = f"Also told by {', '.join(others)} — T compares the {more + 1} accounts"
            else:
                note = f"{more} more account{'s' * (more != 1)} of this story from {outlet_name(article.outlet)} — T"
        self._screen.reader.set_told_by(article.id, note)
        self._screen.session.header_changed()  # the text moved down: a restored place follows it

    def story_of(self, article_id: str) -> Story | None:
        library = self._app.story_library
        return library.story_of(article_id) if library is not None else None

    def open(self, article: Article | None) -> None:
        """T: the story screen of the article (the list's, or the reader's)."""
        if article is None:
            return
        if self._app.story_library is None:
            self._screen.notify("Stories are still being grouped; try again in a moment.", timeout=4, markup=False)
            return
        story = self.story_of(article.id)
        if story is None or len(story.accounts) < 2:
            self._screen.notify("No other account of this article's story is in the library yet.", timeout=4,
                                markup=False)
            return
        if self.opening:
            return  # T pressed again before the screen is up: one is on its way
        # Building the story screen's widgets is Textual's work, on this thread (half a second,
        # more on a busy machine; its comparison then comes from a worker): the header says so
        # at once, and the screen is built once that is painted, so the key never seems lost.
        # Not a notification: one would outstay the wait, over the screen that follows.
        self.opening = True
        self._screen.header_line.update()
        self._screen.call_after_refresh(self._push, story)

    def _push(self, story: Story) -> None:
        self.opening = False
        self._screen.header_line.update()
        self._screen.go.story(story)

    def next_unread(self, step: int) -> Article | None:
        return self._stories.next_unread(step)
