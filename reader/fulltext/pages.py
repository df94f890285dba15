"""Fetching a web page with broadsheet's own bounded fetcher and reading its article."""

from __future__ import annotations

import asyncio
import codecs
import re
from dataclasses import replace

import httpx

from ..config import Settings
from ..feeds.http import FetchLimits, FetchRequest, FetchResult, fetch_one
from ..feeds.http_errors import size_text
from .errors import NOT_HTML, REFUSED, FullTextError
from .extract import Page, extract_page

_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.1"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]{1,40})", re.IGNORECASE)
_SNIFF = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<!--|<meta|<title)", re.IGNORECASE)

#: A page is one document, asked for by a person waiting on it: quicker to give up on than a
#: feed, and far smaller (a news page is 100-500 KB; 5 MB is a file, not an article).
PAGE_LIMITS = FetchLimits(concurrency=4, per_host=1, connect_timeout=8.0, deadline=15.0,
                          max_bytes=5 * 1024 * 1024, max_redirects=5, retries=0, private_hosts=False)


def page_limits(settings: Settings) -> FetchLimits:
    return replace(PAGE_LIMITS, private_hosts=settings.fetch_private_hosts)


async def fetch_page(url: str, limits: FetchLimits = PAGE_LIMITS, *,
                     transport: httpx.AsyncBaseTransport | None = None) -> Page:
    """The article at ``url``; FullTextError saying why not (slow, too large, not HTML, empty...)."""
    result = await fetch_one(FetchRequest(url, accept=_ACCEPT), limits, transport=transport)
    if not result.ok:
        raise FullTextError(_failure(result, limits), result.error_kind or REFUSED)
    text = _decoded(result)
    # Parsing a big page takes tens of milliseconds: off the loop, so other fetches go on.
    return await asyncio.to_thread(extract_page, text, result.final_url or url)


def _failure(result: FetchResult, limits: FetchLimits) -> str:
    if result.error_kind == "too_large":
        return f"the page is larger than {size_text(limits.max_bytes)}"
    if result.error_kind == "timeout":
        return f"the page did not arrive within {limits.deadline:g} s"
    if result.status in (401, 402, 403):
        return f"the site refused the page ({result.error}): it may be for subscribers only"
    return f"the page could not be fetched: {result.error}"


def _decoded(result: FetchResult) -> str | bytes:
    """The page as text when the server named a charset we know; else bytes, for trafilatura
    to read the page's own <meta charset>."""
    content_type = result.headers.get("content-type", "")
    media = content_type.split(";")[0].strip().lower()
    if media not in _HTML_TYPES and not (media in ("", "text/plain", "application/octet-stream")
                                         and _SNIFF.match(result.content[:512])):
        shown = media or "no type"
        raise FullTextError(f"the address is not a web page ({shown})", NOT_HTML)
    if match := _CHARSET.search(content_type):
        try:
            return result.content.decode(codecs.lookup(match.group(1)).name, errors="replace")
        except LookupError:
            pass
    return result.content
