"""Fetching feeds over HTTP with httpx: many at once, within limits, every failure a FetchResult."""

from __future__ import annotations

import asyncio
import importlib.util
import random
import ssl
import sys
import time
from collections.abc import AsyncGenerator, AsyncIterator, Iterable
from contextlib import aclosing, asynccontextmanager
from dataclasses import replace
from functools import cache
from importlib.metadata import PackageNotFoundError, version

import httpx

from reader.feeds.hosts import refuse_private
from reader.feeds.http_body import read_body
from reader.feeds.http_errors import FetchError, from_exception, status_error
from reader.feeds.http_types import DEFAULT_LIMITS, FetchLimits, FetchRequest, FetchResult

__all__ = ["DEFAULT_LIMITS", "FetchLimits", "FetchRequest", "FetchResult", "fetch_many", "fetch_one", "user_agent"]

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_PERMANENT = frozenset({301, 308})
_WEB_SCHEMES = ("http", "https")
_LOCATION = "broadsheet.location"

# What a feed reader can use, best first; "*/*" last because plenty of feeds are served as text/html.
_ACCEPT = (
    "application/atom+xml, application/rss+xml, application/feed+json, application/xml;q=0.9, text/xml;q=0.9, "
    "*/*;q=0.8"
)


@cache
def user_agent() -> str:
    try:
        release = version("broadsheet")
    except PackageNotFoundError:
        release = "dev"
    return f"broadsheet/{release} (feed reader)"


def _validator(value: str | None) -> str:
    """An ETag or Last-Modified worth storing and sending back: short printable ASCII only."""
    if not value or len(value) > 512 or not all(" " <= c <= "~" or c == "\t" for c in value):
        return ""
    return value


def _host(url: httpx.URL) -> str:
    return url.host.lower()


class _Gate:
    """Admits a request when its host has a free slot and then the whole pool does."""

    def __init__(self, limits: FetchLimits) -> None:
        self._total = asyncio.Semaphore(limits.concurrency)
        self._per_host = limits.per_host
        self._hosts: dict[str, asyncio.Semaphore] = {}

    @asynccontextmanager
    async def slot(self, host: str) -> AsyncIterator[None]:
        # Host first: a request queued behind its busy host must not hold one of the pool's slots.
        host_slot = self._hosts.setdefault(host, asyncio.Semaphore(self._per_host))
        async with host_slot, self._total:
            yield


class _Attempt:
    """One try at a request: follows redirects by hand and remembers how far it got."""

    def __init__(self, client: httpx.AsyncClient, request: FetchRequest, limits: FetchLimits) -> None:
        self.client = client
        self.request = request
        self.limits = limits
        self.url = httpx.URL(request.url)
        self.status: int | None = None
        self.permanent = ""

    def _headers(self) -> dict[str, str]:
        accept = self.request.accept or _ACCEPT
        headers = {"User-Agent": user_agent(), "Accept": accept, "Accept-Encoding": "gzip, deflate"}
        if etag := _validator(self.request.etag):
            headers["If-None-Match"] = etag
        if modified := _validator(self.request.last_modified):
            headers["If-Modified-Since"] = modified
        return headers

    def _next_url(self, response: httpx.Response, visited: set[str], hops: int) -> httpx.URL:
        try:
            target = response.url.join(response.extensions[_LOCATION])
        except (httpx.InvalidURL, UnicodeError, ValueError):
            raise FetchError("redirect to an invalid address", "redirect") from None
        if target.scheme not in _WEB_SCHEMES or not target.host:
            raise FetchError("redirect to a non-web address refused", "redirect")
        if str(target.copy_with(fragment=None)) in visited:
            raise FetchError("redirect loop", "redirect")
        if hops >= self.limits.max_redirects:
            raise FetchError("too many redirects", "redirect")
        return target

    async def run(self) -> FetchResult:
        visited = {str(self.url.copy_with(fragment=None))}
        still_permanent = True
        hops = 0
        headers = self._headers()
        while True:
            self.status = None
            if not self.limits.private_hosts:
                # Checked at every hop: a public page may redirect to the router's address.
                await refuse_private(self.url)
            response = await self.client.send(self.client.build_request("GET", self.url, headers=headers), stream=True)
            try:
                self.status = response.status_code
                if self.status in _REDIRECTS and _LOCATION in response.extensions:
                    target = self._next_url(response, visited, hops)
                    still_permanent = still_permanent and self.status in _PERMANENT
                    if still_permanent:
                        self.permanent = str(target)
                    visited.add(str(target.copy_with(fragment=None)))
                    self.url, hops = target, hops + 1
                    continue
                return await self._finish(response)
            finally:
                await response.aclose()

    async def _finish(self, response: httpx.Response) -> FetchResult:
        status = response.status_code
        if status == 304:
            content = b""
        elif 200 <= status < 300:
            content = await read_body(response, self.limits.max_bytes)
        else:
            raise status_error(response)
        # A 304 need not repeat the validators; the ones we sent are still the right ones.
        etag = _validator(response.headers.get("etag")) or (self.request.etag if status == 304 else "")
        modified = _validator(response.headers.get("last-modified")) or (
            self.request.last_modified if status == 304 else ""
        )
        return FetchResult(
            request=self.request, final_url=str(response.url), status=status, headers=dict(response.headers.items()),
            content=content, not_modified=status == 304, permanent_redirect=self.permanent, etag=etag,
            last_modified=modified,
        )


async def _try_once(client: httpx.AsyncClient, request: FetchRequest, limits: FetchLimits) -> FetchResult:
    """One attempt within the deadline; raises FetchError for every kind of failure."""
    attempt = _Attempt(client, request, limits)
    try:
        async with asyncio.timeout(limits.deadline):
            return await attempt.run()
    except FetchError as exc:
        exc.status, exc.url = exc.status or attempt.status, str(attempt.url)
        raise
    except Exception as exc:  # TimeoutError from the deadline included
        error = from_exception(
            exc, host=attempt.url.host, connect_timeout=limits.connect_timeout, deadline=limits.deadline
        )
        error.status, error.url = error.status or attempt.status, str(attempt.url)
        raise error from None


def _pause(error: FetchError, attempt: int, limits: FetchLimits) -> float:
    pause: float = limits.backoff * 2 ** (attempt - 1) * random.uniform(1.0, 1.5)
    if error.retry_after is not None:
        pause = max(pause, min(error.retry_after, limits.retry_after_cap))
    return pause


async def _fetch(client: httpx.AsyncClient, gate: _Gate, request: FetchRequest, limits: FetchLimits) -> FetchResult:
    started = time.monotonic()
    try:
        url = httpx.URL(request.url)
    except (httpx.InvalidURL, UnicodeError, ValueError, TypeError):
        url = None
    if url is None or url.scheme not in _WEB_SCHEMES or not url.host:
        return FetchResult(request, error="not a web address", error_kind="invalid_url", attempts=0)
    attempt = 0
    while True:
        attempt += 1
        try:
            # The slot is given back before any backoff, so a waiting retry does not block others.
            # It is the feed's own host that is limited, even when a redirect leads elsewhere.
            async with gate.slot(_host(url)):
                result = await _try_once(client, request, limits)
            return _stamped(result, started, attempt)
        except FetchError as error:
            if not error.transient or attempt > limits.retries:
                return _stamped(_failure(request, error), started, attempt)
            await asyncio.sleep(_pause(error, attempt, limits))


def _stamped(result: FetchResult, started: float, attempts: int) -> FetchResult:
    return replace(result, elapsed=time.monotonic() - started, attempts=attempts)


def _failure(request: FetchRequest, error: FetchError) -> FetchResult:
    return FetchResult(
        request, final_url=error.url, status=error.status, error=error.message,
        error_kind=error.kind, gone=error.kind == "gone",
    )


async def _fetch_into(
    finished: asyncio.Queue[FetchResult], client: httpx.AsyncClient, gate: _Gate, request: FetchRequest,
    limits: FetchLimits, backlog: asyncio.Semaphore | None = None,
) -> None:
    if backlog is not None:
        await backlog.acquire()
    try:
        result = await _fetch(client, gate, request, limits)
    except Exception as exc:  # a bug in one fetch must not sink the whole refresh
        result = FetchResult(request, error=f"unexpected error ({type(exc).__name__})", error_kind="internal")
    finished.put_nowait(result)


@cache
def _tls_context() -> ssl.SSLContext:
    # Loading the CA bundle takes ~25 ms; one verified context serves every client of the process.
    return httpx.create_ssl_context()


async def _take_location(response: httpx.Response) -> None:
    # httpx parses Location even when it is not following redirects, and raises on the addresses
    # we want to refuse with a clear message (javascript:, data:); _Attempt reads it from here.
    if "location" in response.headers:
        response.extensions = {**response.extensions, _LOCATION: response.headers["location"]}
        del response.headers["location"]


@cache
def _without_sniffio() -> None:
    """Make a missing sniffio fail fast. httpcore imports it afresh for every request it queues
    and, when it is not installed (newer anyio no longer needs it), each failed import searches
    the whole of sys.path: a sixth of a 200-feed fetch's main-process time. None in sys.modules
    is Python's own "known not importable"."""
    if "sniffio" not in sys.modules and importlib.util.find_spec("sniffio") is None:
        sys.modules["sniffio"] = None  # type: ignore[assignment]


def _client(limits: FetchLimits, transport: httpx.AsyncBaseTransport | None) -> httpx.AsyncClient:
    _without_sniffio()
    # httpx's own timeouts back up the deadline; read would otherwise reset with every byte dripped.
    timeout = httpx.Timeout(limits.deadline, connect=limits.connect_timeout)
    pool = httpx.Limits(max_connections=limits.concurrency, max_keepalive_connections=limits.concurrency)
    return httpx.AsyncClient(
        transport=transport, verify=_tls_context(), timeout=timeout, limits=pool, follow_redirects=False,
        event_hooks={"response": [_take_location]},
    )


async def fetch_many(
    requests: Iterable[FetchRequest], limits: FetchLimits = DEFAULT_LIMITS, *,
    transport: httpx.AsyncBaseTransport | None = None, backlog: asyncio.Semaphore | None = None,
) -> AsyncGenerator[FetchResult, None]:
    """Yields a result for every request, as they complete; failures are results, never exceptions.

    With ``backlog``, each fetch takes one of its permits before it starts and the caller gives
    it back once done with the result: downloads never run further ahead of the caller than that.

    Cancel the task iterating it, or close it early (``async with aclosing(fetch_many(...))``), and
    every fetch still running is cancelled and the connections closed before it returns.
    """
    pending = list(requests)
    if not pending:
        return
    finished: asyncio.Queue[FetchResult] = asyncio.Queue()
    gate = _Gate(limits)
    async with _client(limits, transport) as client:
        tasks = [asyncio.create_task(_fetch_into(finished, client, gate, r, limits, backlog)) for r in pending]
        try:
            for _ in pending:
                yield await finished.get()
        finally:
            for task in tasks:
                task.cancel()
            await asyncio.gather(*tasks, return_exceptions=True)


async def fetch_one(
    request: FetchRequest, limits: FetchLimits = DEFAULT_LIMITS, *, transport: httpx.AsyncBaseTransport | None = None
) -> FetchResult:
    """fetch_many for a single request."""
    async with aclosing(fetch_many([request], limits, transport=transport)) as results:
        async for result in results:
            return result
    raise AssertionError("fetch_many yields one result per request")
