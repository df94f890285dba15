"""Checking a URL before subscribing: is it a feed, or a page that advertises feeds?"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from .discover import DiscoveredFeed, discover_feeds, looks_like_html
from .http import FetchLimits, FetchRequest, fetch_one
from .parse import FeedParseError, parse_feed

#: Checking is interactive: a user is waiting, so it gives up sooner than a fetch run.
PROBE_LIMITS = FetchLimits(connect_timeout=8.0, deadline=15.0, retries=0)


@dataclass(frozen=True, slots=True)
class Probe:
    """What a URL turned out to be."""

    url: str
    #: "feed": ``url`` is a feed; "page": a web page advertising ``candidates``;
    #: "failed": neither, or unreachable, and ``error`` says why.
    kind: str
    title: str = ""
    candidates: tuple[DiscoveredFeed, ...] = ()
    error: str = ""


async def probe_url(url: str, limits: FetchLimits = PROBE_LIMITS) -> Probe:
    result = await fetch_one(FetchRequest(url=url), limits)
    if not result.ok:
        return Probe(url, "failed", error=result.error)
    final_url = result.final_url or url
    content_type = result.headers.get("content-type", "")
    if looks_like_html(result.content, content_type):
        candidates = tuple(discover_feeds(result.content, final_url))
        if not candidates:
            return Probe(url, "failed", error="this page advertises no feed; give the feed's own URL")
        return Probe(url, "page", candidates=candidates)
    try:
        # A small parse off the loop: it checks the bytes really are a feed and gives its title.
        parsed = await asyncio.to_thread(
            parse_feed, result.content, feed_id="probe", url=final_url, headers=result.headers
        )
    except FeedParseError as error:
        return Probe(url, "failed", error=str(error))
    # Subscribe to where the feed lives now, if it moved for good.
    return Probe(result.permanent_redirect or url, "feed", title=parsed.title)
