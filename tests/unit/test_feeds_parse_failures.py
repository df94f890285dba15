"""Bytes that are not a usable feed: each fails with a reason, and parse_job never raises."""

from __future__ import annotations

import pickle
from datetime import UTC, datetime
from pathlib import Path

import pytest

from reader.feeds.parse import FeedParseError, ParsedFeed, ParseJob, ParseOutcome, parse_feed, parse_job
from reader.feeds.parsed import MAX_FEED_BYTES

NOW = datetime(2025, 1, 1, tzinfo=UTC)
URL = "https://news.example.org/feeds/main.xml"


def parse(content: bytes | str, **kwargs) -> ParsedFeed:
    if isinstance(content, str):
        content = content.encode("utf-8")
    return parse_feed(content, feed_id="feed-1", url=URL, now=NOW, **kwargs)


def rss(items: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>The Paper</title><link>https://paper.example.org/</link>{items}</channel></rss>"
    )


@pytest.mark.parametrize(
    ("content", "headers", "reason"),
    [
        (b"", None, "empty response"),
        (b" \r\n\t ", None, "empty response"),
        (b"<!DOCTYPE html><html><head><title>Hi</title></head><body>Page</body></html>", None, "web page"),
        (b'<?xml version="1.0"?>\n<!-- x --><html xmlns="http://www.w3.org/1999/xhtml"/>', None, "web page"),
        (b"<div>Some fragment</div>", {"Content-Type": "text/html; charset=utf-8"}, "looks like a web page"),
        (b"Just some text, not markup.", None, "not a feed"),
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", None, "not a feed"),
        (b'<?xml version="1.0"?><note><to>x</to></note>', None, "not a feed"),
    ],
)
def test_what_is_not_a_feed_fails_with_a_reason(content: bytes, headers, reason: str) -> None:
    with pytest.raises(FeedParseError, match=reason):
        parse(content, headers=headers)


def test_a_feed_opening_with_an_xhtml_doctype_is_read_by_its_root_element() -> None:
    doc = rss("<item><title>One</title><link>https://paper.example.org/1</link></item>").replace(
        "<rss", '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN"\n'
                '  "http://www.w3.org/TR/xhtml1/DTD/xhtml1-strict.dtd">\n<rss', 1)
    feed = parse(doc, headers={"Content-Type": "text/html"})
    assert (feed.title, [d.title for d in feed.drafts], feed.warnings) == ("The Paper", ["One"], ())


def test_a_feed_a_web_page_embeds_is_read_with_a_warning() -> None:
    page = ("<!DOCTYPE html><html><head><title>Page</title></head><body>"
            '<rss version="2.0"><channel><title>Inside</title><item><title>Two</title>'
            "<link>https://paper.example.org/2</link><description>Text</description></item></channel></rss>"
            "</body></html>")
    feed = parse(page)
    assert [d.title for d in feed.drafts] == ["Two"] and "inside a web page" in feed.warnings[-1]


def test_a_feed_broken_before_its_first_item_is_a_failure_not_an_empty_feed() -> None:
    doc = rss("<item><title>One</title><link>https://paper.example.org/1</link></item>")
    with pytest.raises(FeedParseError, match="broken"):
        parse(doc[:doc.index("<item>") + 12])


def test_oversized_input_is_refused_before_parsing() -> None:
    with pytest.raises(FeedParseError, match="too large"):
        parse(b" " * 10 + b"<rss>" + b"x" * MAX_FEED_BYTES)


def test_a_feed_without_entries_is_a_feed() -> None:
    feed = parse(rss(""))
    assert (feed.title, feed.drafts, feed.warnings) == ("The Paper", (), ())


def test_malformed_xml_with_entries_is_read_leniently_with_a_warning() -> None:
    doc = rss(
        "<item><title>Fish & chips</title></item>"
        "<item><title>Two</title><description>a<br>b</description></item>"
    )
    feed = parse(doc)
    assert [d.title for d in feed.drafts] == ["Fish & chips", "Two"]
    assert len(feed.warnings) == 1 and feed.warnings[0].startswith("the feed is malformed: ")
    assert feed.warnings[0].endswith(", 2 items read")


def test_bytes_that_name_a_file_are_parsed_as_bytes_not_opened(tmp_path: Path) -> None:
    path = tmp_path / "feed.xml"
    path.write_text(rss("<item><title>From disk</title></item>"))
    with pytest.raises(FeedParseError):
        parse(str(path).encode())
    with pytest.raises(TypeError):
        parse_feed(str(path), feed_id="f", url=URL)  # type: ignore[arg-type]


def test_a_url_as_content_is_not_fetched() -> None:
    with pytest.raises(FeedParseError, match="not a feed"):
        parse(b"http://127.0.0.1:9/feed.xml")


# parse_job


@pytest.mark.parametrize(
    "content",
    [
        b"", b"\x00" * 100, b"<rss", b"\xff\xfe<\x00", b"{", bytes(range(256)) * 4,
        b"<?xml version='1.0' encoding='bogus-9'?><nonsense/>",
    ],
)
def test_parse_job_never_raises(content: bytes) -> None:
    outcome = parse_job(ParseJob(content=content, feed_id="f", url=URL))
    assert outcome.feed is None and outcome.error


def test_parse_job_even_on_wrong_argument_types() -> None:
    outcome = parse_job(ParseJob(content="not bytes", feed_id="f", url=URL))  # type: ignore[arg-type]
    assert outcome.feed is None and "TypeError" in outcome.error


def test_parse_job_and_its_outcome_cross_process_boundaries() -> None:
    content = rss("<item><title>x</title></item>").encode()
    job = ParseJob(content=content, feed_id="f", url=URL, headers={"a": "b"}, now=NOW)
    outcome = parse_job(pickle.loads(pickle.dumps(job)))
    assert outcome.error == "" and outcome.feed is not None
    assert pickle.loads(pickle.dumps(outcome)) == outcome
    assert isinstance(outcome, ParseOutcome) and outcome.feed.drafts[0].title == "x"
