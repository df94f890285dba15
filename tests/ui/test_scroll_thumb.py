"""A long list's scrollbar is left undrawn on a scroll only when it would look the same."""

from __future__ import annotations

from itertools import pairwise
from math import ceil

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.scrollbar import ScrollBarRender
from textual.widgets import Static

from reader.tui.widgets.scroll_thumb import thumb


class TallApp(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Static("top")


def drawn(bar, position: float) -> list:
    window = bar.window_size if bar.window_size < bar.window_virtual_size else 0
    rendered = ScrollBarRender.render_bar(size=bar.size.height, virtual_size=ceil(bar.window_virtual_size),
                                          window_size=ceil(window), position=position)
    return [(segment.text, segment.style) for segment in rendered.segments]


async def test_the_thumb_moves_exactly_when_the_bar_would_look_different():
    for rows in (100_000, 3_000, 120):
        app = TallApp()
        async with app.run_test(size=(40, 30)) as pilot:
            app.query_one(Static).styles.height = rows
            await pilot.pause()
            scroll = app.query_one(VerticalScroll)
            bar = scroll.vertical_scrollbar
            top = rows - scroll.size.height
            assert thumb(bar, 0) is not None
            positions = sorted({*range(0, min(top, 2_000)), *range(max(top - 600, 0), top + 1)})
            for before, after in pairwise(positions):
                same = drawn(bar, before) == drawn(bar, after)
                assert (thumb(bar, before) == thumb(bar, after)) == same, (rows, before)
