"""A fetch run end to end (refresh_feeds): a real Store, the local feed server, what the user sees after."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

import orjson
import pytest

from reader.feeds.http import FetchLimits
from reader.feeds.pool import ParserPool
from reader.feeds.refresh import refresh_feeds
from reader.feeds.runner import FeedRunner
from reader.store import Store
from tests.feedkit import Item, go_offline, rss
from tests.feedserver import Route

FAST = FetchLimits(connect_timeout=0.5, deadline=1.0, retries=0, backoff=0.01)
MODIFIED = "Wed, 01 May 2024 10:00:00 GMT"


@pytest.fixture(autouse=True)
def offline(monkeypatch):
    go_offline(monkeypatch)


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


@pytest.fixture
def parses(monkeypatch) -> list:
    """Every ParseJob handed to the parser in this test: the proof that a fetch parsed, or did not."""
    jobs = []
    real = ParserPool.parse

    async def spy(self, job):
        jobs.append(job)
        return await real(self, job)

    monkeypatch.setattr(ParserPool, "parse", spy)
    return jobs


async def refresh(store: Store, feeds=None, limits: FetchLimits = FAST, **options):
    return await refresh_feeds(store, store.feeds() if feeds is None else feeds, limits, **options)


def library_files(home: Path) -> dict[str, tuple[int, int]]:
    """Metadata shards, index and body packs, with their size and mtime."""
    return {str(p.relative_to(home)): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in (home / "library").rglob("*") if p.is_file()}


def by_guid(store: Store, feed_id: str | None = None) -> dict:
    return {a.guid: a for a in store.articles() if feed_id is None or a.source == feed_id}


# A first fetch, and the ones after it ------------------------------------------------------------


@pytest.mark.parametrize(("given", "outlet"), [("", "The Daily Planet"), ("My Planet", "My Planet")])
async def test_first_fetch_stores_the_items_under_the_feeds_name(store, feed_server, given, outlet):
    items = [Item("a", "Alpha", "<p>First story.</p>"), Item("b", "Beta"), Item("c", "Gamma", author="Lois Lane")]
    url = feed_server.route("/news.xml", body=rss("The Daily Planet", *items), etag='"v1"', last_modified=MODIFIED)
    feed, _ = store.add_feed(url, title=given)

    [outcome] = (await refresh(store)).outcomes

    assert outcome.state == "updated" and len(outcome.added) == 3 and outcome.updated == ()
    stored = by_guid(store)
    assert sorted(stored) == ["a", "b", "c"] and set(outcome.added) == {a.id for a in stored.values()}
    assert {a.title for a in stored.values()} == {"Alpha", "Beta", "Gamma"}
    assert {(a.outlet, a.source, a.kind) for a in stored.values()} == {(outlet, feed.id, "feed item")}
    assert stored["a"].url == "https://news.example/a.html" and stored["c"].author == "Lois Lane"
    assert stored["a"].published.isoformat() == "2024-05-06T10:00:00+00:00"
    assert store.body(stored["a"]).text == "First story."
    after = store.feed(feed.id)
    assert (after.status, after.error, after.etag, after.last_modified) == ("ok", "", '"v1"', MODIFIED)
    assert after.title == outlet and after.last_fetch is not None and after.last_success == after.last_fetch
    assert store.feed_counts()[feed.id].articles == 3


async def test_new_articles_show_under_the_name_the_feed_has_now_unless_the_user_named_it(store, feed_server):
    renamed, _ = store.add_feed(feed_server.route("/renamed.xml", body=rss("Planet", "a")))
    named, _ = store.add_feed(feed_server.route("/named.xml", body=rss("Planet", "x")), title="My Planet")
    await refresh(store)
    feed_server.route("/renamed.xml", body=rss("The Daily Planet", "b", "a"))
    feed_server.route("/named.xml", body=rss("The Daily Planet", "y", "x"))

    await refresh(store)

    outlets = {guid: a.outlet for guid, a in by_guid(store).items()}
    assert outlets == {"a": "Planet", "b": "The Daily Planet", "x": "My Planet", "y": "My Planet"}
    assert (store.feed(renamed.id).title, store.feed(named.id).title) == ("The Daily Planet", "My Planet")


@pytest.mark.parametrize("validators", [{"etag": '"v1"'}, {"last_modified": MODIFIED}], ids=["etag", "last-modified"])
async def test_a_304_changes_no_article_parses_nothing_and_writes_no_library_file(
    store, feed_server, home, parses, validators
):
    url = feed_server.route("/news.xml", body=rss("Planet", "a", "b"), **validators)
    feed, _ = store.add_feed(url)
    await refresh(store)
    first_fetch = store.feed(feed.id).last_fetch
    articles = store.articles()
    store.mark_read([articles[0].id])
    store.set_starred(articles[1].id, True)
    files = library_files(home)
    parses.clear()
    time.sleep(0.01)  # so a rewritten file would show a new mtime

    [outcome] = (await refresh(store)).outcomes

    sent = feed_server.requests_to("/news.xml")[-1].headers
    assert sent.get("if-none-match") == validators.get("etag")
    assert sent.get("if-modified-since") == validators.get("last_modified")
    assert outcome.state == "not modified" and not outcome.failed and outcome.added == outcome.updated == ()
    assert parses == []
    assert library_files(home) == files
    assert store.articles() == articles
    assert store.state(articles[0].id).read and store.state(articles[1].id).starred
    after = store.feed(feed.id)
    assert after.status == "ok" and after.last_fetch > first_fetch
    assert (after.etag, after.last_modified) == (validators.get("etag", ""), validators.get("last_modified", ""))


async def test_identical_bytes_without_conditional_get_are_not_parsed_again(store, feed_server, home, parses):
    feed_server.route("/news.xml", body=rss("Planet", "a", "b", "c"))
    store.add_feed(feed_server.url("/news.xml"))
    await refresh(store)
    files, articles = library_files(home), store.articles()
    parses.clear()

    [outcome] = (await refresh(store)).outcomes

    assert "if-none-match" not in feed_server.requests_to("/news.xml")[-1].headers
    assert outcome.state == "unchanged" and parses == []
    assert library_files(home) == files and store.articles() == articles


async def test_one_new_item_among_known_ones_is_the_only_one_parsed_and_added(store, feed_server, parses):
    url = feed_server.route("/news.xml", body=rss("Planet", "a", "b", "c"))
    store.add_feed(url)
    await refresh(store)
    before = {guid: a.id for guid, a in by_guid(store).items()}
    feed_server.route("/news.xml", body=rss("Planet", "new", "a", "b", "c"))
    parses.clear()

    [outcome] = (await refresh(store)).outcomes

    [job] = parses
    assert b"<guid" in job.content and b">new<" in job.content and b">a<" not in job.content
    stored = by_guid(store)
    assert outcome.state == "updated" and outcome.added == (stored["new"].id,) and outcome.updated == ()
    assert {guid: a.id for guid, a in stored.items() if guid != "new"} == before


async def test_an_edited_item_is_updated_in_place_keeping_marks_and_the_earlier_version(store, feed_server):
    url = feed_server.route(
        "/news.xml", body=rss("Planet", Item("a", "Vote today", "<p>Polls open at eight.</p>"), "b")
    )
    store.add_feed(url)
    await refresh(store)
    article = by_guid(store)["a"]
    store.mark_read([article.id])
    store.set_starred(article.id, True)
    store.set_tags(article.id, ["election"])
    feed_server.route(
        "/news.xml", body=rss("Planet", Item("a", "Vote today (updated)", "<p>Polls open at seven.</p>"), "b")
    )

    [outcome] = (await refresh(store)).outcomes

    assert outcome.state == "updated" and outcome.updated == (article.id,) and outcome.added == ()
    edited = store.article(article.id)
    assert edited.title == "Vote today (updated)" and store.body(edited).text == "Polls open at seven."
    assert edited.first_seen == article.first_seen and edited.published == article.published
    state = store.state(article.id)
    assert (state.read, state.starred, state.tags) == (True, True, ("election",))
    [earlier] = store.revisions(edited)
    assert earlier.title == "Vote today" and earlier.body.text == "Polls open at eight."
    assert len(store.articles()) == 2


async def test_items_that_drop_out_of_the_feed_are_kept(store, feed_server):
    url = feed_server.route("/news.xml", body=rss("Planet", "a", "b", "c"))
    store.add_feed(url)
    await refresh(store)
    feed_server.route("/news.xml", body=rss("Planet", "d"))
    await refresh(store)
    feed_server.route("/news.xml", body=rss("Planet"))

    [outcome] = (await refresh(store)).outcomes

    assert outcome.state == "unchanged"
    assert sorted(by_guid(store)) == ["a", "b", "c", "d"]


async def test_the_same_story_from_two_feeds_shows_once(store, feed_server):
    shared = "https://wire.example/story.html"
    store.add_feed(feed_server.route("/one.xml", body=rss("One", Item("1-x", "Wire story", link=shared), "1-y")))
    store.add_feed(feed_server.route("/two.xml", body=rss("Two", Item("2-x", "Wire story, too", link=shared), "2-y")))
    store.add_feed(feed_server.route("/three.xml", body=rss("Three", Item("3-x", "Wire story again", link=shared))))
    await refresh(store, [f for f in store.feeds() if f.title != "Three"])
    await refresh(store)

    articles = store.articles()
    assert [a.url for a in articles].count(shared) == 1
    assert sorted(a.guid for a in articles if a.url != shared) == ["1-y", "2-y"]


# The writer ------------------------------------------------------------------------------------------


async def test_the_writer_stores_many_feeds_in_few_writes_one_batch_per_feed(store, feed_server, monkeypatch):
    feeds = 30
    for n in range(feeds):
        store.add_feed(feed_server.route(f"/f{n}.xml", body=rss(f"Feed {n}", *(f"{n}-{i}" for i in range(3)))))
    writes = []
    real = Store.save_fetches

    def spy(self, updates):
        writes.append(list(updates))
        time.sleep(0.05)  # a slow disk: while one write is under way, the next feeds pile up
        return real(self, updates)

    monkeypatch.setattr(Store, "save_fetches", spy)

    report = await refresh(store, limits=FetchLimits(per_host=feeds, deadline=5.0, retries=0))

    assert len(report.outcomes) == feeds and {o.state for o in report.outcomes} == {"updated"}
    assert len(writes) <= feeds // 3, f"{len(writes)} writes for {feeds} feeds"
    updates = [u for batch in writes for u in batch]
    assert sorted(u.feed_id for u in updates) == sorted(f.id for f in store.feeds()), "each feed once"
    for update in updates:
        assert len(update.drafts) == 3 and {d.source for d in update.drafts} == {update.feed_id}
    assert len(store.articles()) == 3 * feeds


async def test_a_slow_disk_does_not_hold_up_the_downloads(store, feed_server, monkeypatch):
    for n in range(4):
        store.add_feed(feed_server.route(f"/f{n}.xml", body=rss(f"Feed {n}", f"{n}"), delay=0.1))
    real = Store.save_fetches

    def slow_save(self, updates):
        with self.writing():  # the store stays locked for the whole slow write
            time.sleep(2.0)
            return real(self, updates)

    monkeypatch.setattr(Store, "save_fetches", slow_save)

    await refresh(store, limits=FetchLimits(per_host=1, deadline=5.0, retries=0))

    asked = sorted(r.time for r in feed_server.requests)
    assert len(asked) == 4 and len(store.articles()) == 4
    # Downloads 0.1 s apart, not 2 s: none waited for a write.
    assert max(b - a for a, b in zip(asked, asked[1:], strict=False)) < 1.0, (
        "each download starts as the one before ends"
    )


# Removing a feed ---------------------------------------------------------------------------------


async def test_remove_feed_deletes_unmarked_articles_and_keeps_the_marked_ones(store, feed_server):
    store.add_feed(feed_server.route("/keep.xml", body=rss("Keep", "k1")))
    feed, _ = store.add_feed(feed_server.route("/news.xml", body=rss("Planet", *"abcde")))
    await refresh(store)
    ids = {guid: a.id for guid, a in by_guid(store, feed.id).items()}
    store.set_starred(ids["a"], True)
    store.set_tags(ids["b"], ["later"])
    with store.writing():
        store.user.annotations.put("note-1", {"article": ids["c"], "text": "check this"})
    store.mark_read([ids["d"], ids["a"]])

    removal = store.remove_feed(feed.url)

    assert (removal.removed, removal.kept) == (2, 3)
    assert sorted(by_guid(store, feed.id)) == ["a", "b", "c"]
    assert store.state(ids["a"]).starred and store.state(ids["a"]).read
    assert store.state(ids["b"]).tags == ("later",)
    assert [f.title for f in store.feeds()] == ["Keep"] and "k1" in by_guid(store)
    await refresh(store)
    assert len(feed_server.requests_to("/news.xml")) == 1, "an unsubscribed feed is not fetched again"


async def test_a_story_shared_with_a_removed_feed_comes_back_under_the_feed_still_carrying_it(store, feed_server):
    shared = "https://wire.example/story.html"
    first, _ = store.add_feed(feed_server.route("/one.xml", body=rss("One", Item("1-x", "Wire story", link=shared))))
    await refresh(store)
    second, _ = store.add_feed(
        feed_server.route("/two.xml", body=rss("Two", Item("2-x", "Wire story", link=shared), "2-y"))
    )
    await refresh(store)
    assert [a.source for a in store.articles() if a.url == shared] == [first.id]

    store.remove_feed(first.id)
    await refresh(store)

    assert [(a.source, a.outlet) for a in store.articles() if a.url == shared] == [(second.id, "Two")]


async def test_a_feed_removed_during_the_run_gets_nothing_stored(store, feed_server):
    doomed, _ = store.add_feed(feed_server.url("/doomed.xml"))
    store.add_feed(feed_server.route("/other.xml", body=rss("Other", "o1")))

    def unsubscribe_then_answer(request):
        store.remove_feed(doomed.id)
        return Route(rss("Doomed", "d1", "d2"))

    feed_server.route("/doomed.xml", unsubscribe_then_answer)

    await refresh(store)

    assert sorted(by_guid(store)) == ["o1"]
    assert [f.title for f in store.feeds()] == ["Other"], "a removed feed is not brought back"


# Cancelling ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("cancels", [1, 2], ids=["cancel", "cancel twice"])
async def test_cancelling_a_run_returns_at_once_and_saves_what_was_parsed(store, feed_server, monkeypatch, cancels):
    quick, _ = store.add_feed(feed_server.route("/quick.xml", body=rss("Quick", "q1", "q2")))
    stuck, _ = store.add_feed(feed_server.route("/stuck.xml", silent=True))
    writing = threading.Event()
    real = Store.save_fetches

    def slow_save(self, updates):
        writing.set()
        time.sleep(0.3)  # a slow disk: the cancel arrives while this write is under way
        return real(self, updates)

    monkeypatch.setattr(Store, "save_fetches", slow_save)
    run = asyncio.create_task(refresh(store, limits=FetchLimits(deadline=30.0)))
    while not writing.is_set():
        await asyncio.sleep(0.01)
    started = time.monotonic()
    run.cancel()
    for _ in range(cancels - 1):  # an impatient user, or the app closing while a cancel is under way
        await asyncio.sleep(0.05)
        run.cancel()

    with pytest.raises(asyncio.CancelledError):
        await run

    assert time.monotonic() - started < 10.0  # not the 30 s deadline
    assert sorted(by_guid(store)) == ["q1", "q2"], "what was parsed is saved before the run returns"
    assert store.feed(quick.id).status == "ok" and store.feed(stuck.id).status == "new"


def test_the_app_runner_stops_a_run_on_cancel_and_says_so(store, feed_server):
    store.add_feed(feed_server.route("/stuck.xml", silent=True))
    runner = FeedRunner(store, FetchLimits(deadline=30.0))
    done = []
    assert runner.start(store.feeds(), lambda *progress: None, lambda report, error: done.append((report, error)))
    assert not runner.start(store.feeds(), lambda *progress: None, lambda *result: None), "one run at a time"
    while not feed_server.requests_to("/stuck.xml"):
        time.sleep(0.01)
    started = time.monotonic()

    runner.close(wait=10.0)

    assert not runner.running and time.monotonic() - started < 10.0  # not the 30 s deadline
    assert done == [(None, None)]


# Dates --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    ["Sat, 01 Jan 1955 10:00:00 GMT", "Fri, 01 Jan 2muc 10:00:00 GMT", "Tue, 01 Jan 2999 10:00:00 GMT", "whenever"],
)
async def test_an_unbelievable_date_falls_back_on_first_seen_and_keeps_the_raw_value(store, feed_server, home, raw):
    url = feed_server.route("/news.xml", body=rss("Planet", Item("a", date=raw), "b"))
    store.add_feed(url)
    await refresh(store)
    article = by_guid(store)["a"]

    assert article.published == article.first_seen
    shard = orjson.loads((home / "library" / "meta" / f"{article.shard}.json").read_bytes())
    assert shard["articles"][article.id]["published_raw"] == raw
    dated = by_guid(store)["b"]
    shard = orjson.loads((home / "library" / "meta" / f"{dated.shard}.json").read_bytes())
    assert "published_raw" not in shard["articles"][dated.id]

    # An edit later does not move the article to the top of the list.
    feed_server.route("/news.xml", body=rss("Planet", Item("a", "Edited", date=raw), "b"))
    await refresh(store)
    assert store.article(article.id).published == article.published



async def test_a_first_fetch_starts_the_parsers_before_the_first_answer_and_a_304_never(store, feed_server):
    pools = [ParserPool(workers=2), ParserPool(workers=2)]
    seen = []

    def answer(request) -> Route:
        seen.append(pools[len(seen)].running)  # what the fetch had started when the server was asked
        return Route(body=rss("One", "1a"), etag='"v1"')

    store.add_feed(feed_server.url("/one.xml"), "", ())
    feed_server.route("/one.xml", answer)
    try:
        first = await refresh(store, pool=pools[0])
        again = await refresh(store, pool=pools[1])
    finally:
        for pool in pools:
            pool.close()
    assert [o.state for o in first.outcomes + again.outcomes] == ["updated", "not modified"]
    assert seen == [True, False] and not pools[1].running


def test_the_longer_a_write_took_the_longer_feeds_pile_up_for_the_next_one():
    from reader.feeds.refresh import LINGER, MAX_LINGER, linger_after

    # Quick writes (a few feeds): the usual pause, so articles show soon.
    assert linger_after(0.01) == LINGER
    # A write that rewrote a big month: the next waits three times as long, so that writing,
    # which grows with what the fetch stored, stays a quarter of the run.
    assert linger_after(0.4) == pytest.approx(1.2)
    assert linger_after(30.0) == MAX_LINGER
