"""A local HTTP(S) server for tests and benchmarks: routes per path, conditional GET, slow and broken answers."""

from __future__ import annotations

import contextlib
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from urllib.parse import urlsplit

# Route and the helpers are re-exported, so tests and benchmarks import everything from this module.
from tests.feedserver_routes import LoggedRequest, Responder, Route, RouteHandler, gzip_bomb, http_date

__all__ = [
    "FeedServer", "LoggedRequest", "Responder", "Route", "gzip_bomb", "http_date", "refused_url", "unanswered_url",
]


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
        server = _Server(("127.0.0.1", 0), RouteHandler, bind_and_activate=True)
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

    def _log(self, handler: RouteHandler) -> LoggedRequest:
        headers: dict[str, str] = {}
        for name, value in handler.headers.items():
            name = name.lower()
            headers[name] = f"{headers[name]}, {value}" if name in headers else value
        with self._lock:
            number = self._sockets.get(handler.request, (0, None))[0]
            entry = LoggedRequest(
                handler.command, handler.path, headers, headers.get("host", ""), time.monotonic(), number
            )
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
