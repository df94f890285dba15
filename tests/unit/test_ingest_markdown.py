"""Markdown documents: titles, blocks and numbered links, from a small line-based reader."""

from __future__ import annotations

import pytest

from reader.ingest.markdown import parse_markdown


def blocks(text: str) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.level) for b in parse_markdown(text)[1].blocks]


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("Intro line\n\n# The *Real* Title\n\nBody.", "The Real Title"),
        ("Plain first line\n\nBody.", "Plain first line"),
        ("## A Subheading First\n\nBody.", "A Subheading First"),
        ("Setext Title\n============\n\nBody.", "Setext Title"),
        ("# [Linked](https://example.org) title\n", "Linked title"),
        ("", ""),
    ],
)
def test_title(text: str, title: str) -> None:
    assert parse_markdown(text)[0] == title


def test_h1_title_is_not_repeated_in_the_body() -> None:
    assert blocks("# Title\n\nBody text.") == [("paragraph", "Body text.", 0)]


def test_blocks() -> None:
    text = (
        "# Title\n\n## Section\n\nA paragraph that\nwraps softly.\n\n"
        "- one\n  - one and a half\n- two\n\n1. first\n2. second\n\n"
        "> quoted\n> text\n\n```python\ndef f():\n    return 1\n```\n\n---\n\n![A map](map.png)\n"
    )
    assert blocks(text) == [
        ("heading", "Section", 2),
        ("paragraph", "A paragraph that wraps softly.", 0),
        ("list_item", "one", 1),
        ("list_item", "one and a half", 2),
        ("list_item", "two", 1),
        ("list_item", "1. first", 1),
        ("list_item", "2. second", 1),
        ("quote", "quoted text", 0),
        ("preformatted", "def f():\n    return 1", 0),
        ("rule", "", 0),
        ("image", "[image: A map]", 0),
    ]


def test_links_are_numbered_and_unsafe_ones_dropped() -> None:
    text = (
        "# T\n\nSee [the story](https://example.org/a), [a ref][r], <https://auto.example/>, "
        "[bad](javascript:alert(1)) and [the story again](https://example.org/a).\n\n"
        "[r]: https://ref.example/page\n"
    )
    title, body = parse_markdown(text)
    assert body.text == (
        "See the story[1], a ref[2], https://auto.example/[3], bad and the story again[1]."
    )
    assert body.links == (
        "https://example.org/a",
        "https://ref.example/page",
        "https://auto.example/",
    )


def test_emphasis_and_code_marks_are_removed_but_code_content_kept() -> None:
    assert blocks("# T\n\nSome **bold**, _em_, ~~gone~~ and `a*b*c` here.") == [
        ("paragraph", "Some bold, em, gone and a*b*c here.", 0)
    ]


def test_unclosed_fence_runs_to_the_end_and_keeps_whitespace() -> None:
    assert blocks("# T\n\n```\n  x = 1\n\n  y = 2") == [("preformatted", "  x = 1\n\n  y = 2", 0)]


def test_escape_sequences_are_cleaned() -> None:
    title, body = parse_markdown("# Ti\x1b[31mtle\n\nText \x1b]52;c;QUJD\x07here.")
    assert (title, body.text) == ("Title", "Text here.")
