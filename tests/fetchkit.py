"""For fetcher tests: limits that keep them quick, and a one-call fetch of one address."""

from __future__ import annotations

from reader.feeds.http import FetchLimits, FetchRequest, FetchResult, fetch_one

#: Small timeouts and waits keep the fetcher tests quick; tests that need other limits replace fields.
FAST = FetchLimits(connect_timeout=0.5, deadline=1.0, backoff=0.01, retry_after_cap=0.3)


async def fetch(url: str, limits: FetchLimits = FAST, **request) -> FetchResult:
    return await fetch_one(FetchRequest(url, **request), limits)
