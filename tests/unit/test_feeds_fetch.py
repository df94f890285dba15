"""The feed fetcher (reader.feeds.http) against the local test server: limits, retries, redirects, bodies."""

from __future__ import annotations

import asyncio
import importlib.metadata
import shutil
import socket
import ssl
import subprocess
import time
import tracemalloc
import zlib
from contextlib import aclosing
from datetime import datetime, timezone

import httpx
import pytest

from reader.feeds import http as fetcher
from reader.feeds.http import FetchLimits, FetchRequest, FetchResult, fetch_many, fetch_one
from reader.feeds.http_errors import parse_retry_after, size_text
from tests.feedserver import FeedServer, Route, gzip_bomb, http_date, refused_url, unanswered_url

#: Small timeouts and waits keep the whole file quick; tests that need other limits replace fields.
FAST = FetchLimits(connect_timeout=0.5, deadline=1.0, backoff=0.01, retry_after_cap=0.3)
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the internet: names resolve to 127.0.0.1 (localhost, *.test) or not at all."""
    real_getaddrinfo = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name in ("127.0.0.1", "localhost") or name.endswith(".test"):
            return real_getaddrinfo("127.0.0.1", port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


async def fetch(url: str, limits: FetchLimits = FAST, **request) -> FetchResult:
    return await fetch_one(FetchRequest(url, **request), limits)


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


async def test_connect_timeout():
    with unanswered_url() as url:
        if not url:
            pytest.skip("this system completes connections beyond the listen backlog")
        started = time.monotonic()
        result = await fetch(url, FetchLimits(connect_timeout=0.2, retries=0))
    assert (result.error_kind, result.error) == ("timeout", "could not connect within 0.2 s")
    assert time.monotonic() - started < 1.0


@pytest.mark.parametrize("route", [Route(silent=True), Route(body=b"x" * 200, drip=0.05), Route(b"x", delay=5)],
                         ids=["silent", "drip", "slow-headers"])
async def test_deadline_covers_the_whole_request(feed_server, route):
    url = feed_server.route("/feed", route)
    started = time.monotonic()
    result = await fetch(url, FetchLimits(deadline=0.4, retries=0))
    assert (result.error_kind, result.error) == ("timeout", "timed out after 0.4 s")
    assert time.monotonic() - started < 1.0 and result.attempts == 1


@pytest.mark.parametrize("status", [429, 502, 503, 504])
async def test_transient_status_is_retried_once(feed_server, status):
    url = feed_server.route("/feed", Route(status=status), Route(body=b"<rss/>"))
    result = await fetch(url)
    assert result.ok and result.content == b"<rss/>" and result.attempts == 2
    assert len(feed_server.requests_to("/feed")) == 2


async def test_retry_waits_for_the_backoff(feed_server):
    url = feed_server.route("/feed", Route(status=503), Route(body=b"x"))
    await fetch(url, FetchLimits(backoff=0.2))
    first, second = feed_server.requests_to("/feed")
    assert 0.2 <= second.time - first.time < 0.8


async def test_gives_up_after_the_retry(feed_server):
    result = await fetch(feed_server.route("/feed", status=503))
    assert (result.error_kind, result.error, result.status) == ("http", "HTTP 503 Service Unavailable", 503)
    assert result.attempts == 2 and len(feed_server.requests_to("/feed")) == 2


@pytest.mark.parametrize("status, message", [(404, "HTTP 404 Not Found"), (403, "HTTP 403 Forbidden"),
                                             (500, "HTTP 500 Internal Server Error"), (599, "HTTP 599")])
async def test_other_statuses_fail_at_once(feed_server, status, message):
    result = await fetch(feed_server.route("/feed", body=b"\x1b[2Jgo away", status=status))
    assert (result.error_kind, result.error, result.status, result.attempts) == ("http", message, status, 1)
    assert len(feed_server.requests_to("/feed")) == 1 and not result.gone


async def test_gone_is_permanent(feed_server):
    result = await fetch(feed_server.route("/feed", status=410))
    assert result.gone and not result.ok and (result.error_kind, result.error) == ("gone", "HTTP 410 Gone")
    assert len(feed_server.requests_to("/feed")) == 1


async def test_retry_after_seconds_are_honoured(feed_server):
    url = feed_server.route("/feed", Route(status=503, headers={"Retry-After": "1"}), Route(body=b"x"))
    result = await fetch(url, FetchLimits(retry_after_cap=5, backoff=0.01))
    first, second = feed_server.requests_to("/feed")
    assert result.ok and 0.95 <= second.time - first.time < 1.6


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("retry_after", ["3600", http_date(3600)], ids=["seconds", "http-date"])
async def test_retry_after_is_clamped(feed_server, status, retry_after):
    url = feed_server.route("/feed", Route(status=status, headers={"Retry-After": retry_after}), Route(body=b"x"))
    result = await fetch(url, FetchLimits(retry_after_cap=0.3, backoff=0.01))
    first, second = feed_server.requests_to("/feed")
    # At least the cap shows the header was read (the backoff alone is 0.01 s); at most, clamped.
    assert result.ok and 0.3 <= second.time - first.time < 0.9


def test_retry_after_parsing():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=timezone.utc)
    assert parse_retry_after("120", now) == 120.0
    assert parse_retry_after("Wed, 01 May 2024 12:01:00 GMT", now) == 60.0
    assert parse_retry_after("Wed, 01 May 2024 11:00:00 GMT", now) == 0.0
    assert parse_retry_after("soon", now) is None and parse_retry_after("", now) is None
    assert parse_retry_after("-5", now) is None


async def test_connection_refused_is_retried_then_reported():
    result = await fetch(refused_url("/feed"))
    assert (result.error_kind, result.error, result.attempts) == ("refused", "connection refused", 2)


async def test_unknown_host_is_reported_without_retry():
    result = await fetch("http://news.invalid/feed.xml")
    assert (result.error_kind, result.error, result.attempts) == ("dns", "could not resolve host news.invalid", 1)


@pytest.mark.parametrize("status", [302, 303, 307])
async def test_temporary_redirect_is_followed_and_not_recorded(feed_server, status):
    feed_server.route("/old", redirect="/new", status=status)
    new = feed_server.route("/new", body=b"<rss/>")
    result = await fetch(feed_server.url("/old"))
    assert result.ok and result.final_url == new and result.content == b"<rss/>" and result.permanent_redirect == ""


@pytest.mark.parametrize("status", [301, 308])
async def test_permanent_redirect_is_recorded(feed_server, status):
    feed_server.route("/old", redirect=feed_server.url("/new"), status=status)
    new = feed_server.route("/new", body=b"<rss/>")
    result = await fetch(feed_server.url("/old"))
    assert result.ok and result.final_url == new and result.permanent_redirect == new


async def test_permanent_redirect_counts_only_while_every_hop_is_permanent(feed_server):
    feed_server.route("/a", redirect="/b", status=301)
    feed_server.route("/b", redirect="/c", status=302)
    feed_server.route("/c", redirect="/d", status=301)
    feed_server.route("/d", body=b"x")
    feed_server.route("/t", redirect="/a", status=307)
    assert (await fetch(feed_server.url("/a"))).permanent_redirect == feed_server.url("/b")
    assert (await fetch(feed_server.url("/t"))).permanent_redirect == ""


async def test_permanent_redirect_to_a_broken_address_is_not_recorded(feed_server):
    feed_server.route("/old", redirect="/missing", status=301)
    result = await fetch(feed_server.url("/old"))
    assert result.error == "HTTP 404 Not Found" and result.permanent_redirect == ""
    assert result.final_url == feed_server.url("/missing")


async def test_redirect_loop(feed_server):
    feed_server.route("/a", redirect="/b")
    feed_server.route("/b", redirect="/a")
    result = await fetch(feed_server.url("/a"))
    assert (result.error_kind, result.error) == ("redirect", "redirect loop")
    assert len(feed_server.requests) == 2


async def test_five_redirects_are_followed_but_not_six(feed_server):
    for i in range(6):
        feed_server.route(f"/r{i}", redirect=f"/r{i + 1}")
    feed_server.route("/r6", body=b"x")
    assert (await fetch(feed_server.url("/r1"))).ok
    result = await fetch(feed_server.url("/r0"))
    assert (result.error_kind, result.error) == ("redirect", "too many redirects")
    assert (await fetch(feed_server.url("/r3"), FetchLimits(max_redirects=2))).error == "too many redirects"


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.test/feed", "javascript:alert(1)",
                                    "data:text/xml,<rss/>", "gopher://example.test/"])
async def test_redirect_to_a_non_web_address_is_refused(feed_server, target):
    result = await fetch(feed_server.route("/feed", redirect=target))
    assert (result.error_kind, result.error) == ("redirect", "redirect to a non-web address refused")


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.test/feed", "not a url", "", "http://"])
async def test_non_web_feed_address_is_refused_without_a_request(url):
    result = await fetch(url)
    assert (result.error_kind, result.error, result.attempts) == ("invalid_url", "not a web address", 0)


@pytest.mark.parametrize("compress", ["gzip", "deflate", "raw-deflate"])
async def test_compressed_body_is_decoded(feed_server, compress):
    body = b"<rss>" + b"an item " * 5000 + b"</rss>"
    result = await fetch(feed_server.route("/feed", body=body, compress=compress))
    assert result.ok and result.content == body


async def test_x_gzip_is_gzip(feed_server):
    url = feed_server.route("/feed", body=zlib.compress(b"<rss/>", wbits=31), headers={"Content-Encoding": "x-gzip"})
    assert (await fetch(url)).content == b"<rss/>"


@pytest.mark.parametrize("route", [
    Route(b"x" * (MB + 1)),
    Route(b"x" * (MB + 1), chunked=True),
    Route(b"x" * (2 * MB), compress="gzip"),
], ids=["content-length", "chunked", "gzip"])
async def test_body_over_the_cap_is_refused(feed_server, route):
    result = await fetch(feed_server.route("/feed", route), FetchLimits(max_bytes=MB))
    assert (result.error_kind, result.error, result.content) == ("too_large", "response larger than 1 MB", b"")


async def test_body_at_the_cap_is_accepted(feed_server):
    result = await fetch(feed_server.route("/feed", body=b"x" * MB, compress="gzip"), FetchLimits(max_bytes=MB))
    assert result.ok and len(result.content) == MB


async def test_gzip_bomb_is_stopped_with_bounded_memory(feed_server):
    bomb = gzip_bomb(200)  # 200 MB of zeros in about 200 KB; built before measuring
    url = feed_server.route("/feed", body=bomb, headers={"Content-Encoding": "gzip"})
    tracemalloc.start()
    try:
        result = await fetch(url, FetchLimits(max_bytes=MB))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.error == "response larger than 1 MB"
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB"


async def test_default_cap_is_20_mb(feed_server):
    url = feed_server.route("/feed", body=gzip_bomb(32), headers={"Content-Encoding": "gzip"})
    result = await fetch(url, FetchLimits(deadline=5))
    assert (result.error_kind, result.error) == ("too_large", "response larger than 20 MB")


@pytest.mark.parametrize("headers", [{"Content-Encoding": "gzip, gzip"}, {"Content-Encoding": "gzip, deflate"},
                                     [("Content-Encoding", "gzip"), ("Content-Encoding", "gzip")]])
async def test_stacked_encodings_are_refused(feed_server, headers):
    body = zlib.compress(zlib.compress(b"<rss/>", wbits=31), wbits=31)
    result = await fetch(feed_server.route("/feed", body=body, headers=headers))
    assert (result.error_kind, result.error) == ("encoding", "stacked content encodings refused")


async def test_stacked_encoding_from_the_server_helper_is_refused(feed_server):
    result = await fetch(feed_server.route("/feed", body=b"<rss/>", compress="gzip, gzip"))
    assert result.error == "stacked content encodings refused"


async def test_unknown_encoding_is_refused_and_named_safely(feed_server):
    result = await fetch(feed_server.route("/feed", body=b"x", headers={"Content-Encoding": "br"}))
    assert (result.error_kind, result.error) == ("encoding", "unsupported content encoding br")
    # Header bytes come back as latin-1: a C1 control (8-bit CSI) must not reach the message.
    result = await fetch(feed_server.route("/evil", body=b"x", headers={"Content-Encoding": "\x9b2J" + "z" * 200}))
    assert "\x9b" not in result.error and len(result.error) < 60


async def test_corrupt_compressed_body_is_an_error(feed_server):
    result = await fetch(feed_server.route("/feed", body=b"\x1f\x8bnot gzip at all", headers={"Content-Encoding": "gzip"}))
    assert (result.error_kind, result.error) == ("encoding", "response could not be decompressed")


@pytest.mark.parametrize("chunked", [False, True], ids=["content-length", "chunked"])
async def test_body_that_ends_early_is_an_error(feed_server, chunked):
    result = await fetch(feed_server.route("/feed", body=b"<rss>" + b"x" * 1000, truncate=100, chunked=chunked))
    assert not result.ok and (result.error_kind, result.error) == ("truncated", "response cut short")
    assert result.content == b""


async def test_gzip_stream_that_stops_early_is_an_error(feed_server):
    cut = zlib.compress(b"<rss>" + bytes(range(256)) * 100, wbits=31)[:-20]
    result = await fetch(feed_server.route("/feed", body=cut, headers={"Content-Encoding": "gzip"}))
    assert (result.error_kind, result.error) == ("truncated", "response cut short")


@pytest.fixture(scope="module")
def tls_files(tmp_path_factory):
    """A self-signed certificate for IP 127.0.0.1 only, made with the openssl command."""
    if shutil.which("openssl") is None:
        pytest.skip("the openssl command is not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    made = subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(key), "-out", str(cert), "-days", "2", "-subj", "/CN=broadsheet test",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        capture_output=True, timeout=30,
    )
    if made.returncode != 0:
        pytest.skip(f"openssl could not make a certificate: {made.stderr.decode(errors='replace')[:200]}")
    return str(cert), str(key)


async def test_tls_certificate_is_verified(tls_files):
    with FeedServer(tls=tls_files) as server:
        url = server.route("/feed", body=b"<rss/>")
        result = await fetch(url)
        assert (result.error_kind, result.error, result.attempts) == ("tls", "TLS certificate not trusted", 1)
        trusting = httpx.AsyncHTTPTransport(verify=ssl.create_default_context(cafile=tls_files[0]))
        result = await fetch_one(FetchRequest(url), FAST, transport=trusting)
        assert result.ok and result.content == b"<rss/>"
        trusting = httpx.AsyncHTTPTransport(verify=ssl.create_default_context(cafile=tls_files[0]))
        result = await fetch_one(FetchRequest(server.url("/feed", host="localhost")), FAST, transport=trusting)
        assert (result.error_kind, result.error) == ("tls", "TLS certificate is for a different site")


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
    assert time.monotonic() - started < 0.5 and results == []
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


@pytest.mark.parametrize("n, text", [(20 * MB, "20 MB"), (MB + MB // 2, "1.5 MB"), (512 * 1024, "512 KB"), (100, "100 bytes")])
def test_size_text(n, text):
    assert size_text(n) == text


async def test_server_latency_and_log():
    with FeedServer(latency=0.05) as server:
        requests = [FetchRequest(server.route(f"/f{i}", body=b"x")) for i in range(8)]
        started = time.monotonic()
        results = [r async for r in fetch_many(requests, FetchLimits(concurrency=8, per_host=8))]
        assert all(r.ok for r in results) and 0.05 <= time.monotonic() - started < 0.4
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
    assert time.monotonic() - started < 1.0 and server.open_connections == 0
    for client in clients:
        client.close()
