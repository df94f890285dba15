"""The reader body's height, counted from its plain text, is the height Textual's own wrap gives."""

from __future__ import annotations

import random

import pytest
from rich.text import Text
from textual.content import Content
from textual.widgets import Static

from reader.tui.widgets.reader.body_render import render_body
from reader.tui.widgets.reader.body_text import wrapped_height
from tests.benchmarks.prose import Prose

ODD_TEXTS = [
    "",
    "\n",
    "one line",
    "ends with a newline\n",
    "blank lines\n\n\nbetween\n\n",
    "a" * 500,
    "short " + "x" * 300 + " words after a long one",
    "wide characters 東京都の新しい計画について記者会見が行われました " * 6,
    "combining marks e\u0301e\u0301e\u0301 and emoji 🎉🎉 " * 12,
    "trailing spaces          \n   leading spaces and   runs   of   spaces   " * 5,
    "— dashes—without—spaces—" * 20,
]


def textual_height(text: Text, width: int) -> int:
    return Content.from_rich_text(text).get_height(Static().styles, width)


def counted_height(text: Text, width: int) -> int:
    return wrapped_height(text.plain, width)


@pytest.mark.parametrize("width", [11, 24, 57, 80, 119])
def test_generated_bodies_are_as_tall_as_textual_draws_them(width):
    prose = Prose(random.Random(width), pool=300)
    for n in range(25):
        links = [f"https://example.com/{n}/{k}" for k in range(n % 4)]
        text = render_body(prose.body(2000 + 150 * n, links), width - 1).text
        assert counted_height(text, width) == textual_height(text, width)


@pytest.mark.parametrize("width", [1, 5, 11, 40, 80])
def test_odd_texts_are_as_tall_as_textual_draws_them(width):
    for plain in ODD_TEXTS:
        text = Text(plain)
        assert counted_height(text, width) == textual_height(text, width), plain
