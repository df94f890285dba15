"""Bounded HTTP for sync servers: every request within a deadline and a size cap, as feeds are.

It reuses the feed fetcher's translation of httpx's exceptions into sentences; unlike a feed
fetch it POSTs and keeps cookies, and is synchronous, since a sync is one conversation with one
server. The size cap counts decoded bytes as they arrive, so a compressed bomb stops early.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from ..feeds.http import user_agent
from ..feeds.http_errors import FetchError, from_exception, size_text
from .errors import Unreachable


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    content_type: str
    body: bytes


class BoundedHttp:
    def __init__(self, *, deadline: float = 30.0, connect_timeout: float = 10.0,
                 max_bytes: int = 64 * 1024 * 1024, transport: httpx.BaseTransport | None = None) -> None:
        self.deadline = deadline
        self.connect_timeout = connect_timeout
        self.max_bytes = max_bytes
        self._client = httpx.Client(headers={"User-Agent": user_agent()}, transport=transport,
                                    follow_redirects=True, trust_env=False)

    def post(self, url: str, *, json: Any = None, data: Mapping[str, str | list[str]] | None = None,
             headers: dict[str, str] | None = None) -> Reply:
        return self.request("POST", url, json=json, data=data, headers=headers)

    def get(self, url: str, *, params: Mapping[str, str | int] | None = None,
            headers: dict[str, str] | None = None) -> Reply:
        return self.request("GET", url, params=params, headers=headers)

    def request(self, method: str, url: str, *, params: Mapping[str, str | int] | None = None, json: Any = None,
                data: Mapping[str, str | list[str]] | None = None, headers: dict[str, str] | None = None) -> Reply:
        """A list as a form value is sent as that key repeated (``i=1&i=2``)."""
        started = time.monotonic()
        # A read that waits longer than the whole deadline is a hung server; a server that drips
        # bytes is caught by the check between chunks.
        timeout = httpx.Timeout(self.deadline, connect=self.connect_timeout)
        try:
            with self._client.stream(method, url, params=params, json=json, data=data, headers=headers,
                                     timeout=timeout) as response:
                body = bytearray()
                for chunk in response.iter_bytes():
                    body += chunk
                    if len(body) > self.max_bytes:
                        raise FetchError(f"response larger than {size_text(self.max_bytes)}", "too_large")
                    if time.monotonic() - started > self.deadline:
                        raise httpx.ReadTimeout("deadline")
                return Reply(response.status_code, response.headers.get("content-type", ""), bytes(body))
        except (httpx.HTTPError, FetchError, OSError) as error:
            failure = from_exception(error, host=httpx.URL(url).host, connect_timeout=self.connect_timeout,
                                     deadline=self.deadline)
            raise Unreachable(f"the sync server at {httpx.URL(url).host} failed: {failure.message}") from error

    def close(self) -> None:
        self._client.close()
