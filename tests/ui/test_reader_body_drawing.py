"""The reader body draws the lines on screen only, and they are the lines Textual would draw."""

from __future__ import annotations

import random

import pytest
from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.visual import Visual

from reader.tui.widgets.reader.body_render import render_body
from reader.tui.widgets.reader.body_text import BodyText
from tests.benchmarks.prose import Prose


class BodyApp(App[None]):
    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield BodyText("", id="body")


def styled_body(seed: int) -> Text:
    prose = Prose(random.Random(seed), pool=300)
    text = render_body(prose.body(6000, [f"https://example.com/{seed}/{k}" for k in range(3)]), 60).text
    text.stylize("bold", 40, 400)  # a mark running across lines, as a highlight does
    text.stylize("underline", 1000, 1010)
    return text


def drawn(strip) -> list[tuple[str, object]]:
    return [(segment.text, segment.style) for segment in strip]


@pytest.mark.parametrize("seed", [1, 2, 3])
async def test_every_line_drawn_is_the_line_textual_draws(seed):
    app = BodyApp()
    async with app.run_test(size=(70, 30)) as pilot:
        body = app.query_one("#body", BodyText)
        body.show_text(styled_body(seed))
        await pilot.pause()
        width, height = body.size
        expected = Visual.to_strips(body, body.visual, width, None, body.visual_style)
        assert len(expected) == height > 60
        # In the order a screen asks for them: the top screenful, then further down, then back.
        for y in [*range(0, 25), *range(height - 30, height), *range(30, 55), *range(0, 10)]:
            assert drawn(body.render_line(y)) == drawn(expected[y]), y

