"""A fetch reads what each new article is grouped by as its feed is parsed (in a thread,
while the feed is stored), and placing takes those readings: the stories come out as when
placing reads every article itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.feeds.http import FetchLimits
from reader.feeds.parsed import ParseJob
from reader.feeds.pool import ParserPool
from reader.feeds.refresh import refresh_feeds
from reader.store import Store
from reader.stories.desk import StoryDesk
from reader.stories.extracting import read_drafts, read_texts, text_key
from tests.feedkit import Item, go_offline, rss

FAST = FetchLimits(connect_timeout=0.5, deadline=5.0, retries=0, backoff=0.01)
DATE = "Mon, 06 May 2024 10:00:00 GMT"


def _item(guid: str, title: str, text: str) -> Item:
    return Item(guid, title=title, text=f"<p>{text}</p>", date=DATE)


FLOOD = "The river Severn burst its banks at Shrewsbury overnight, flooding two hundred homes near the old bridge."
STRIKE = "Rail workers at Northern Trains walked out on Monday over pay, cancelling most services around Leeds."
FEEDS = {
    "/wire.xml": rss("Wire", _item("w1", "Severn floods Shrewsbury homes", FLOOD),
                     _item("w2", "Northern Trains strike halts Leeds services", STRIKE)),
    "/daily.xml": rss("Daily", _item("d1", "Shrewsbury under water as Severn bursts banks", FLOOD + " Residents fled."),
                      _item("d2", "Leeds commuters stranded by Northern Trains walkout", STRIKE + " Talks resume.")),
}


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    go_offline(monkeypatch)


async def _stories(home: Path, feed_server, pool: ParserPool) -> tuple[set[frozenset[str]], int]:
    store = Store.open(home)
    for path in FEEDS:
        store.add_feed(feed_server.url(path), "", ())
    try:
        report = await refresh_feeds(store, store.feeds(), FAST, pool=pool)
        known = {key: read for readings in pool.extras() for key, read in readings.items()}
    finally:
        pool.close()
    fetched = [a for a in store.articles() if a.id in set(report.added)]
    # Made for the very texts the store keeps, so placing finds every one of them, and the same
    # as placing would read (the stemmer, shared by the reading thread, is not garbled).
    texts = [(a.title, store.body(a).text) for a in fetched]
    if pool.after:
        assert [known[text_key(*text)] for text in texts] == read_texts(texts)
    desk = StoryDesk.open(store)
    desk.update(known=known)
    guid = {a.id: a.guid for a in fetched}
    return {frozenset(guid[i] for i in s.article_ids if i in guid) for s in desk.library().stories} - {frozenset()}, \
        len(known)


async def test_placing_with_the_parsers_readings_groups_as_reading_in_place(tmp_path: Path, feed_server) -> None:
    for path, body in FEEDS.items():
        feed_server.route(path, body=body)
    # inline_below=0: every feed goes to the worker processes, as a real feed of some size does.
    read_there, known = await _stories(tmp_path / "a", feed_server,
                                       ParserPool(workers=2, inline_below=0, after=read_drafts, after_items=100))
    read_here, none = await _stories(tmp_path / "b", feed_server, ParserPool(workers=2, inline_below=0))

    assert (known, none) == (4, 0)
    assert read_there == read_here == {frozenset({"w1", "d1"}), frozenset({"w2", "d2"})}


async def test_past_its_budget_the_pool_reads_no_more() -> None:
    pool = ParserPool(workers=2, inline_below=0, after=read_drafts, after_items=1)
    try:
        parsed = [await pool.parse(ParseJob(body, feed_id="f", url="http://127.0.0.1/")) for body in FEEDS.values()]
        extras = pool.extras()
    finally:
        pool.close()
    # The first feed's two items use the budget up: the second is parsed, and not read.
    assert [len(outcome.feed.drafts) for outcome in parsed] == [2, 2] and [len(e) for e in extras] == [2]
