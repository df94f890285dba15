"""Why a feed fetch failed: FetchError and the short messages users see, from httpx errors and statuses."""

from __future__ import annotations

import errno
import socket
import ssl
from collections.abc import Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from http import HTTPStatus

import httpx

from reader.ingest.sanitize import clean_line

from ..errors import BroadsheetError

#: Statuses worth one more try: the server is busy, restarting, or behind a flaky proxy.
TRANSIENT_STATUSES = frozenset({429, 502, 503, 504})

# The resolver said the name does not exist; asking again in half a second will not change that.
_NAME_UNKNOWN = {getattr(socket, name) for name in ("EAI_NONAME", "EAI_NODATA", "EAI_FAIL") if hasattr(socket, name)}

# OpenSSL verify codes worth their own message; everything else is "not trusted".
_CERT_EXPIRED = 10
_CERT_WRONG_HOST = 62


class FetchError(BroadsheetError):
    """A failed fetch: a message for the user, a kind for the program, and whether to try again."""

    def __init__(self, message: str, kind: str, *, transient: bool = False, retry_after: float | None = None,
                 status: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.transient = transient
        self.retry_after = retry_after
        self.status = status
        self.url = ""
        """The address being fetched when it failed (after any redirects)."""


def shown(text: str, limit: int = 40) -> str:
    """Server-controlled text made safe and short enough to quote in a message."""
    text = clean_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def size_text(n: int) -> str:
    """20971520 -> "20 MB"; sizes that are not whole megabytes keep one decimal."""
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            value = n / scale
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


def status_error(response: httpx.Response) -> FetchError:
    """The failure for a final response that is neither content, 304 nor a redirect."""
    status = response.status_code
    # Our own reason phrase: the server's is arbitrary bytes and says nothing a table would not.
    try:
        message = f"HTTP {status} {HTTPStatus(status).phrase}"
    except ValueError:
        message = f"HTTP {status}"
    if status == 410:
        return FetchError(message, "gone", status=status)
    retry_after = None
    if status in (429, 503):
        retry_after = parse_retry_after(response.headers.get("retry-after", ""))
    return FetchError(message, "http", transient=status in TRANSIENT_STATUSES, retry_after=retry_after, status=status)


def parse_retry_after(value: str, now: datetime | None = None) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP-date); None if unreadable."""
    value = value.strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """The exception and everything it was raised from, including members of exception groups."""
    stack: list[BaseException | None]
    seen: set[int]
    stack, seen = [exc], set()
    while stack:
        current = stack.pop()
        if current is None or id(current) in seen:
            continue
        seen.add(id(current))
        yield current
        if isinstance(current, BaseExceptionGroup):
            stack.extend(current.exceptions)
        stack.extend((current.__cause__, current.__context__))


def _connect_error(exc: BaseException, host: str) -> FetchError:
    causes = list(_causes(exc))
    for cause in causes:
        if isinstance(cause, ssl.SSLCertVerificationError):
            if cause.verify_code == _CERT_EXPIRED:
                return FetchError("TLS certificate expired", "tls")
            if cause.verify_code == _CERT_WRONG_HOST:
                return FetchError("TLS certificate is for a different site", "tls")
            return FetchError("TLS certificate not trusted", "tls")
    for cause in causes:
        if isinstance(cause, ssl.SSLError):
            return FetchError("TLS handshake failed", "tls")
        if isinstance(cause, socket.gaierror):
            if cause.errno in _NAME_UNKNOWN:
                return FetchError(f"could not resolve host {shown(host, 80)}", "dns")
            return FetchError(f"could not look up host {shown(host, 80)}", "dns", transient=True)
        if isinstance(cause, ConnectionRefusedError):
            return FetchError("connection refused", "refused", transient=True)
        if isinstance(cause, OSError) and cause.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
            return FetchError("network unreachable", "connect", transient=True)
    return FetchError("could not connect", "connect", transient=True)


def from_exception(exc: Exception, *, host: str, connect_timeout: float, deadline: float) -> FetchError:
    """The FetchError for an exception raised by httpx (or the network below it) during a fetch."""
    if isinstance(exc, FetchError):
        return exc
    if isinstance(exc, httpx.ConnectTimeout):
        return FetchError(f"could not connect within {connect_timeout:g} s", "timeout", transient=True)
    if isinstance(exc, (httpx.TimeoutException, TimeoutError)):
        return FetchError(f"timed out after {deadline:g} s", "timeout", transient=True)
    if isinstance(exc, httpx.ConnectError):
        return _connect_error(exc, host)
    if isinstance(exc, httpx.RemoteProtocolError):
        text = str(exc)
        # h11's words for a body shorter than its Content-Length or an unfinished chunked body.
        if "incomplete" in text or "complete message body" in text:
            return FetchError("response cut short", "truncated", transient=True)
        if "without sending a response" in text:
            return FetchError("connection closed without a response", "protocol", transient=True)
        return FetchError("the server broke the HTTP protocol", "protocol")
    if isinstance(exc, (httpx.ReadError, httpx.WriteError, httpx.NetworkError)):
        return FetchError("connection lost", "network", transient=True)
    if isinstance(exc, (httpx.InvalidURL, httpx.UnsupportedProtocol)):
        return FetchError("not a valid web address", "invalid_url")
    if isinstance(exc, ssl.SSLError):
        return FetchError("TLS handshake failed", "tls")
    return FetchError(f"unexpected error ({type(exc).__name__})", "internal")
