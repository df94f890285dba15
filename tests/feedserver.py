"""A local HTTP(S) server for tests and benchmarks: routes per path, conditional GET, slow and broken answers."""

from __future__ import annotations

import contextlib
import email.utils
import select
import socket
import ssl
import threading
import time
import zlib
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Iterator, Mapping, Sequence, Union
from urllib.parse import urlsplit


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


Responder = Union[Route, Callable[["LoggedRequest"], Route]]


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


class _Handler(BaseHTTPRequestHandler):
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


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # FeedServer.stop joins the handlers itself, with a time limit
    request_queue_size = 128  # a burst of connections must not wait out a SYN retry
    owner: FeedServer
    tls: ssl.SSLContext | None = None

    def get_request(self):
        sock, address = super().get_request()
        if self.tls is not None:
            # The handshake happens in the handler's thread, so a stalled client blocks no one else.
            sock = self.tls.wrap_socket(sock, server_side=True, do_handshake_on_connect=False)
        return sock, address

    def process_request_thread(self, request, client_address) -> None:
        with self.owner._connection(request):
            super().process_request_thread(request, client_address)

    def handle_error(self, request, client_address) -> None:
        # Clients that hang up, fail TLS or get cut off are what these tests are about; stay quiet.
        pass


class FeedServer:
    """A threaded HTTP server on 127.0.0.1 with a route table; use as a context manager.

    ``latency`` is added before every answer. ``tls=(certfile, keyfile)`` serves HTTPS.
    """

    def __init__(self, *, latency: float = 0.0, tls: tuple[str, str] | None = None) -> None:
        self.latency = latency
        self._tls_files = tls
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._routes: dict[str, list[Responder]] = {}
        self._hits: dict[str, int] = {}
        self._log_entries: list[LoggedRequest] = []
        self._sockets: dict[socket.socket, tuple[int, threading.Thread]] = {}
        self._connections = 0
        self._in_flight: dict[str, int] = {}
        self._peak_by_host: dict[str, int] = {}
        self._peak = 0
        self._peak_connections = 0
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> FeedServer:
        server = _Server(("127.0.0.1", 0), _Handler, bind_and_activate=True)
        server.owner = self
        if self._tls_files:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self._tls_files)
            server.tls = context
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        """Stops serving, hangs up on every connection (silent ones too) and waits for the handlers."""
        if self._server is None:
            return
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        with self._lock:
            connections = list(self._sockets.items())
        for sock, _ in connections:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
        end = time.monotonic() + timeout
        for _, (_, thread) in connections:
            thread.join(max(0.0, end - time.monotonic()))
        self._server = None

    def __enter__(self) -> FeedServer:
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()

    @property
    def port(self) -> int:
        assert self._server is not None, "the server is not running"
        return self._server.server_address[1]

    def url(self, path: str = "/", host: str = "127.0.0.1") -> str:
        """The address of ``path``; ``host="localhost"`` reaches the same server under another host name."""
        scheme = "https" if self._tls_files else "http"
        return f"{scheme}://{host}:{self.port}{path}"

    def route(self, path: str, *responses: Responder, **fields) -> str:
        """Serve ``path`` (query ignored): the given Routes in turn, or one Route(**fields). Returns its URL.

        A responder may be a function of the LoggedRequest returning a Route.
        """
        if fields:
            responses = (*responses, Route(**fields))
        with self._lock:
            self._routes[path] = list(responses) or [Route()]
            self._hits[path] = 0
        return self.url(path)

    @property
    def requests(self) -> list[LoggedRequest]:
        with self._lock:
            return list(self._log_entries)

    def requests_to(self, path: str) -> list[LoggedRequest]:
        return [r for r in self.requests if urlsplit(r.path).path == path]

    @property
    def peak_in_flight(self) -> int:
        """Most requests being answered at the same moment."""
        return self._peak

    def peak_in_flight_for(self, host: str) -> int:
        """Most requests at once whose Host header started with ``host`` ("localhost", "127.0.0.1")."""
        with self._lock:
            return max((n for h, n in self._peak_by_host.items() if h.split(":")[0] == host), default=0)

    @property
    def in_flight(self) -> int:
        with self._lock:
            return sum(self._in_flight.values())

    @property
    def open_connections(self) -> int:
        with self._lock:
            return len(self._sockets)

    @property
    def peak_connections(self) -> int:
        return self._peak_connections

    def reset_stats(self) -> None:
        """Forget the log and the peaks (routes stay)."""
        with self._lock:
            self._log_entries.clear()
            self._peak_by_host.clear()
            self._peak = self._peak_connections = 0

    def _log(self, handler: _Handler) -> LoggedRequest:
        headers: dict[str, str] = {}
        for name, value in handler.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        with self._lock:
            number = self._sockets.get(handler.request, (0, None))[0]
            entry = LoggedRequest(handler.command, handler.path, headers, headers.get("host", ""), time.monotonic(), number)
            self._log_entries.append(entry)
        return entry

    def _route_for(self, request: LoggedRequest) -> Route:
        path = urlsplit(request.path).path
        with self._lock:
            responses = self._routes.get(path)
            if responses is None:
                return Route(b"not found", status=404)
            hit = self._hits[path]
            self._hits[path] = hit + 1
        responder = responses[min(hit, len(responses) - 1)]
        return responder(request) if callable(responder) else responder

    def _started(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] = self._in_flight.get(host, 0) + 1
            self._peak_by_host[host] = max(self._peak_by_host.get(host, 0), self._in_flight[host])
            self._peak = max(self._peak, sum(self._in_flight.values()))

    def _ended(self, host: str) -> None:
        with self._lock:
            self._in_flight[host] -= 1

    @contextlib.contextmanager
    def _connection(self, sock: socket.socket) -> Iterator[None]:
        with self._lock:
            self._connections += 1
            self._sockets[sock] = (self._connections, threading.current_thread())
            self._peak_connections = max(self._peak_connections, len(self._sockets))
        try:
            yield
        finally:
            with self._lock:
                self._sockets.pop(sock, None)


def refused_url(path: str = "/") -> str:
    """An address on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}{path}"


@contextlib.contextmanager
def unanswered_url(path: str = "/") -> Iterator[str]:
    """An address whose connections never complete: the listen queue is full, so SYNs go unanswered.

    Yields "" where the system completes them anyway (then a connect timeout cannot be provoked).
    """
    listener = socket.socket()
    fillers: list[socket.socket] = []
    try:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        for _ in range(3):
            filler = socket.socket()
            filler.setblocking(False)
            with contextlib.suppress(BlockingIOError):
                filler.connect(("127.0.0.1", port))
            fillers.append(filler)
        with socket.socket() as check:
            check.settimeout(0.2)
            try:
                check.connect(("127.0.0.1", port))
                yield ""
                return
            except OSError:
                pass
        yield f"http://127.0.0.1:{port}{path}"
    finally:
        for sock in (*fillers, listener):
            sock.close()
