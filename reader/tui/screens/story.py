"""The story screen: how the accounts of one event compare, section by section (coverage, outlet
groups, who is named and left out, labels, quotes, who speaks, wording, why grouped), each row
jumping to its passage; a side-by-side view of the accounts with the row's item marked in each;
and the corrections (move, split, merge, rename, outlet group), each undoable."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from ...ingest.sanitize import clean_line
from ...text import counted
from ..focusing import focus_now
from ..widgets.footer import KeysFooter
from ..widgets.side_by_side import Column, SideBySide
from .closing import close
from .story_corrections import StoryCorrector
from .story_marks import marks_of
from .story_rows import SECTIONS, Item, rows

if TYPE_CHECKING:
    from ...entities.library import EntityLibrary
    from ...stories import Story, StoryLibrary
    from ...stories.comparison import Comparison
    from ..app import BroadsheetApp


class KeyList(OptionList):
    """An option list that also moves with j and k, like every list in the app; its keys have
    ids, so the keymap reaches them and the help lists them."""

    BINDINGS = [
        Binding("j,down", "cursor_down", "Down", show=False, id="story.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="story.up"),
        Binding("g,home", "first", "First", show=False, id="story.first"),
        Binding("G,end", "last", "Last", show=False, id="story.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="story.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="story.page_up"),
        Binding("enter", "select", "Open", show=False, id="story.open"),
    ]


class StoryScreen(Screen[tuple | None]):
    """Dismissed with ("passage", article id, part, start, end), ("article", id), or None."""

    BINDINGS = [
        Binding("s", "side_by_side", "Side by side", id="story.side_by_side"),
        Binding("left_square_bracket", "shift(-1)", "Prev account", id="story.previous_account"),
        Binding("right_square_bracket", "shift(1)", "Next account", id="story.next_account"),
        Binding("m", "move", "Move", id="story.move"),
        Binding("x", "split", "Split off", id="story.split"),
        Binding("M", "merge", "Merge", id="story.merge"),
        Binding("r", "rename", "Rename", id="story.rename"),
        Binding("o", "group", "Outlet group", id="story.group"),
        # Before the lists' own left and right, which would scroll them sideways.
        Binding("h,left", "focus_part('sections')", "Sections", show=False, priority=True, id="story.sections"),
        Binding("l,right", "focus_part('rows')", "Rows", show=False, priority=True, id="story.rows"),
        *(Binding(str(n), f"section({n - 1})", f"Section {n}: {name}", show=False, id=f"story.section_{n}")
          for n, (_, name) in enumerate(SECTIONS, 1)),
        Binding("u", "undo", "Undo", id="story.undo"),
        Binding("escape,q", "close", "Back", id="story.close"),
    ]

    def __init__(self, story: Story) -> None:
        super().__init__()
        self.story = story
        self.comparison: Comparison | None = None
        self.section = SECTIONS[0][0]
        self.items: list[Item] = []

    @property
    def broadsheet(self) -> BroadsheetApp:
        return cast("BroadsheetApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        yield Static(id="story-summary")
        with Horizontal(id="story-body"):
            yield KeyList(*(Option(Text(f"{n} {name}"), id=key) for n, (key, name) in enumerate(SECTIONS, 1)),
                          id="story-sections")
            yield KeyList(id="story-rows")
        yield SideBySide(id="story-columns")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.corrector = StoryCorrector(self, self.broadsheet, lambda: self.story)
        self.title = "broadsheet — story"
        self.query_one("#story-columns").display = False
        self._summary("Reading the accounts…")
        focus_now(self.query_one("#story-rows", OptionList))
        self.watch(self.app, "story_library", self._library_changed, init=False)
        self.watch(self.app, "entity_library", self._entities_changed, init=False)
        self.broadsheet.storying.compare(self.story, self.broadsheet.entity_library)

    # What comes back ------------------------------------------------------------------------------

    def progressed(self, done: int, total: int) -> None:
        self._summary(f"Reading the accounts… {done}/{total}")

    def compared(self, comparison: Comparison | None, error: str) -> None:
        if comparison is None:
            self._summary(f"This story cannot be compared: {error}")
            return
        # A comparison made again as analysis went on keeps the row the user is on.
        keep = self.comparison is not None and self.comparison.story.id == comparison.story.id
        row = self.query_one("#story-rows", OptionList).highlighted if keep else None
        self.comparison = comparison
        self.story = comparison.story
        self._summary()
        self._show_section(self.section, row or 0)

    def _library_changed(self, library: StoryLibrary | None) -> None:
        """After a correction: follow the story (by its id, else by its first account)."""
        if library is None:
            return
        story = library.find(self.story.id) or library.story_of(self.story.article_ids[0])
        if story:
            self.story = story
            self.broadsheet.storying.compare(story, self.broadsheet.entity_library)

    def _entities_changed(self, library: EntityLibrary | None) -> None:
        """Accounts not analysed when the story opened fill in as the analysis reaches them,
        without the user having to leave and open the story again."""
        comparison = self.comparison
        if library is None or comparison is None or not comparison.pending:
            return
        analysed = library.article_ids
        if any(article_id in analysed for article_id in comparison.pending):
            self.broadsheet.storying.compare(self.story, library)

    def _summary(self, note: str = "") -> None:
        story = self.story
        text = Text(clean_line(story.title), style="bold")
        text.append(f"\n{counted(len(story.originals), 'account')} from {counted(len(story.outlets), 'outlet')}, "
                    f"{story.first:%d %b %Y} – {story.last:%d %b %Y} · story {story.id}"
                    + (" · corrected" if story.corrected else ""), style="dim")
        comparison = self.comparison
        if comparison is not None and comparison.one_sided:
            text.append(f"\nOnly outlets in the group {clean_line(comparison.one_sided)!r} covered it.", style="bold")
        if comparison is not None and comparison.pending:
            text.append(f"\n{counted(len(comparison.pending), 'account')} not analysed yet: names, labels and "
                        "quotes may be missing.", style="italic")
        if note:
            text.append(f"\n{note}", style="italic")
        self.query_one("#story-summary", Static).update(text)

    # Sections and rows ------------------------------------------------------------------------------

    @on(OptionList.OptionHighlighted, "#story-sections")
    def _section_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._show_section(event.option.id)

    def _show_section(self, section: str, row: int = 0) -> None:
        self.section = section
        listing = self.query_one("#story-rows", OptionList)
        listing.clear_options()
        if self.comparison is None:
            return
        found = rows(self.comparison, section)
        self.items = [item for _, item in found]
        listing.add_options([Option(text) for text, _ in found])
        listing.highlighted = min(row, len(found) - 1)

    @on(OptionList.OptionHighlighted, "#story-rows")
    def _row_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if self.query_one("#story-columns").display:
            self._mark_columns()

    @on(OptionList.OptionSelected, "#story-rows")
    def _row_chosen(self, event: OptionList.OptionSelected) -> None:
        item = self._item()
        if item is None:
            return
        if item.passage is not None:
            p = item.passage
            close(self, ("passage", p.article_id, p.part, p.start, p.end))
        elif item.article is not None:
            close(self, ("article", item.article))

    def _item(self) -> Item | None:
        index = self.query_one("#story-rows", OptionList).highlighted
        return self.items[index] if index is not None and 0 <= index < len(self.items) else None

    # Side by side ---------------------------------------------------------------------------------

    def action_side_by_side(self) -> None:
        columns = self.query_one("#story-columns", SideBySide)
        columns.display = not columns.display
        self.query_one("#story-body").set_class(columns.display, "-with-columns")
        if columns.display:
            self._mark_columns()

    def action_shift(self, step: int) -> None:
        columns = self.query_one("#story-columns", SideBySide)
        if columns.display:
            columns.shift(step)

    def _mark_columns(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        accounts = [a for a in comparison.story.originals if a.article_id in comparison.texts]
        columns = [Column(a.article_id, a.outlet, *comparison.texts[a.article_id]) for a in accounts]
        self.query_one("#story-columns", SideBySide).show(
            columns, marks_of(comparison, self._item(), self.broadsheet.entity_library))

    # Corrections, made by the corrector -------------------------------------------------------------

    def action_move(self) -> None:
        self.corrector.move(self._item())

    def action_split(self) -> None:
        self.corrector.split(self._item())

    def action_merge(self) -> None:
        self.corrector.merge()

    def action_rename(self) -> None:
        self.corrector.rename()

    def action_group(self) -> None:
        self.corrector.group(self._item())

    def action_undo(self) -> None:
        self.corrector.undo()

    def action_focus_part(self, part: str) -> None:
        focus_now(self.query_one(f"#story-{part}", OptionList))

    def action_section(self, index: int) -> None:
        sections = self.query_one("#story-sections", OptionList)
        sections.highlighted = index
        focus_now(self.query_one("#story-rows", OptionList))

    def action_close(self) -> None:
        close(self, None)

