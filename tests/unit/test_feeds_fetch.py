"""The feed fetcher (reader.feeds.http) against the local test server: requests, conditional GET, limits, cancelling."""

from __future__ import annotations

import asyncio
import importlib.metadata
import socket
import time
from contextlib import aclosing

import pytest

from reader.feeds import http as fetcher
from reader.feeds.http import FetchLimits, FetchRequest, fetch_many
from tests.feedkit import go_offline
from tests.feedserver import FeedServer, refused_url
from tests.fetchkit import FAST, fetch


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the internet: names resolve to 127.0.0.1 (localhost, *.test) or not at all."""
    go_offline(monkeypatch)


async def wait_until(condition, timeout: float = 3.0) -> None:
    end = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < end, "condition not met in time"
        await asyncio.sleep(0.01)


async def test_fetch_returns_body_headers_and_validators(feed_server):
    url = feed_server.route("/feed.xml", body=b"<rss/>", etag='"v1"', last_modified="Wed, 01 May 2024 10:00:00 GMT",
                            headers={"Content-Type": "application/rss+xml", "X-Custom": "yes"})
    result = await fetch(url, key="feed-1")
    assert result.ok and result.error == "" and result.error_kind == ""
    assert (result.status, result.content, result.final_url) == (200, b"<rss/>", url)
    assert result.request.key == "feed-1" and result.attempts == 1 and result.elapsed > 0
    assert result.headers["content-type"] == "application/rss+xml" and result.headers["x-custom"] == "yes"
    assert (result.etag, result.last_modified) == ('"v1"', "Wed, 01 May 2024 10:00:00 GMT")
    assert not result.not_modified and not result.gone and result.permanent_redirect == ""


async def test_requests_name_the_reader_and_accept_compression(feed_server):
    await fetch(feed_server.route("/feed", body=b"x"))
    sent = feed_server.requests_to("/feed")[0].headers
    assert sent["user-agent"] == f"broadsheet/{importlib.metadata.version('broadsheet')} (feed reader)"
    assert sent["accept-encoding"] == "gzip, deflate"
    assert "if-none-match" not in sent and "if-modified-since" not in sent


def test_user_agent_says_dev_when_not_installed(monkeypatch):
    def missing(name):
        raise importlib.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(fetcher, "version", missing)
    fetcher.user_agent.cache_clear()
    try:
        assert fetcher.user_agent() == "broadsheet/dev (feed reader)"
    finally:
        fetcher.user_agent.cache_clear()


async def test_stored_etag_gets_304_not_modified(feed_server):
    url = feed_server.route("/feed", body=b"<rss/>", etag='"v1"')
    result = await fetch(url, etag='"v1"')
    assert feed_server.requests_to("/feed")[0].headers["if-none-match"] == '"v1"'
    assert result.ok and result.not_modified and result.status == 304
    assert result.content == b"" and result.etag == '"v1"'


async def test_stored_last_modified_gets_304_not_modified(feed_server):
    stamp = "Wed, 01 May 2024 10:00:00 GMT"
    url = feed_server.route("/feed", body=b"<rss/>", last_modified=stamp)
    result = await fetch(url, last_modified=stamp)
    assert feed_server.requests_to("/feed")[0].headers["if-modified-since"] == stamp
    assert result.ok and result.not_modified and result.content == b"" and result.last_modified == stamp


async def test_changed_feed_comes_back_whole_with_its_new_etag(feed_server):
    url = feed_server.route("/feed", body=b"<rss>new</rss>", etag='"v2"')
    result = await fetch(url, etag='"v1"')
    assert result.ok and not result.not_modified and result.content == b"<rss>new</rss>" and result.etag == '"v2"'


async def test_stored_validators_that_could_inject_headers_are_not_sent(feed_server):
    url = feed_server.route("/feed", body=b"x")
    result = await fetch(url, etag='"a"\r\nX-Evil: 1', last_modified="Wed\n, 01")
    sent = feed_server.requests_to("/feed")[0].headers
    assert result.ok and "x-evil" not in sent and "if-none-match" not in sent and "if-modified-since" not in sent


async def test_requests_in_flight_are_bounded(feed_server):
    requests = [FetchRequest(feed_server.route(f"/f{i}", body=b"x", delay=0.1)) for i in range(12)]
    limits = FetchLimits(concurrency=3, per_host=10)
    results = [r async for r in fetch_many(requests, limits)]
    assert len(results) == 12 and all(r.ok for r in results)
    assert feed_server.peak_in_flight == 3


async def test_requests_per_host_are_bounded(feed_server):
    for i in range(8):
        feed_server.route(f"/f{i}", body=b"x", delay=0.1)
    requests = [FetchRequest(feed_server.url(f"/f{i}", host=host)) for host in ("a.test", "b.test") for i in range(8)]
    results = [r async for r in fetch_many(requests, FetchLimits(concurrency=10, per_host=2))]
    assert all(r.ok for r in results)
    assert feed_server.peak_in_flight_for("a.test") == 2 and feed_server.peak_in_flight_for("b.test") == 2
    assert feed_server.peak_in_flight == 4


async def test_downloads_wait_for_the_caller_to_be_done_with_earlier_ones(feed_server):
    # A big first fetch downloads faster than it parses: with a backlog, no more feeds are
    # downloaded than the caller has not yet finished with.
    for i in range(6):
        feed_server.route(f"/f{i}", body=b"x")
    requests = [FetchRequest(feed_server.url(f"/f{i}")) for i in range(6)]
    backlog = asyncio.Semaphore(2)
    results = []
    async with aclosing(fetch_many(requests, FetchLimits(concurrency=6), backlog=backlog)) as stream:
        async for result in stream:
            results.append(result)
            asked = sum(len(feed_server.requests_to(f"/f{i}")) for i in range(6))
            assert asked <= max(2, len(results))
            if len(results) >= 2:
                backlog.release()
    assert len(results) == 6 and all(r.ok for r in results)


async def test_a_busy_host_does_not_hold_up_the_others(feed_server):
    # Feeds on one site queue behind its per-host limit without taking the pool's last slot, so
    # the other site's feed is answered before any of them; were it queued for a slot, it would not be.
    for i in range(4):
        feed_server.route(f"/f{i}", body=b"x", delay=0.2)
    feed_server.route("/other", body=b"x")
    requests = [FetchRequest(feed_server.url(f"/f{i}", host="busy.test")) for i in range(4)]
    requests.append(FetchRequest(feed_server.url("/other", host="quiet.test"), key="quiet"))
    keys = [r.request.key async for r in fetch_many(requests, FetchLimits(concurrency=3, per_host=2))]
    assert keys[0] == "quiet" and len(keys) == 5


async def test_every_failure_is_a_result(feed_server):
    feed_server.route("/ok", body=b"x")
    requests = [
        FetchRequest(feed_server.url("/ok"), key="ok"),
        FetchRequest(feed_server.url("/missing"), key="missing"),
        FetchRequest(refused_url(), key="refused"),
        FetchRequest("http://news.invalid/", key="dns"),
        FetchRequest("mailto:someone@example.test", key="invalid"),
    ]
    results = {r.request.key: r async for r in fetch_many(requests, FAST)}
    assert {k: r.error_kind for k, r in results.items()} == {
        "ok": "", "missing": "http", "refused": "refused", "dns": "dns", "invalid": "invalid_url"}


async def test_an_unexpected_bug_becomes_a_result(feed_server, monkeypatch):
    async def broken(response, max_bytes):
        raise RuntimeError("bug")

    monkeypatch.setattr(fetcher, "read_body", broken)
    result = await fetch(feed_server.route("/feed", body=b"x"))
    assert (result.error_kind, result.error) == ("internal", "unexpected error (RuntimeError)")


async def test_no_requests_no_results():
    assert [r async for r in fetch_many([])] == []


async def test_cancelling_stops_everything_and_closes_connections(feed_server):
    requests = [FetchRequest(feed_server.route(f"/s{i}", silent=True)) for i in range(4)]
    results = []

    async def refresh():
        async for result in fetch_many(requests, FetchLimits(deadline=30)):
            results.append(result)

    task = asyncio.create_task(refresh())
    await wait_until(lambda: feed_server.in_flight == 4)
    task.cancel()
    started = time.monotonic()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert time.monotonic() - started < 5.0 and results == []  # not the 30 s deadline
    await wait_until(lambda: feed_server.open_connections == 0, timeout=2)


async def test_leaving_early_cancels_the_rest(feed_server):
    requests = [FetchRequest(feed_server.route("/fast", body=b"x"))]
    requests += [FetchRequest(feed_server.route(f"/s{i}", silent=True)) for i in range(3)]
    async with aclosing(fetch_many(requests, FetchLimits(deadline=30))) as results:
        async for result in results:
            assert result.ok
            break
    await wait_until(lambda: feed_server.open_connections == 0, timeout=2)


def test_limits_are_checked():
    for bad in ({"concurrency": 0}, {"per_host": 0}, {"deadline": 0}, {"retries": -1}, {"max_bytes": 0}):
        with pytest.raises(ValueError):
            FetchLimits(**bad)


async def test_server_latency_and_log():
    with FeedServer(latency=0.05) as server:
        requests = [FetchRequest(server.route(f"/f{i}", body=b"x")) for i in range(8)]
        started = time.monotonic()
        results = [r async for r in fetch_many(requests, FetchLimits(concurrency=8, per_host=8))]
        # All eight in flight at once is what shows the concurrency; the wall time depends on the load.
        assert all(r.ok for r in results) and 0.05 <= time.monotonic() - started
        assert sorted(r.path for r in server.requests) == [f"/f{i}" for i in range(8)]
        assert server.peak_in_flight == 8 and server.peak_connections == 8


async def test_connections_are_kept_alive(feed_server):
    url = feed_server.route("/feed", body=b"x")
    results = [r async for r in fetch_many([FetchRequest(url)] * 3, FetchLimits(concurrency=1))]
    assert all(r.ok for r in results) and len({r.connection for r in feed_server.requests}) == 1


def test_server_stops_promptly_with_silent_connections_open():
    server = FeedServer().start()
    server.route("/silent", silent=True)
    clients = []
    for _ in range(3):
        client = socket.create_connection(("127.0.0.1", server.port))
        client.sendall(b"GET /silent HTTP/1.1\r\nHost: x\r\n\r\n")
        clients.append(client)
    end = time.monotonic() + 2
    while server.in_flight < 3 and time.monotonic() < end:
        time.sleep(0.01)
    started = time.monotonic()
    server.stop()
    assert time.monotonic() - started < 5.0 and server.open_connections == 0
    for client in clients:
        client.close()
