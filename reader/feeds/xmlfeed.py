"""RSS and Atom documents through feedparser, always given bytes, into raw entries."""

from __future__ import annotations

import io
import re
import xml.sax
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import feedparser
from feedparser.exceptions import CharacterEncodingOverride, NonXMLContentType

from ..ingest.sanitize import clean_line
from .dates import from_struct
from .defuse import defuse
from .entries import HTML_TYPES, Content, RawEntry, author_name
from .parsed import MAX_ENTRIES, FeedParseError
from .plainxml import read_plain_feed

# Only these response headers mean anything to feedparser once it is given bytes.
_PASSED_HEADERS = ("content-type", "content-language")
# Bozo reasons that are only notes about the headers: the document itself was fine.
_HARMLESS = (CharacterEncodingOverride, NonXMLContentType)
# RSS titles have no type; feedparser calls them HTML only if every tag is one it would keep, so
# "<script>x()</script>Title" stays "plain". Any closing tag is taken as HTML here.
_CLOSING_TAG = re.compile(r"</[A-Za-z][\w:-]*\s*>")


@dataclass(frozen=True, slots=True)
class XmlFeed:
    """What feedparser found, reduced to what the drafts need."""

    title: str
    title_is_html: bool
    link: str
    version: str
    entries: tuple[RawEntry, ...]
    #: How many entries there were in all, including those past MAX_ENTRIES not converted.
    total: int
    warnings: tuple[str, ...] = ()
    #: Why feedparser found the document broken; "" when it is well-formed.
    problem: str = ""


def read_xml_feed(content: bytes, *, url: str, headers: Mapping[str, str]) -> XmlFeed:
    """Parse an RSS or Atom document; FeedParseError when it holds no feed at all."""
    content, lowered = defuse(content, headers)
    plain = read_plain_feed(content, url=url, headers=lowered)
    if plain is not None:
        title, title_is_html, link, version, entries, total = plain
        return XmlFeed(title, title_is_html, link, version, entries, total)
    return read_with_feedparser(content, url=url, lowered=lowered)


def read_with_feedparser(content: bytes, *, url: str, lowered: Mapping[str, str]) -> XmlFeed:
    """feedparser's reading of the (defused) document, for whatever read_plain_feed declines."""
    response_headers = {name: lowered[name] for name in _PASSED_HEADERS if name in lowered}
    # The final URL after redirects: feedparser resolves entry and feed links against it.
    response_headers["content-location"] = url
    result = feedparser.parse(
        # A stream, never bytes or str: feedparser tries a bytes or str argument as a file path
        # (or URL) first, so a response body reading "/dev/zero" would be opened.
        io.BytesIO(content),
        response_headers=response_headers,
        # We sanitise and resolve links ourselves (html_to_body): feedparser's sanitiser is
        # slow and still lets tracking pixels, forms and javascript: links through.
        sanitize_html=False,
        resolve_relative_uris=False,
    )
    problem = _problem(result)
    entries = result.get("entries") or []
    version = result.get("version") or ""
    if not version and not entries:
        raise FeedParseError(f"not a feed: {problem or 'no RSS or Atom elements found'}")
    feed = result.get("feed") or {}
    atom = version.startswith("atom")
    return XmlFeed(
        title=_get(feed, "title"),
        title_is_html=_title_is_html(feed, atom),
        link=_get(feed, "link"),
        version=version,
        entries=tuple(_raw_entry(entry, url, atom) for entry in entries[:MAX_ENTRIES]),
        total=len(entries),
        problem=problem,
    )


def _problem(result: Mapping[str, Any]) -> str:
    """Why feedparser thinks the document is broken, in a few words; "" if it is not."""
    if not result.get("bozo"):
        return ""
    error = result.get("bozo_exception")
    if error is None or isinstance(error, _HARMLESS):
        return ""
    if isinstance(error, xml.sax.SAXParseException):
        return f"{error.getMessage()} at line {error.getLineNumber()}"
    # Messages may quote the document (a declared encoding's name): they are untrusted text.
    return clean_line(str(error))[:200] or type(error).__name__


def _raw_entry(entry: dict[str, Any], feed_url: str, atom: bool) -> RawEntry:
    return RawEntry(
        id=_get(entry, "id"),
        link=_get(entry, "link"),
        title=_get(entry, "title"),
        title_is_html=_title_is_html(entry, atom),
        author=_authors(entry, atom),
        contents=tuple(_contents(entry, feed_url)),
        dates=tuple(
            (_get(entry, name), from_struct(dict.get(entry, f"{name}_parsed")))
            for name in ("published", "updated")
            if _get(entry, name)
        ),
    )


def _authors(entry: dict[str, Any], atom: bool) -> str:
    """Every author of the entry, by name. Atom's <author> elements each have their name;
    RSS's text is read here, not from feedparser's author_detail, which cuts e-mail domains
    longer than four letters ("desk@wire.agency (Wire Desk)" became "cy (Wire Desk")."""
    if atom:
        names = [_get(a, "name") or _get(a, "email") for a in (dict.get(entry, "authors") or ()) if isinstance(a, dict)]
        names = [n.strip() for n in names if n and n.strip()]
        if names:
            return ", ".join(dict.fromkeys(names))
    return author_name(_get(entry, "author"))


def _title_is_html(data: dict[str, Any], atom: bool) -> bool:
    detail = dict.get(data, "title_detail") or {}
    kind = dict.get(detail, "type", "text/html")
    if kind in HTML_TYPES:
        return True
    if kind != "text/plain":
        # Not text at all (feedparser decoded a base64 application/octet-stream title): what it
        # holds is read as plain characters, never parsed as HTML.
        return False
    return not atom and bool(_CLOSING_TAG.search(_get(data, "title")))


def _contents(entry: dict[str, Any], feed_url: str) -> Iterator[Content]:
    details = list(dict.get(entry, "content") or ())
    if dict.get(entry, "summary_detail"):
        details.append(entry["summary_detail"])
    for detail in details:
        value = _get(detail, "value")
        if value:
            base = _get(detail, "base")
            # feedparser reports the feed's own URL as the base when there was no xml:base;
            # then links are resolved against the entry's link instead.
            yield Content(value, _get(detail, "type") or "text/html", base if base != feed_url else "")


def _get(data: dict[str, Any], key: str) -> str:
    """A string field; dict.get skips FeedParserDict's key aliases ("published" quietly
    answering with "updated", with a DeprecationWarning)."""
    value = dict.get(data, key)
    return value if isinstance(value, str) else ""
