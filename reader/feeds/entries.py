"""Feed entries, whatever format they came in, to clean ArticleDrafts."""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from ..ingest.html import html_to_body
from ..ingest.plaintext import parse_plain_text
from ..ingest.sanitize import clean_line
from ..models import ArticleDraft, Body
from ..text import counted
from .dates import choose_published
from .parsed import MAX_AUTHOR_CHARS, MAX_CONTENT_CHARS, MAX_ID_CHARS, MAX_TITLE_CHARS, MAX_URL_CHARS
from .settled import settled

KIND = "feed item"
HTML_TYPES = frozenset({"text/html", "application/xhtml+xml", "html", "xhtml"})
#: Words of the text that stand in for a missing title.
UNTITLED_WORDS = 12
_CITATION = re.compile(r"\[\d+\]")


@dataclass(frozen=True, slots=True)
class Content:
    """One version of an entry's text, as the feed typed it."""

    value: str
    #: A MIME type: text/html and application/xhtml+xml are HTML, other text/* is plain text.
    type: str = "text/html"
    #: An explicit base for relative links (Atom's xml:base); "" to use the entry's link.
    base: str = ""


@dataclass(frozen=True, slots=True)
class RawEntry:
    """An entry as the format readers extract it: raw, untrusted strings."""

    id: str = ""
    link: str = ""
    title: str = ""
    title_is_html: bool = True
    author: str = ""
    contents: tuple[Content, ...] = ()
    #: (raw string, parsed date or None), in order of preference: published, then updated.
    dates: tuple[tuple[str, datetime | None], ...] = ()


@dataclass(frozen=True, slots=True)
class FeedContext:
    """What every draft of one feed shares."""

    feed_id: str
    feed_url: str
    outlet: str
    outlet_url: str
    now: datetime


def build_drafts(
    entries: Iterable[RawEntry], context: FeedContext
) -> tuple[tuple[ArticleDraft, ...], list[str]]:
    """Drafts for the entries, and warnings about those left out."""
    drafts: list[ArticleDraft] = []
    seen: set[str] = set()
    empty = repeated = 0
    for entry in entries:
        draft = build_draft(entry, context, seen)
        if draft is None:
            empty += 1
        elif draft.guid in seen:
            repeated += 1
        else:
            seen.add(draft.guid)
            drafts.append(draft)
    warnings = []
    if empty:
        warnings.append(f"{plural_entries(empty)} skipped: no title, link or content")
    if repeated:
        warnings.append(f"{plural_entries(repeated)} skipped: same id, link, title and date as another")
    return tuple(drafts), warnings


# RSS's <author> is "email (Name)"; some feeds write "Name <email>".
_EMAIL_THEN_NAME = re.compile(r"^\s*[^\s@()<>]+@[^\s()<>]+\s*\((?P<name>[^()]+)\)\s*$")
_NAME_THEN_EMAIL = re.compile(r"^\s*(?P<name>[^<>]+?)\s*<[^\s@<>]+@[^\s<>]+>\s*$")


def author_name(text: str) -> str:
    """The name in an RSS author's text ("desk@wire.agency (Wire Desk)" is "Wire Desk")."""
    for pattern in (_EMAIL_THEN_NAME, _NAME_THEN_EMAIL):
        if found := pattern.match(text):
            return found["name"].strip()
    return text.strip()


def plural_entries(count: int) -> str:
    return counted(count, "entry", "entries")


def build_draft(
    entry: RawEntry, context: FeedContext, taken: frozenset[str] | set[str] = frozenset()
) -> ArticleDraft | None:
    """The draft for one entry, or None when it has nothing to show (no title, link or text).

    ``taken`` holds guids already used in this feed: an entry repeating another's id falls
    back on its link, then on a hash, so a feed that gives every entry the same id still
    shows them all.
    """
    url = web_url(entry.link, context.feed_url)
    title = text_line(entry.title, entry.title_is_html)[:MAX_TITLE_CHARS]
    body = _body(entry.contents, url or context.feed_url, title)
    if not (title or url or body.blocks):
        return None
    published, published_raw = choose_published(entry.dates, context.now)
    guid = _guid(entry, url, title, body, taken)
    return ArticleDraft(
        source=context.feed_id,
        guid=guid,
        title=title or _title_from(body),
        body=body,
        outlet=context.outlet,
        outlet_url=context.outlet_url,
        author=clean_line(entry.author)[:MAX_AUTHOR_CHARS],
        url=url,
        published=published,
        kind=KIND,
        published_raw=published_raw,
    )


def web_url(link: str, base: str) -> str:
    """link made absolute against base, if it is http(s); "" for anything else."""
    if len(link) <= MAX_URL_CHARS and settled(base, link):
        return link  # plain ASCII, absolute, http(s): nothing to clean, join or check
    link = clean_line(link)
    if not link or len(link) > MAX_URL_CHARS:
        return ""
    try:
        # The base is untrusted too (Atom's xml:base): clean what comes out of the join.
        url = clean_line(urljoin(base, link)) if base else link
        parts = urlsplit(url)
    except ValueError:  # a malformed IPv6 host, for one
        return ""
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return ""
    return url.replace(" ", "%20")


def text_line(value: str, is_html: bool = True) -> str:
    """A title or name as one clean line of plain text; HTML entities and tags are read as HTML."""
    if not value:
        return ""
    if is_html:
        if "<" in value:
            tree = LexborHTMLParser(value)
            tree.strip_tags(["script", "style"])
            node = tree.body or tree.root
            value = node.text(deep=True) if node is not None else ""
        elif "&" in value:
            value = html.unescape(value)
    return clean_line(value)


def _body(contents: tuple[Content, ...], base: str, title: str) -> Body:
    usable = [c for c in contents if c.value and (c.type in HTML_TYPES or c.type.startswith("text/"))]
    if not usable:
        return Body()
    # Feeds put an excerpt in one place and the full text in another: take the longer.
    content = max(usable, key=lambda c: len(c.value))
    value = content.value[:MAX_CONTENT_CHARS]
    if content.type in HTML_TYPES:
        return html_to_body(value, web_url(content.base, base) or base)
    return parse_plain_text(value, title=title)[1]


def _guid(entry: RawEntry, url: str, title: str, body: Body, taken: frozenset[str] | set[str]) -> str:
    identity = clean_line(entry.id)
    if len(identity) > MAX_ID_CHARS:
        identity = "sha256:" + hashlib.sha256(identity.encode("utf-8", "replace")).hexdigest()
    for guid in (identity, url):
        if guid and guid not in taken:
            return guid
    date = next((raw for raw, _ in entry.dates if raw.strip()), "")
    key = f"{title}\x1f{date.strip()}"
    if not title:
        key += "\x1f" + body.text  # without a title, entries on the same day differ only in text
    return "sha256:" + hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def _title_from(body: Body) -> str:
    """The opening words of the text, for entries without a title (microblogs, JSON Feed)."""
    text = next((b.text for b in body.blocks if b.kind not in ("image", "rule")), "")
    words = _CITATION.sub("", text).split()
    if not words:
        return ""
    title = " ".join(words[:UNTITLED_WORDS])
    return title + "…" if len(words) > UNTITLED_WORDS else title
