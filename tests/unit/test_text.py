"""The small words of messages: counts and articles read as English."""

from __future__ import annotations

import pytest

from reader.text import a_or_an, counted


@pytest.mark.parametrize(("count", "word", "plural", "shown"), [
    (1, "article", "", "1 article"), (2, "article", "", "2 articles"), (0, "feed", "", "0 feeds"),
    (1204, "entry", "entries", "1,204 entries"), (1, "entry", "entries", "1 entry"),
])
def test_counted(count, word, plural, shown):
    assert counted(count, word, plural) == shown


def test_a_or_an():
    assert [a_or_an(w) for w in ("organisation", "person", "place", "event")] == [
        "an organisation", "a person", "a place", "an event"]
