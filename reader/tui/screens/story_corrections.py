"""The corrections a user makes to a story from its screen: move an account to another story
(or one of its own), split one off, fold another story in, rename it, put an outlet in a
group, undo. Each goes through the app's writer, in order with the user's other writes, and
the stories are loaded again after it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.screen import Screen

from ...ingest.sanitize import clean_line
from ...stories import Story, StoryCorrection, new_story_id
from ...stories.library import outlet_name
from ...text import counted
from .dialogs import Choose, Prompt
from .story_rows import Item

if TYPE_CHECKING:
    from ..app import BroadsheetApp

#: Stories offered to move an account to or fold in: the nearest in time, within a month.
NEARBY_DAYS = 30
NEARBY_SHOWN = 30


class StoryCorrector:
    """Corrections of the story ``story()`` returns, asked for and told about on ``screen``."""

    def __init__(self, screen: Screen, app: BroadsheetApp, story: Callable[[], Story]) -> None:
        self._screen = screen
        self._app = app
        self._story = story

    def move(self, item: Item | None) -> None:
        article = _account(item)
        if article is None:
            self._tell("Choose an account first (Coverage lists them).")
            return

        def to(story: Story | None) -> None:
            if story is None:
                self._correct(StoryCorrection("move", (article,), new=new_story_id()))
            else:
                self._correct(StoryCorrection("move", (article,), target=story.accounts[0].article_id))

        self._choose_story("Move this account to which story?", to, new=True)

    def split(self, item: Item | None) -> None:
        article = _account(item)
        if article is None or len(self._story().accounts) < 2:
            self._tell("Choose one of the story's accounts to split off (Coverage lists them).")
            return
        self._correct(StoryCorrection("split", (article,), new=new_story_id()))

    def merge(self) -> None:
        target = self._story().accounts[0].article_id

        def into(story: Story | None) -> None:
            if story is not None:
                self._correct(StoryCorrection("merge", (story.accounts[0].article_id,), target=target))

        self._choose_story("Fold which story into this one?", into, new=False)

    def rename(self) -> None:
        story = self._story()

        def named(title: str | None) -> None:
            if title:
                self._correct(StoryCorrection("rename", (story.accounts[0].article_id,), title=title))

        self._app.push_screen(Prompt("The story's title:", value=clean_line(story.title)), named)

    def group(self, item: Item | None) -> None:
        outlet = item.outlet if item is not None and item.outlet else None
        if not outlet:
            self._tell("Choose an account or an outlet's row first.")
            return
        if not self._app.check_writable(self._screen):
            return

        def grouped(group: str | None) -> None:
            if group is not None:
                self._app.storying.set_group(outlet, "" if group == "-" else group)

        self._app.push_screen(Prompt(f"Group for {outlet_name(outlet)} (left, right, wire… or - for none):"), grouped)

    def undo(self) -> None:
        if self._app.check_writable(self._screen):
            self._app.storying.correct(None, undo=True)

    def _correct(self, correction: StoryCorrection) -> None:
        if self._app.check_writable(self._screen):
            self._app.storying.correct(correction)

    def _tell(self, text: str) -> None:
        self._screen.notify(text, timeout=4, markup=False)

    def _nearby(self) -> list[Story]:
        library = self._app.story_library
        if library is None:
            return []
        this = self._story()
        apart = lambda s: abs((s.last - this.last).total_seconds())  # noqa: E731
        # Whatever their size: a story of one account (split off, say) can be merged back. The
        # app's library holds those the corrections made, not every lone article.
        close = [s for s in library.stories if s.id != this.id and apart(s) < NEARBY_DAYS * 86400]
        return sorted(close, key=apart)[:NEARBY_SHOWN]

    def _choose_story(self, question: str, then: Callable[[Story | None], None], new: bool) -> None:
        stories = self._nearby()
        choices = (["A new story of its own"] if new else []) + [
            f"{s.last:%d %b %Y}  {clean_line(s.title)}  ({counted(len(s.accounts), 'account')})" for s in stories]
        if not choices:
            self._tell("There is no other story near this one in time.")
            return

        def chosen(index: int | None) -> None:
            if index is not None:
                then(None if new and index == 0 else stories[index - (1 if new else 0)])

        self._app.push_screen(Choose(question, choices), chosen)


def _account(item: Item | None) -> str | None:
    """The account a correction acts on: the row's article, or the one its passage is in."""
    if item is not None and item.article:
        return item.article
    if item is not None and item.passage is not None:
        return item.passage.article_id
    return None
