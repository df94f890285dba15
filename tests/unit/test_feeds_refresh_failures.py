"""A fetch run when feeds fail: each failure is recorded on its feed, and nothing else changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.feeds.http import FetchLimits
from reader.feeds.refresh import refresh_feeds
from reader.store import Store
from tests.feedkit import go_offline, rss
from tests.feedserver import FeedServer, Route, gzip_bomb, refused_url

FAST = FetchLimits(connect_timeout=0.5, deadline=0.5, retries=0, backoff=0.01, max_bytes=1 << 20)
WEB_PAGE = b"<!DOCTYPE html><html><head><title>Home</title></head><body><p>Welcome!</p></body></html>"
GOOD = rss("Victim", "v1", "v2", "v3")

#: What a feed that used to work sends now, and the words the user is told.
SERVED = {
    "404": (Route(b"no such page", status=404), "HTTP 404 Not Found"),
    "500": (Route(b"oops", status=500), "HTTP 500 Internal Server Error"),
    "timeout": (Route(silent=True), "timed out after 0.5 s"),
    "empty 200": (Route(b""), "empty response"),
    "web page": (Route(WEB_PAGE, headers={"Content-Type": "text/html"}), "not a feed: looks like a web page"),
    "malformed XML": (Route(b'<?xml version="1.0"?><rss'), "not a feed"),
    "truncated body": (Route(GOOD, truncate=len(GOOD) // 2), "response cut short"),
    "gzip bomb": (Route(gzip_bomb(8), headers={"Content-Encoding": "gzip"}), "response larger than 1 MB"),
}


@pytest.fixture(autouse=True)
def resolver(monkeypatch):
    return go_offline(monkeypatch)


@pytest.fixture
def store(home: Path) -> Store:
    return Store.open(home)


async def refresh(store: Store, feeds=None):
    return await refresh_feeds(store, store.feeds() if feeds is None else feeds, FAST)


def snapshot(store: Store, feed_id: str) -> list[tuple]:
    """What the user has of one feed: each article, its text and their marks on it."""
    return sorted(
        (a.id, a.title, a.published, a.content_hash, store.body(a).text, store.state(a.id))
        for a in store.articles() if a.source == feed_id
    )


def mark_everything(store: Store, feed_id: str) -> None:
    first, second, third = sorted(a.id for a in store.articles() if a.source == feed_id)
    store.mark_read([first, second])
    store.set_starred(second, True)
    store.set_tags(third, ["keep"])


async def fail_after_a_good_fetch(store, healthy_server, victim_url, fail, *, fails: bool = True):
    """Run once with everything working, mark the victim's articles, break it, and run again."""
    victim, _ = store.add_feed(victim_url)
    healthy_server.route("/healthy.xml", body=rss("Healthy", "h1"))
    healthy, _ = store.add_feed(healthy_server.url("/healthy.xml"))
    first = await refresh(store)
    assert {o.state for o in first.outcomes} == {"updated"}
    mark_everything(store, victim.id)
    before, fed = snapshot(store, victim.id), store.feed(victim.id)
    healthy_server.route("/healthy.xml", body=rss("Healthy", "h2", "h1"))
    fail()
    report = await refresh(store)
    outcomes = {o.feed.id: o for o in report.outcomes}
    assert outcomes[healthy.id].state == "updated" and len(outcomes[healthy.id].added) == 1, "the others go on"
    assert snapshot(store, victim.id) == before, "a failing feed keeps its articles and the user's marks"
    after = store.feed(victim.id)
    assert after.last_fetch > fed.last_fetch and after.title == "Victim"
    if fails:
        assert (after.last_success, after.etag) == (fed.last_success, fed.etag), "a failure keeps the last good state"
    return outcomes[victim.id], after


@pytest.mark.parametrize("kind", list(SERVED))
async def test_a_feed_that_breaks_reports_why_and_loses_nothing(store, feed_server, resolver, kind):
    route, message = SERVED[kind]
    url = feed_server.route("/victim.xml", Route(GOOD, etag='"v1"'))

    def fail():
        feed_server.route("/victim.xml", route)

    outcome, feed = await fail_after_a_good_fetch(store, feed_server, url, fail)

    assert outcome.state == "failed" and outcome.failed
    assert message in outcome.error, outcome.error
    assert (feed.status, feed.error) == ("failed", outcome.error)


async def test_a_host_that_stops_resolving_is_reported(store, feed_server, resolver):
    url = feed_server.route("/victim.xml", body=GOOD).replace("127.0.0.1", "news.test")

    outcome, feed = await fail_after_a_good_fetch(store, feed_server, url, lambda: resolver.unknown.add("news.test"))

    assert (feed.status, feed.error) == ("failed", "could not resolve host news.test") == ("failed", outcome.error)


async def test_a_server_that_goes_away_is_reported(store, feed_server, resolver):
    with FeedServer() as gone_away:
        url = gone_away.route("/victim.xml", body=GOOD)
        outcome, feed = await fail_after_a_good_fetch(store, feed_server, url, gone_away.stop)

    assert (feed.status, feed.error) == ("failed", "connection refused") == ("failed", outcome.error)


async def test_every_kind_of_failure_in_one_run_is_recorded_feed_by_feed(store, feed_server, resolver):
    expected = {
        "http://news.invalid/feed.xml": "could not resolve host news.invalid", refused_url(): "connection refused"
    }
    for kind, (route, message) in SERVED.items():
        expected[feed_server.route(f"/{kind.replace(' ', '-')}.xml", route)] = message
    expected[feed_server.route("/gone.xml", status=410)] = "HTTP 410 Gone"
    for url in expected:
        store.add_feed(url)
    good, _ = store.add_feed(feed_server.route("/good.xml", body=rss("Good", "g1", "g2")))

    report = await refresh(store)

    assert len(report.outcomes) == len(expected) + 1
    assert sorted(a.guid for a in store.articles()) == ["g1", "g2"]
    assert store.feed(good.id).status == "ok" and len(report.failed) == len(expected)
    for feed in store.feeds():
        if feed.id != good.id:
            assert feed.status in ("failed", "gone") and expected[feed.url] in feed.error, (feed.url, feed.error)
            assert feed.last_fetch is not None and feed.last_success is None


async def test_a_gone_feed_is_marked_and_not_requested_again(store, feed_server, resolver):
    url = feed_server.route("/victim.xml", Route(GOOD))

    def fail():
        feed_server.route("/victim.xml", status=410)

    outcome, feed = await fail_after_a_good_fetch(store, feed_server, url, fail)

    assert outcome.state == "gone" and (feed.status, feed.error) == ("gone", "HTTP 410 Gone")
    asked = len(feed_server.requests_to("/victim.xml"))
    report = await refresh(store)
    assert len(feed_server.requests_to("/victim.xml")) == asked
    assert [o.feed.title for o in report.outcomes] == ["Healthy"]
    assert store.feed(feed.id).status == "gone"


@pytest.mark.parametrize(("status", "moves"), [(301, True), (308, True), (302, False), (307, False)])
async def test_a_permanent_redirect_updates_the_stored_url(store, feed_server, resolver, status, moves):
    old = feed_server.route("/old.xml", status=status, redirect="/new.xml")
    new = feed_server.route("/new.xml", body=rss("Moved", "m1"))
    feed, _ = store.add_feed(old)

    [outcome] = (await refresh(store)).outcomes

    assert outcome.state == "updated" and [a.guid for a in store.articles()] == ["m1"]
    assert store.feed(feed.id).url == (new if moves else old)
    await refresh(store)
    assert len(feed_server.requests_to("/old.xml")) == (1 if moves else 2)
    assert len(feed_server.requests_to("/new.xml")) == 2
    assert store.feed(old if not moves else new).id == feed.id, "the feed is found by the URL it has now"


async def test_a_valid_but_empty_feed_deletes_nothing(store, feed_server, resolver):
    url = feed_server.route("/victim.xml", Route(GOOD))

    def empty():
        feed_server.route("/victim.xml", body=rss("Victim"))

    outcome, feed = await fail_after_a_good_fetch(store, feed_server, url, empty, fails=False)

    assert outcome.state == "unchanged" and feed.status == "ok"
