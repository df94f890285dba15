"""The entity sidebar: who and what the open article (or the whole list) is about, by kind."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.css.query import NoMatches
from textual.message import Message
from textual.reactive import var
from textual.widgets import Static

from ...entities.library import EntityLibrary
from ...ingest.sanitize import clean_line
from ..commands import cursor_bindings
from ..workers import run_in_thread

#: Kinds in the order the sidebar lists them.
GROUPS = (("person", "People"), ("organisation", "Organisations"), ("place", "Places"))


@dataclass(frozen=True)
class EntityMention:
    """One entity as the sidebar shows it: its name, kind and how often it is named."""

    name: str
    kind: str
    mentions: int
    #: The canonical entity's key, which the screen uses to act on it.
    key: str = ""
    #: In "list" scope: how many articles of the list name it.
    articles: int = 0
    #: Named in the headline or the first paragraph (article scope).
    leading: bool = False


class EntitySidebar(VerticalScroll, can_focus=True):
    """Fills itself from the entity library and the open article the screen gives it (or, in list
    scope, from every row of the list, counted in a worker); sends what the user chose as messages."""

    BINDINGS = [
        *cursor_bindings("entities"),
        Binding("enter", "choose", "List its articles", id="entities.filter"),
        Binding("m", "mentions", "Mentions", id="entities.mentions"),
        Binding("i", "inspect", "Details", id="entities.inspect"),
        Binding("a", "toggle_scope", "Article/list", id="entities.scope"),
    ]

    class Chosen(Message):
        """Enter: list the articles that mention this entity."""

        def __init__(self, key: str, name: str) -> None:
            super().__init__()
            self.key, self.name = key, name

    class MentionsWanted(Message):
        """m: highlight this entity's mentions in the reader and step to the next one."""

        def __init__(self, key: str, name: str) -> None:
            super().__init__()
            self.key, self.name = key, name

    class Inspected(Message):
        """i: open the entity's own screen."""

        def __init__(self, key: str) -> None:
            super().__init__()
            self.key = key

    @dataclass
    class Counted(Message):
        """The entities across the list, counted off the UI thread."""

        entities: tuple[EntityMention, ...]

    # ``var``, not ``reactive``: the watchers redraw the content, a repaint of the pane on top
    # of that would only draw it twice.
    entities: var[tuple[EntityMention, ...] | None] = var(None)
    """The entities shown, most prominent first; None until the article is analysed."""

    article_title: var[str] = var("")
    #: "article": the open article's entities; "list": across the article list.
    scope: var[str] = var("article")
    #: A line about the analysis: progress, or why a simpler extractor is in use.
    note: var[str] = var("")

    cursor: var[int] = var(0)
    _shown = ""

    def __init__(self, list_ids: Callable[[], list[str]], *, id: str | None = None) -> None:
        super().__init__(id=id)
        #: The ids of the list's rows, for the list scope.
        self._list_ids = list_ids
        self.library: EntityLibrary | None = None
        self._article_id = ""
        #: The library the list scope last counted with: a cursor move changes nothing there.
        self._counted_for: EntityLibrary | None = None
        #: (article id, its own result's library) until the whole library has that article: a
        #: library built from results read before the article's was saved must not blank it.
        self._provisional: tuple[str, EntityLibrary] | None = None

    # What the screen tells it -------------------------------------------------------------------

    def show_article(self, article_id: str, title: str) -> None:
        if self._provisional is not None and self._provisional[0] != article_id:
            self._provisional = None
        self._article_id = article_id
        self.article_title = title
        self.fill()

    def library_changed(self, library: EntityLibrary | None) -> None:
        self.library = library
        if self._provisional is not None and library is not None and self._provisional[0] in library.article_ids:
            self._provisional = None
        self.fill()

    def show_provisional(self, article_id: str, library: EntityLibrary) -> None:
        """The open article's entities from its own result, while the whole library catches up."""
        known = self.library
        if article_id == self._article_id and (known is None or article_id not in known.article_ids):
            self._provisional = (article_id, library)
            self.fill(library)

    def list_changed(self) -> None:
        """The list's rows changed (a filter, a sort): the list scope counts them again."""
        if self.scope == "list":
            self._count_list()

    def fill(self, library: EntityLibrary | None = None) -> None:
        """The open article's entities, most prominent first (in list scope: the list's)."""
        library = library or self.library
        provisional = self._provisional
        if (provisional is not None and provisional[0] == self._article_id
                and (library is None or self._article_id not in library.article_ids)):
            library = provisional[1] if self.scope == "article" else library
        if self.scope == "list":
            if library is not self._counted_for:
                self._count_list()
            return
        if not self._article_id or library is None or self._article_id not in library.article_ids:
            self.entities = None
            return
        self.entities = tuple(
            EntityMention(item.entity.name, item.entity.kind, item.mentions, key=item.entity.key,
                          leading=item.in_headline or item.in_lead)
            for item in library.for_article(self._article_id)
        )

    def _count_list(self) -> None:
        """Count across every row of the list, off the UI thread (a list may hold 100,000)."""
        library = self._counted_for = self.library
        if library is None:
            self.entities = None
            return
        article_ids = self._list_ids()

        def count() -> None:
            entities = tuple(
                EntityMention(e.name, e.kind, mentions, key=e.key, articles=articles)
                for e, mentions, articles in library.across(article_ids)[:60]
            )
            self.post_message(self.Counted(entities))

        run_in_thread(self, count, group="sidebar.count", exclusive=True)

    def on_entity_sidebar_counted(self, message: Counted) -> None:
        if self.scope == "list":
            self.entities = message.entities

    def compose(self):
        yield Static(id="entities-content")

    def watch_entities(self) -> None:
        self.cursor = min(self.cursor, max(len(self.rows()) - 1, 0))
        self._draw()

    def watch_article_title(self) -> None:
        self._draw()

    def watch_scope(self) -> None:
        self.cursor = 0
        self._draw()

    def watch_note(self) -> None:
        self._draw()

    def watch_cursor(self) -> None:
        self._draw()

    def on_resize(self) -> None:
        self._draw(force=True)

    def rows(self) -> list[EntityMention]:
        """The entities in the order they are drawn (grouped by kind)."""
        entities = self.entities or ()
        return [e for kind, _ in GROUPS for e in entities if e.kind == kind]

    @property
    def selected(self) -> EntityMention | None:
        rows = self.rows()
        return rows[self.cursor] if 0 <= self.cursor < len(rows) else None

    def on_mount(self) -> None:
        self._draw(force=True)  # what was set before its content existed
        # The cursor shows only while focused. Not on_focus/on_blur: those run before the
        # widget's own handler has set ``has_focus``, so they drew the state just left.
        self.watch(self, "has_focus", lambda _: self._draw(force=True), init=False)

    def _draw(self, force: bool = False) -> None:
        try:
            content = self.query_one("#entities-content", Static)
        except NoMatches:  # a result that arrives before the content is composed: on_mount draws it
            return
        text = Text()
        heading = "Entities in this list" if self.scope == "list" else "Entities"
        text.append(f"{heading}\n", style="bold")
        cursor_line = 0
        if self.note:
            text.append(clean_line(self.note) + "\n", style="dim italic")
        if self.scope == "article" and not self.article_title:
            text.append("\nOpen an article to see the people, organisations and places it names.", style="dim")
        elif self.entities is None:
            text.append("\nNot analysed yet.\n\n", style="italic")
            text.append(
                "People, organisations and places named here appear once the analysis reaches them.", style="dim"
            )
        elif not self.entities:
            text.append("\nNo people, organisations or places found.", style="dim")
        else:
            index = 0
            # Room for the scrollbar a long list brings, before it shows: or every line wraps.
            bar = 0 if self.show_vertical_scrollbar else self.styles.scrollbar_size_vertical
            for kind, title in GROUPS:
                group = [e for e in self.entities if e.kind == kind]
                if not group:
                    continue
                text.append(f"\n{title}\n", style="bold underline")
                for entity in group:
                    selected = index == self.cursor and self.has_focus
                    if index == self.cursor:
                        cursor_line = text.plain.count("\n")
                    style = "reverse" if selected else ("bold" if entity.leading else "")
                    count = f" {entity.mentions}" + (f" in {entity.articles}" if self.scope == "list" else "")
                    # One line per entity, the name cut short rather than wrapped under its count.
                    room = max(8, self.scrollable_content_region.width - bar - len(count) - 2)
                    name = clean_line(entity.name)
                    if cell_len(name) > room:
                        name = set_cell_size(name, room - 1) + "…"
                    text.append(f" {name}", style=style)
                    text.append(count + "\n", style="dim")
                    index += 1
            text.append("\nenter lists its articles · m its mentions · i details · a article/list", style="dim")
        # Moving through the list changes the title on every keypress; skip the redraw
        # when what the pane shows is the same (the common "not analysed yet" case).
        if force or text.plain != self._shown or self.has_focus:
            self._shown = text.plain
            content.update(text)
        if self.has_focus:
            self.scroll_to(y=max(0, cursor_line - self.size.height // 2), animate=False)

    def _move(self, step: int) -> None:
        rows = self.rows()
        if rows:
            self.cursor = max(0, min(self.cursor + step, len(rows) - 1))

    def action_cursor_down(self) -> None:
        self._move(1)

    def action_cursor_up(self) -> None:
        self._move(-1)

    def action_cursor_first(self) -> None:
        self._move(-len(self.rows()))

    def action_cursor_last(self) -> None:
        self._move(len(self.rows()))

    def action_page_down(self) -> None:
        self._move(max(self.size.height - 2, 1))

    def action_page_up(self) -> None:
        self._move(-max(self.size.height - 2, 1))

    def action_choose(self) -> None:
        if (entity := self.selected) is not None:
            self.post_message(self.Chosen(entity.key, entity.name))

    def action_mentions(self) -> None:
        if (entity := self.selected) is not None:
            self.post_message(self.MentionsWanted(entity.key, entity.name))

    def action_inspect(self) -> None:
        if (entity := self.selected) is not None:
            self.post_message(self.Inspected(entity.key))

    def action_toggle_scope(self) -> None:
        """a: switch between the open article's entities and the whole list's."""
        self.scope = "list" if self.scope == "article" else "article"
        if self.scope == "list":
            self._count_list()
        else:
            self.fill()
