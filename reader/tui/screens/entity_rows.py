"""The entity screen's rows: its articles, its companions and every mention in context, and the
list that shows them."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import OptionList

from ...entities.library import EntityLibrary
from ...ingest.sanitize import clean_line
from ...models.entities import Entity
from ...store import Store, StoreError
from ...text import around, counted
from ..commands import cursor_bindings

#: Characters of text shown on each side of a mention.
CONTEXT = 60


class EntityRows(OptionList):
    """The rows, moved through with the keys of every list in the app (an OptionList alone
    knows only the arrows); the keys have ids, so the keymap reaches them. Enter is in the
    footer: it is what this screen is for."""

    BINDINGS = [
        *cursor_bindings("entity"),
        Binding("enter", "select", "Open", id="entity.open"),
    ]

    # The shared keys name these actions; an OptionList calls them first and last.
    def action_cursor_first(self) -> None:
        self.action_first()

    def action_cursor_last(self) -> None:
        self.action_last()


def entity_rows(store: Store, entity: Entity, library: EntityLibrary) -> list[tuple[str, Text]]:
    """(what choosing the row does, what it shows); "" for a heading, which cannot be chosen.
    Reads the store: off the UI thread."""
    rows: list[tuple[str, Text]] = []
    try:
        articles = list(store.articles_by_id(entity.articles).values())
    except StoreError:
        articles = []
    articles.sort(key=lambda a: a.published, reverse=True)
    outlets = sorted({clean_line(a.outlet) for a in articles if a.outlet})
    rows.append((
        "",
        Text(
            f"Articles ({len(articles)}) from {counted(len(outlets), 'outlet')}: {', '.join(outlets)}",
            style="bold underline",
        ),
    ))
    for article in articles:
        rows.append((
            f"article|{article.id}",
            Text.assemble(
                (f"{article.published:%d %b %Y}  ", "dim"),
                (clean_line(article.outlet)[:18].ljust(18), "dim"),
                "  ",
                clean_line(article.title),
            ),
        ))
    companions = library.cooccurring(entity.key, limit=8)
    if companions:
        rows.append(("", Text("Often named with", style="bold underline")))
        for other, together in companions:
            rows.append((
                f"entity|{other.key}",
                Text.assemble(clean_line(other.name), (f"  {other.kind}, in {together} of the same articles", "dim")),
            ))
    rows.append(("", Text("Every mention", style="bold underline")))
    for article in articles:
        try:
            body = store.body(article)
        except StoreError:
            continue
        for mention in library.mentions(article.id, entity.key):
            source = article.title if mention.part == "title" else body.text
            rows.append((
                f"mention|{article.id}|{mention.start}|{mention.end}|{mention.part}",
                _context(source, mention.start, mention.end, article),
            ))
    return rows


def _context(text: str, start: int, end: int, article) -> Text:
    """A line of text around a mention, the mention in bold, with where it is from."""
    before, passage, after = around(text, start, end, CONTEXT)
    return Text.assemble(
        (f"{clean_line(article.outlet)[:14]:<14} ", "dim"),
        # Each piece cleaned alone: clean_line would drop the space at a piece's edge.
        (clean_line(before) + (" " if before[-1:].isspace() else ""), ""),
        (clean_line(passage), "bold reverse"),
        ((" " if after[:1].isspace() else "") + clean_line(after), ""),
    )
