"""Both readings of every RSS or Atom document a test parses: the fast one must agree with feedparser.

`check_both_readings(monkeypatch)` makes read_xml_feed, whenever read_plain_feed accepts a
document, read it with feedparser too and fail on any difference; the feed tests run with it
(tests/conftest.py), so every feed they parse in-process is a case of the comparison.
"""

from __future__ import annotations

from collections.abc import Mapping

import pytest

from reader.feeds import xmlfeed
from reader.feeds.plainxml import PlainFeed, read_plain_feed

#: How many documents the fast reading took and how many it left to feedparser, this session.
TALLY = {"plain": 0, "declined": 0}


def both_readings(content: bytes, *, url: str, headers: Mapping[str, str]) -> PlainFeed | None:
    plain = read_plain_feed(content, url=url, headers=headers)
    if plain is None:
        TALLY["declined"] += 1
        return None
    TALLY["plain"] += 1
    title, title_is_html, link, version, entries, total = plain
    fast = xmlfeed.XmlFeed(title, title_is_html, link, version, entries, total)
    slow = xmlfeed.read_with_feedparser(content, url=url, lowered=headers)
    assert fast == slow, f"the fast reading differs from feedparser's for {content[:300]!r}"
    return plain


def check_both_readings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(xmlfeed, "read_plain_feed", both_readings)
