"""Accounts of one story in columns, as many as the width allows (one at 80 columns), with the
comparison item in hand (a quote, a label, an entity, a word) marked in every column that has
it and each column scrolled to its first mark."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from ...ingest.sanitize import clean_line

#: A column needs this many cells to be worth reading.
COLUMN_WIDTH = 45
MARK_STYLE = "reverse bold"


@dataclass(frozen=True, slots=True)
class Column:
    article_id: str
    outlet: str
    title: str
    text: str


def _printable(text: str) -> str:
    """The text with anything a terminal would act on shown as "?", one character for one, so
    offsets into it still hold."""
    return "".join(c if c.isprintable() or c == "\n" else "?" for c in text)


class AccountColumn(VerticalScroll, can_focus=True):
    def __init__(self) -> None:
        super().__init__()
        self._text = Static(classes="account-text")

    def compose(self) -> ComposeResult:
        yield self._text

    def show(self, column: Column, marks: list[tuple[int, int]], position: int, total: int) -> None:
        heading = f"{clean_line(column.outlet) or '—'}  ({position}/{total})\n{clean_line(column.title)}\n\n"
        text = Text(heading, style="bold")
        start = len(text)
        text.append(_printable(column.text))
        for mark_start, mark_end in marks:
            if 0 <= mark_start < mark_end <= len(column.text):
                text.stylize(MARK_STYLE, start + mark_start, start + mark_end)
        self._text.update(text)
        line = _line_of(column.text, marks[0][0], max(self.size.width - 2, 20)) + 3 if marks else 0
        self.call_after_refresh(self.scroll_to, y=max(0, line - 3), animate=False)


def _line_of(text: str, offset: int, width: int) -> int:
    """About which screen line an offset lands on, the text wrapped at ``width``."""
    lines = 0
    for paragraph in text[:offset].split("\n"):
        lines += max(1, -(-len(paragraph) // width))
    return max(0, lines - 1)


class SideBySide(Horizontal):
    """``show`` the accounts and the marks; ``shift`` moves which accounts are in view."""

    def __init__(self, id: str | None = None) -> None:
        super().__init__(id=id)
        self.columns: list[Column] = []
        self.marks: dict[str, list[tuple[int, int]]] = {}
        self.first = 0

    def show(self, columns: list[Column], marks: dict[str, list[tuple[int, int]]]) -> None:
        self.columns, self.marks = columns, marks
        # The first account that has the item comes into view.
        marked = [i for i, c in enumerate(columns) if marks.get(c.article_id)]
        if marked and not any(self.first <= i < self.first + self.in_view for i in marked):
            self.first = marked[0]
        self._draw()

    @property
    def in_view(self) -> int:
        return max(1, min(len(self.columns) or 1, (self.size.width or 80) // COLUMN_WIDTH))

    def shift(self, step: int) -> None:
        if self.columns:
            self.first = (self.first + step) % len(self.columns)
            self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        wanted = min(self.in_view, len(self.columns))
        existing = list(self.query(AccountColumn))
        if len(existing) != wanted:
            for widget in existing:
                widget.remove()
            existing = [AccountColumn() for _ in range(wanted)]
            self.mount_all(existing)
            self.call_after_refresh(self._fill, existing)
        else:
            self._fill(existing)

    def _fill(self, widgets: list[AccountColumn]) -> None:
        total = len(self.columns)
        for n, widget in enumerate(widgets):
            index = (self.first + n) % total if total else 0
            if index < total:
                column = self.columns[index]
                widget.show(column, sorted(self.marks.get(column.article_id, [])), index + 1, total)
