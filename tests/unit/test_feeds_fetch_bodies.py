"""The feed fetcher's response bodies: content encodings, size caps, gzip bombs, bodies cut short."""

from __future__ import annotations

import tracemalloc
import zlib

import pytest

from reader.feeds.http import FetchLimits
from reader.feeds.http_errors import size_text
from tests.feedkit import go_offline
from tests.feedserver import Route, gzip_bomb
from tests.fetchkit import fetch

MB = 1024 * 1024


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reaches the internet: names resolve to 127.0.0.1 (localhost, *.test) or not at all."""
    go_offline(monkeypatch)


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
    result = await fetch(
        feed_server.route("/feed", body=b"\x1f\x8bnot gzip at all", headers={"Content-Encoding": "gzip"})
    )
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


@pytest.mark.parametrize(
    "n, text", [(20 * MB, "20 MB"), (MB + MB // 2, "1.5 MB"), (512 * 1024, "512 KB"), (100, "100 bytes")]
)
def test_size_text(n, text):
    assert size_text(n) == text
