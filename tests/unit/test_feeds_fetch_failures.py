"""The feed fetcher when requests fail: timeouts, retries and Retry-After, unreachable hosts, redirects, TLS."""

from __future__ import annotations

import shutil
import ssl
import subprocess
import time
from datetime import UTC, datetime

import httpx
import pytest

from reader.feeds.http import FetchLimits, FetchRequest, fetch_one
from reader.feeds.http_errors import parse_retry_after
from tests.feedkit import go_offline
from tests.feedserver import FeedServer, Route, http_date, refused_url, unanswered_url
from tests.fetchkit import FAST, fetch


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the internet: names resolve to 127.0.0.1 (localhost, *.test) or not at all."""
    go_offline(monkeypatch)


async def test_connect_timeout():
    with unanswered_url() as url:
        if not url:
            pytest.skip("this system completes connections beyond the listen backlog")
        started = time.monotonic()
        result = await fetch(url, FetchLimits(connect_timeout=0.2, retries=0))
    assert (result.error_kind, result.error) == ("timeout", "could not connect within 0.2 s")
    assert time.monotonic() - started < 5.0  # the default would wait 10 s


@pytest.mark.parametrize("route", [Route(silent=True), Route(body=b"x" * 200, drip=0.05), Route(b"x", delay=5)],
                         ids=["silent", "drip", "slow-headers"])
async def test_deadline_covers_the_whole_request(feed_server, route):
    url = feed_server.route("/feed", route)
    started = time.monotonic()
    result = await fetch(url, FetchLimits(deadline=0.4, retries=0))
    assert (result.error_kind, result.error) == ("timeout", "timed out after 0.4 s")
    assert time.monotonic() - started < 4.0 and result.attempts == 1  # slow headers take 5 s


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
    assert 0.2 <= second.time - first.time < 5.0


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
    assert result.ok and 0.95 <= second.time - first.time < 4.5  # the cap (5 s) was not what waited


@pytest.mark.parametrize("status", [429, 503])
@pytest.mark.parametrize("retry_after", ["3600", http_date(3600)], ids=["seconds", "http-date"])
async def test_retry_after_is_clamped(feed_server, status, retry_after):
    url = feed_server.route("/feed", Route(status=status, headers={"Retry-After": retry_after}), Route(body=b"x"))
    result = await fetch(url, FetchLimits(retry_after_cap=0.3, backoff=0.01))
    first, second = feed_server.requests_to("/feed")
    # At least the cap shows the header was read (the backoff alone is 0.01 s); at most, clamped.
    assert result.ok and 0.3 <= second.time - first.time < 10.0


def test_retry_after_parsing():
    now = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)
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
