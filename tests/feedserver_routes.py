"""What the test server answers: Route and LoggedRequest, body encodings, and the handler that serves them."""

from __future__ import annotations

import email.utils
import select
import socket
import ssl
import time
import zlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.feedserver import _Server


@dataclass(frozen=True)
class Route:
    """One answer. ``server.route(path, *routes)`` serves them in turn; the last one repeats."""

    body: bytes = b""
    status: int = 200
    headers: Mapping[str, str] | Sequence[tuple[str, str]] = ()
    """Extra headers, sent as given; a list of pairs may repeat a name."""
    etag: str = ""
    """Sent as ETag; a request whose If-None-Match matches gets 304."""
    last_modified: str = ""
    """Sent as Last-Modified; a request whose If-Modified-Since is not older gets 304."""
    redirect: str = ""
    """Location to send, verbatim (relative, absolute, file:...); status 302 unless a 3xx is given."""
    delay: float = 0.0
    """Seconds to wait before the status line (on top of the server's latency)."""
    silent: bool = False
    """Read the request, then never answer until the server stops."""
    drip: float = 0.0
    """Seconds between body pieces of drip_size bytes."""
    drip_size: int = 1
    compress: str = ""
    """Codings to apply to body, in order, and to name in Content-Encoding: "gzip", "deflate"
    (zlib), "raw-deflate" (bare deflate, also named "deflate"), or stacked: "gzip, gzip"."""
    truncate: int | None = None
    """Announce the whole body in Content-Length (or leave a chunked body unfinished), send only
    this many bytes, then close."""
    chunked: bool = False
    """Transfer-Encoding: chunked instead of Content-Length."""
    close: bool = False
    """Close the connection after answering."""


Responder = Route | Callable[["LoggedRequest"], Route]


@dataclass(frozen=True)
class LoggedRequest:
    method: str
    path: str
    """The path and query as requested."""
    headers: dict[str, str]
    """Lower-case names; repeated headers joined with ", "."""
    host: str
    """The Host header, e.g. "127.0.0.1:43210"."""
    time: float
    """time.monotonic() when the request had been read."""
    connection: int
    """Which connection it came on (numbered from 1), to see keep-alive at work."""


def _encode(body: bytes, coding: str) -> bytes:
    if coding == "gzip":
        compressor = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    elif coding == "deflate":
        compressor = zlib.compressobj(6, zlib.DEFLATED, zlib.MAX_WBITS)
    elif coding == "raw-deflate":
        compressor = zlib.compressobj(6, zlib.DEFLATED, -zlib.MAX_WBITS)
    else:
        raise ValueError(f"the test server cannot apply {coding!r}")
    return compressor.compress(body) + compressor.flush()


@cache
def gzip_bomb(megabytes: int) -> bytes:
    """A gzip stream of ``megabytes`` MiB of zeros, about 1/1000 of that size; built in milliseconds."""
    block = bytes(1 << 20)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    # After a full flush the compressor forgets everything, so every block compresses the same way.
    piece = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    tail = deflate.flush()
    crc = 0
    for _ in range(megabytes):
        crc = zlib.crc32(block, crc)
    size = (megabytes << 20) & 0xFFFFFFFF
    header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
    return header + piece * megabytes + tail + crc.to_bytes(4, "little") + size.to_bytes(4, "little")


def http_date(seconds_from_now: float = 0.0) -> str:
    return email.utils.formatdate(time.time() + seconds_from_now, usegmt=True)


def _not_modified(route: Route, headers) -> bool:
    if route.status != 200:
        return False
    none_match = headers.get("If-None-Match")
    if none_match is not None and route.etag:
        tags = {t.strip().removeprefix("W/") for t in none_match.split(",")}
        return "*" in tags or route.etag.removeprefix("W/") in tags
    since = headers.get("If-Modified-Since")
    if since and route.last_modified:
        try:
            return email.utils.parsedate_to_datetime(since) >= email.utils.parsedate_to_datetime(route.last_modified)
        except (TypeError, ValueError):
            return False
    return False


class RouteHandler(BaseHTTPRequestHandler):
    """Answers one connection's requests from the owning FeedServer's route table."""

    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        if isinstance(self.request, ssl.SSLSocket):
            self.request.settimeout(5)
            self.request.do_handshake()
            self.request.settimeout(None)
        super().setup()

    def log_message(self, format: str, *args) -> None:  # the test output is no place for access logs
        pass

    def do_HEAD(self) -> None:
        self._answer(send_body=False)

    def do_POST(self) -> None:  # API clients (the sync's tt-rss fakes): the body is read and ignored
        self.rfile.read(int(self.headers.get("content-length") or 0))
        self._answer(True)

    def do_GET(self) -> None:
        self._answer(send_body=True)

    def _answer(self, send_body: bool) -> None:
        owner = self.server.owner
        logged = owner._log(self)
        owner._started(logged.host)
        try:
            route = owner._route_for(logged)
            if self._hold(owner.latency + route.delay) or route.silent and self._hold(None):
                self.close_connection = True
                return
            self._respond(route, send_body)
        finally:
            owner._ended(logged.host)

    def _hold(self, seconds: float | None) -> bool:
        """Waits ``seconds`` (None: for ever); True, and at once, if the server stops or the client hangs up."""
        stopping = self.server.owner._stopping
        end = None if seconds is None else time.monotonic() + seconds
        while True:
            step = 0.05 if end is None else min(0.05, end - time.monotonic())
            if step <= 0:
                return stopping.is_set()
            if stopping.wait(step) or self._hung_up():
                return True

    def _hung_up(self) -> bool:
        try:
            readable, _, _ = select.select([self.request], [], [], 0)
            # The raw socket's peek: under TLS too, an orderly close shows as end of file.
            return bool(readable) and socket.socket.recv(self.request, 1, socket.MSG_PEEK) == b""
        except (OSError, ValueError):
            return True

    def _respond(self, route: Route, send_body: bool) -> None:
        status, body = route.status, route.body
        headers = list(route.headers.items()) if isinstance(route.headers, Mapping) else list(route.headers)
        if route.redirect:
            status = status if 300 <= status < 400 else 302
            headers.append(("Location", route.redirect))
        if route.etag:
            headers.append(("ETag", route.etag))
        if route.last_modified:
            headers.append(("Last-Modified", route.last_modified))
        if _not_modified(route, self.headers):
            status, body = 304, b""
        elif route.compress:
            codings = [c.strip() for c in route.compress.split(",")]
            for coding in codings:
                body = _encode(body, coding)
            headers.append(("Content-Encoding", ", ".join(c.removeprefix("raw-") for c in codings)))
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        if route.chunked:
            self.send_header("Transfer-Encoding", "chunked")
        elif status != 304:
            self.send_header("Content-Length", str(len(body)))
        if route.close or route.truncate is not None:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if not send_body or status == 304:
            return
        if route.truncate is not None:
            body = body[: route.truncate]
        self._send_body(body, route)
        self.wfile.flush()

    def _send_body(self, body: bytes, route: Route) -> None:
        size = route.drip_size if route.drip else 64 * 1024
        for start in range(0, len(body), size):
            if start and route.drip and self._hold(route.drip):
                self.close_connection = True
                return
            piece = body[start : start + size]
            self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece) if route.chunked else piece)
            if route.drip:
                self.wfile.flush()
        if route.chunked and route.truncate is None:
            self.wfile.write(b"0\r\n\r\n")

