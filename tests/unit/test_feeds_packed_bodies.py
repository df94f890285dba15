"""Bodies come back from the parser packed, and are stored as if they had been packed by the store."""

from __future__ import annotations

from datetime import UTC, datetime

from reader.feeds.parse import parse_feed, parse_job
from reader.feeds.parsed import ParseJob
from reader.models.packed import PackedBody, compress_body, content_hash, serialise_body
from reader.store import Store

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title><link>https://desk.example/</link>
<item><title>One</title><link>https://desk.example/1</link><guid>g1</guid>
<description>&lt;p&gt;First &lt;a href="/x"&gt;story&lt;/a&gt;.&lt;/p&gt;&lt;h2&gt;More&lt;/h2&gt;</description></item>
</channel></rss>"""
NOW = datetime(2026, 1, 2, tzinfo=UTC)


def test_parser_answers_with_the_record_the_pack_would_hold() -> None:
    outcome = parse_job(ParseJob(content=FEED, feed_id="f", url="https://desk.example/feed", now=NOW))
    plain = parse_feed(FEED, feed_id="f", url="https://desk.example/feed", now=NOW)
    assert outcome.feed is not None
    (draft,), (expected,) = outcome.feed.drafts, plain.drafts
    assert isinstance(draft.body, PackedBody)
    serialised = serialise_body(expected.body)  # type: ignore[arg-type]
    assert draft.body.record == compress_body(serialised)
    assert draft.body.digest == content_hash(expected.title, serialised)
    assert draft.body.unpack() == expected.body


def test_a_packed_draft_is_stored_and_read_back_like_a_plain_one(tmp_path) -> None:
    outcome = parse_job(ParseJob(content=FEED, feed_id="f", url="https://desk.example/feed", now=NOW))
    plain = parse_feed(FEED, feed_id="f", url="https://desk.example/feed", now=NOW)
    assert outcome.feed is not None
    stored = []
    for name, drafts in (("packed", outcome.feed.drafts), ("plain", plain.drafts)):
        store = Store.open(tmp_path / name)
        (article_id,), _, _ = store.library.add(list(drafts))
        article = store.library.get(article_id)
        stored.append((article.content_hash, store.library.body(article)))
    assert stored[0] == stored[1]
    assert stored[0][1] == plain.drafts[0].body
