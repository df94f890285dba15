"""The entity sidebar: who and what the open article is about, grouped by kind."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from ..ingest.sanitize import clean_line

#: Kinds in the order the sidebar lists them.
GROUPS = (("person", "People"), ("organisation", "Organisations"), ("place", "Places"))


@dataclass(frozen=True)
class EntityMention:
    """One entity as the sidebar shows it: its name, kind and how often the article names it."""

    name: str
    kind: str
    mentions: int


class EntitySidebar(VerticalScroll, can_focus=True):
    """Fed by the screen through ``entities``; None means the article is not analysed yet."""

    entities: reactive[tuple[EntityMention, ...] | None] = reactive(None)
    """The open article's entities, most prominent first; None until analysed."""

    article_title: reactive[str] = reactive("")

    _shown = ""

    def compose(self):
        yield Static(id="entities-content")

    def watch_entities(self) -> None:
        self._draw()

    def watch_article_title(self) -> None:
        self._draw()

    def _draw(self) -> None:
        content = self.query_one("#entities-content", Static)
        text = Text()
        text.append("Entities\n", style="bold")
        if not self.article_title:
            text.append("\nOpen an article to see the people, organisations and places it names.", style="dim")
        elif self.entities is None:
            text.append("\nNot analysed yet.\n\n", style="italic")
            text.append(
                "People, organisations and places named in this article appear here once it has "
                "been analysed.",
                style="dim",
            )
        elif not self.entities:
            text.append("\nNo people, organisations or places found.", style="dim")
        else:
            for kind, heading in GROUPS:
                group = [e for e in self.entities if e.kind == kind]
                if not group:
                    continue
                text.append(f"\n{heading}\n", style="bold underline")
                for entity in group:
                    text.append(f"  {clean_line(entity.name)}")
                    text.append(f"  {entity.mentions}\n", style="dim")
        # Moving through the list changes the title on every keypress; skip the redraw
        # when what the pane shows is the same (the common "not analysed yet" case).
        if text.plain != self._shown:
            self._shown = text.plain
            content.update(text)
