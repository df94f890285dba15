"""The small words of messages: counts and articles read as English."""

from __future__ import annotations

import pytest

from reader.text import a_or_an, around, counted


@pytest.mark.parametrize(("count", "word", "plural", "shown"), [
    (1, "article", "", "1 article"), (2, "article", "", "2 articles"), (0, "feed", "", "0 feeds"),
    (1204, "entry", "entries", "1,204 entries"), (1, "entry", "entries", "1 entry"),
])
def test_counted(count, word, plural, shown):
    assert counted(count, word, plural) == shown


def test_a_or_an():
    assert [a_or_an(w) for w in ("organisation", "person", "place", "event")] == [
        "an organisation", "a person", "a place", "an event"]


def test_around_keeps_the_spacing_of_the_text_and_cuts_at_words():
    text = "First line.\nThe police confirmed Ledezma's arrest on Thursday evening in Caracas.\nNext line."
    start = text.index("Ledezma")
    before, passage, after = around(text, start, start + len("Ledezma"), 15)
    assert passage == "Ledezma" and after.startswith("'s arrest") and after.endswith("…")
    assert before == "…confirmed " and "\n" not in before + after


def test_the_entity_screen_context_reads_as_the_article_does():
    from types import SimpleNamespace

    from reader.tui.screens.entity_rows import _context

    text = "Police said Ledezma's arrest, in Caracas, was (they said) lawful."
    line = _context(text, text.index("Ledezma"), text.index("Ledezma") + 7, SimpleNamespace(outlet="Wire")).plain
    assert "said Ledezma's arrest, in Caracas" in line and " 's" not in line
