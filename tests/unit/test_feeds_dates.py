"""Entry dates: published else updated, aware UTC, and the unbelievable ones refused but kept raw."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta

import pytest

from reader.feeds.dates import choose_published, from_struct, from_text
from reader.feeds.parse import parse_feed

NOW = datetime(2025, 1, 1, 12, 0, tzinfo=UTC)
UTC = UTC


def rss_dates(*elements: str, now: datetime | None = NOW):
    item = "".join(elements)
    doc = (
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        f"<title>T</title><item><title>t</title>{item}</item></channel></rss>"
    )
    draft = parse_feed(doc.encode(), feed_id="f", url="https://x.example/feed", now=now).drafts[0]
    return draft.published, draft.published_raw


def atom_dates(*elements: str):
    doc = (
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
        f"<entry><title>t</title><id>1</id>{''.join(elements)}</entry></feed>"
    )
    draft = parse_feed(doc.encode(), feed_id="f", url="https://x.example/feed", now=NOW).drafts[0]
    return draft.published, draft.published_raw


def json_dates(published: str | None = None, modified: str | None = None):
    item = {"id": "1", "title": "t"}
    if published is not None:
        item["date_published"] = published
    if modified is not None:
        item["date_modified"] = modified
    doc = json.dumps({"version": "https://jsonfeed.org/version/1.1", "items": [item]}).encode()
    draft = parse_feed(doc, feed_id="f", url="https://x.example/feed.json", now=NOW).drafts[0]
    return draft.published, draft.published_raw


def test_rss_pubdate_with_an_offset_becomes_aware_utc() -> None:
    published, raw = rss_dates("<pubDate>Tue, 31 Dec 2024 23:30:00 -0500</pubDate>")
    assert published == datetime(2025, 1, 1, 4, 30, tzinfo=UTC) and published.tzinfo is UTC and raw == ""


def test_atom_published_wins_over_updated_and_updated_stands_in() -> None:
    updated = "<updated>2024-06-01T00:00:00Z</updated>"
    both = atom_dates("<published>2024-01-02T03:04:05+01:00</published>", updated)
    assert both == (datetime(2024, 1, 2, 2, 4, 5, tzinfo=UTC), "")
    assert atom_dates(updated) == (datetime(2024, 6, 1, tzinfo=UTC), "")


def test_an_unbelievable_published_date_falls_back_on_updated() -> None:
    dates = atom_dates("<published>2999-01-01T00:00:00Z</published>", "<updated>2024-06-01T00:00Z</updated>")
    assert dates == (datetime(2024, 6, 1, tzinfo=UTC), "")


@pytest.mark.parametrize(
    ("element", "raw"),
    [
        ("<pubDate>not a date at all</pubDate>", "not a date at all"),
        ("<pubDate>Thu, 01 Jan 1969 00:00:00 GMT</pubDate>", "Thu, 01 Jan 1969 00:00:00 GMT"),
        ("<pubDate>Fri, 03 Jan 2025 12:00:00 GMT</pubDate>", "Fri, 03 Jan 2025 12:00:00 GMT"),
        ("<pubDate>Sat, 01 Jan 2995 00:00:00 GMT</pubDate>", "Sat, 01 Jan 2995 00:00:00 GMT"),
        ("<pubDate>\x1b[2J  2024-13-45 \u202e</pubDate>", "2024-13-45"),
        ("<pubDate>" + "9" * 500 + "</pubDate>", "9" * 200),
    ],
    ids=["garbage", "before-1970", "two-days-ahead", "far-future", "hostile", "long"],
)
def test_rejected_dates_leave_published_empty_and_keep_the_raw_string(element: str, raw: str) -> None:
    assert rss_dates(element) == (None, raw)


def test_missing_dates_leave_both_empty() -> None:
    assert rss_dates() == (None, "")


def test_up_to_a_day_ahead_is_believed() -> None:
    published, _ = rss_dates("<pubDate>Thu, 02 Jan 2025 11:00:00 GMT</pubDate>")
    assert published == NOW + timedelta(hours=23)


def test_now_defaults_to_the_current_time() -> None:
    old = rss_dates("<pubDate>Tue, 10 Jun 2003 04:00:00 GMT</pubDate>", now=None)
    assert old == (datetime(2003, 6, 10, 4, tzinfo=UTC), "")
    assert rss_dates("<pubDate>Sat, 01 Jan 2995 00:00:00 GMT</pubDate>", now=None)[0] is None


@pytest.mark.parametrize(
    ("published", "modified", "expected"),
    [
        ("2020-02-02T02:02:02Z", None, (datetime(2020, 2, 2, 2, 2, 2, tzinfo=UTC), "")),
        ("2020-02-02T02:02:02.123+05:30", None, (datetime(2020, 2, 1, 20, 32, 2, 123000, tzinfo=UTC), "")),
        ("2020-02-02T02:02:02", None, (datetime(2020, 2, 2, 2, 2, 2, tzinfo=UTC), "")),  # naive: taken as UTC
        ("Sun, 02 Feb 2020 02:02:02 GMT", None, (datetime(2020, 2, 2, 2, 2, 2, tzinfo=UTC), "")),
        ("yesterday", "2020-01-01T00:00:00Z", (datetime(2020, 1, 1, tzinfo=UTC), "")),
        ("yesterday", None, (None, "yesterday")),
        (None, None, (None, "")),
    ],
)
def test_json_feed_dates(published, modified, expected) -> None:
    assert json_dates(published, modified) == expected


def test_from_struct_edge_cases() -> None:
    assert from_struct(time.struct_time((2016, 12, 31, 23, 59, 60, 5, 366, 0))) == datetime(
        2016, 12, 31, 23, 59, 59, tzinfo=UTC
    )  # a leap second
    assert from_struct(time.struct_time((0, 1, 1, 0, 0, 0, 0, 1, 0))) is None
    assert from_struct(None) is None


@pytest.mark.parametrize("raw", ["", "   ", "0001-01-01T00:00:00+01:00", "2020-02-30T00:00:00Z", "\x00"])
def test_from_text_refuses_impossible_dates(raw: str) -> None:
    assert from_text(raw) is None


def test_choose_published_prefers_the_first_believable() -> None:
    old = datetime(1960, 1, 1, tzinfo=UTC)
    good = datetime(2020, 1, 1, tzinfo=UTC)
    assert choose_published([("1960", old), ("2020", good)], NOW) == (good, "")
    assert choose_published([("", None), ("1960", old)], NOW) == (None, "1960")
