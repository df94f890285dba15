"""Fetched feed bytes to article drafts: parse_feed, and parse_job for a process pool."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from datetime import UTC, datetime
from urllib.parse import urlsplit

from ..ingest.sanitize import clean_line
from ..models.packed import packed
from ..text import fold
from .discover import looks_like_html
from .entries import FeedContext, build_drafts, plural_entries, text_line, web_url
from .jsonfeed import JsonFeed, read_json_feed
from .parsed import (
    MAX_ENTRIES,
    MAX_FEED_BYTES,
    MAX_TITLE_CHARS,
    FeedParseError,
    ParsedFeed,
    ParseJob,
    ParseOutcome,
    malformed_warning,
)
from .wellformed import document_problem
from .xmlfeed import XmlFeed, read_xml_feed

__all__ = ["FeedParseError", "ParseJob", "ParseOutcome", "ParsedFeed", "parse_feed", "parse_job"]

_LEADING_SPACE = re.compile(rb"(?:\xef\xbb\xbf)?\s*")


def parse_feed(
    content: bytes,
    *,
    feed_id: str,
    url: str,
    headers: Mapping[str, str] | None = None,
    outlet: str = "",
    now: datetime | None = None,
    known_items: int = 0,
    whole_problem: str | None = None,
) -> ParsedFeed:
    """Read an RSS 0.9x/1.0/2.0, Atom 0.3/1.0 or JSON Feed 1.0/1.1 document into drafts.

    ``url`` is the final URL the bytes came from (relative links resolve against it);
    ``headers`` the response headers (only Content-Type and Content-Language are used);
    ``outlet`` names the drafts' outlet, the feed's own title when empty; ``now`` is the
    reference for refusing dates in the future (naive means UTC). When ``content`` is only the
    document's new items, ``known_items`` counts those left out and ``whole_problem`` says why the
    whole document is broken (its own check: the part given may well be fine). Raises FeedParseError, with
    a message fit to show the user, when the bytes are not a usable feed, and for nothing else.
    """
    if not isinstance(content, (bytes, bytearray, memoryview)):
        # A str would be a programming error, and feedparser would take it for a URL or path.
        raise TypeError(f"parse_feed wants the response bytes, not {type(content).__name__}")
    content = bytes(content)
    if not content or content.isspace():
        raise FeedParseError("empty response")
    if len(content) > MAX_FEED_BYTES:
        raise FeedParseError(
            f"feed too large: {len(content) / 1e6:.1f} MB (the limit is {MAX_FEED_BYTES // 1_000_000} MB)"
        )
    headers = {name.lower(): value for name, value in (headers or {}).items() if isinstance(value, str)}
    now = now or datetime.now(UTC)
    now = now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)
    try:
        return _parse(content, feed_id, url, headers, outlet, now, known_items, whole_problem)
    except FeedParseError:
        raise
    except Exception as error:  # feedparser and friends on hostile input: any failure is the feed's
        reason = f"{type(error).__name__}: {clean_line(str(error))[:200]}"
        raise FeedParseError(f"not a feed: too malformed to read ({reason})") from error


def _parse(
    content: bytes, feed_id: str, url: str, headers: dict[str, str], outlet: str, now: datetime,
    known_items: int = 0, whole_problem: str | None = None,
) -> ParsedFeed:
    content_type = headers.get("content-type", "").lower()
    leading = _LEADING_SPACE.match(content)
    assert leading is not None  # it matches the empty string too
    start = leading.end()
    warnings: list[str] = []
    feed: JsonFeed | XmlFeed
    first = content[start : start + 1]
    if first in (b"{", b"[") or ("json" in content_type and first != b"<"):
        feed = read_json_feed(content)
        title, title_is_html = feed.title, "<" not in feed.title
        if feed.not_objects:
            warnings.append(f"{plural_entries(feed.not_objects)} skipped: not JSON objects")
    else:
        page = looks_like_html(content, content_type)
        try:
            feed = read_xml_feed(content, url=url, headers=headers)
        except FeedParseError:
            if page:
                raise FeedParseError("not a feed: looks like a web page") from None
            raise
        if page and not feed.entries:
            raise FeedParseError("not a feed: looks like a web page")
        if page:
            warnings.append("a feed inside a web page; read what it holds")
        title, title_is_html = feed.title, feed.title_is_html
        warnings.extend(feed.warnings)
    title = text_line(title, title_is_html)[:MAX_TITLE_CHARS]
    link = web_url(feed.link, url)
    context = FeedContext(
        feed_id=feed_id, feed_url=web_url(url, ""), outlet=outlet or site_name(title, link or url), outlet_url=link,
        now=now
    )
    drafts, skipped = build_drafts(feed.entries, context)
    problem = feed.problem if isinstance(feed, XmlFeed) else ""
    if problem and not drafts and not known_items:
        # Cut off or broken before its first whole item: not an empty feed, a failed one.
        raise FeedParseError(f"feed is broken ({problem}); no item could be read")
    if whole_problem is not None:
        problem = whole_problem  # the whole document's, with its own line numbers
    if problem:
        # First: bad input loses nothing, but the user must know the feed is broken.
        warnings.insert(0, malformed_warning(problem, known_items + len(drafts)))
    warnings.extend(skipped)
    if feed.total > MAX_ENTRIES:
        warnings.append(f"{plural_entries(feed.total - MAX_ENTRIES)} beyond the first {MAX_ENTRIES} dropped")
    return ParsedFeed(title=title, link=link, version=feed.version, drafts=drafts, warnings=tuple(warnings))


# How feed titles join a section to the site's name: "World news | The Guardian".
_TITLE_PARTS = re.compile(r"\s+[|\-–—:·»]\s+|:\s+")
_COMPACT = re.compile(r"[\W_]+")


def site_name(title: str, url: str) -> str:
    """The outlet's name in a feed title that also names a section ("World news | The Guardian"
    is The Guardian's, "BBC News - World" the BBC's): the part that spells the site's domain.
    The whole title when no part does."""
    parts = [p for p in _TITLE_PARTS.split(title) if p.strip()]
    if len(parts) < 2:
        return title
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    labels = [label for label in host.split(".") if len(label) >= 3 and label not in _DOMAIN_WORDS]
    for part in parts:
        compact = _COMPACT.sub("", fold(part))
        if len(compact) >= 3 and any(compact.startswith(label) or label.startswith(compact) or label in compact
                                     for label in labels):
            return part.strip()
    return title


#: Parts of host names that are not a site's name.
_DOMAIN_WORDS = frozenset({"com", "org", "net", "feeds", "feed", "rss", "news", "www", "co", "blog", "blogs"})


def parse_job(job: ParseJob) -> ParseOutcome:
    """parse_feed for a process pool: never raises, so one bad feed cannot break a batch."""
    try:
        whole_problem = job.whole_problem
        if job.whole is not None:
            whole_problem = document_problem(job.whole, job.headers or {})
        feed = parse_feed(
            job.content, feed_id=job.feed_id, url=job.url, headers=job.headers, outlet=job.outlet, now=job.now,
            known_items=job.known_items, whole_problem=whole_problem,
        )
    except FeedParseError as error:
        return ParseOutcome(None, str(error) or "not a usable feed")
    except Exception as error:  # a bug of ours: still an answer, not a dead worker or batch
        return ParseOutcome(None, f"could not read the feed ({type(error).__name__})")
    # Packed here, in the parser process: its answer is then a few bytes per body to unpickle,
    # and the process storing the fetch writes them as they are (no serialising, no zlib).
    drafts = tuple(replace(d, body=packed(d.body, d.title)) for d in feed.drafts)
    return ParseOutcome(replace(feed, drafts=drafts))
