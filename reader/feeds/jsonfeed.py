"""JSON Feed 1.0 and 1.1 documents into raw entries (feedparser 6 does not read them)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from .dates import from_text
from .entries import Content, RawEntry
from .parsed import MAX_ENTRIES, FeedParseError

# The spec calls summary plain text, like content_text.
_CONTENT_KEYS = (("content_html", "text/html"), ("content_text", "text/plain"), ("summary", "text/plain"))
_VERSION = re.compile(r"https?://jsonfeed\.org/version/(\d+)(?:\.(\d+))?/?\Z")


@dataclass(frozen=True, slots=True)
class JsonFeed:
    """A JSON Feed document, reduced to what the drafts need."""

    title: str
    link: str
    version: str
    entries: tuple[RawEntry, ...]
    #: How many items there were in all, including those past MAX_ENTRIES not converted.
    total: int
    #: Items among the first MAX_ENTRIES that were not objects and so were skipped.
    not_objects: int = 0


def read_json_feed(content: bytes) -> JsonFeed:
    """Parse a JSON Feed; FeedParseError when the bytes are not one."""
    try:
        # json.loads detects UTF-8 (with or without a BOM), UTF-16 and UTF-32 from the bytes.
        document = json.loads(content)
    except json.JSONDecodeError as error:
        raise FeedParseError(f"not a feed: invalid JSON ({error.msg} at line {error.lineno})") from None
    except RecursionError:
        raise FeedParseError("not a feed: JSON nested too deeply") from None
    except (UnicodeDecodeError, ValueError):
        raise FeedParseError("not a feed: JSON in an unreadable encoding") from None
    if not isinstance(document, dict):
        raise FeedParseError("not a feed: JSON that is not a JSON Feed")
    version = _version(_text(document, "version"))
    items = document.get("items")
    if not version or not isinstance(items, list):
        raise FeedParseError("not a feed: JSON that is not a JSON Feed")
    entries = [_raw_entry(item) for item in items[:MAX_ENTRIES] if isinstance(item, dict)]
    return JsonFeed(
        title=_text(document, "title"),
        link=_text(document, "home_page_url"),
        version=version,
        entries=tuple(entries),
        total=len(items),
        not_objects=min(len(items), MAX_ENTRIES) - len(entries),
    )


def _version(value: str) -> str:
    """"json10" or "json11" from the version URL; "" when it is not JSON Feed's."""
    match = _VERSION.match(value.strip())
    if not match:
        return ""
    return f"json{match.group(1)}{match.group(2) or '0'}"


def _raw_entry(item: dict[str, Any]) -> RawEntry:
    contents = []
    for key, kind in _CONTENT_KEYS:
        if value := _text(item, key):
            contents.append(Content(value, kind))
    dates = tuple(
        (raw, from_text(raw)) for raw in (_text(item, "date_published"), _text(item, "date_modified")) if raw
    )
    return RawEntry(
        id=_id(item.get("id")),
        link=_text(item, "url") or _text(item, "external_url"),
        title=_text(item, "title"),
        # The spec makes titles plain text, so a "<" is literal; but feeds converted from RSS
        # carry its entities ("Tom &amp; Jerry"), and those are decoded.
        title_is_html="<" not in _text(item, "title"),
        author=_authors(item),
        contents=tuple(contents),
        dates=dates,
    )


def _authors(item: dict[str, Any]) -> str:
    # 1.1 has a list of authors; 1.0 had a single author object.
    authors = item.get("authors")
    if not isinstance(authors, list):
        authors = [item.get("author")]
    names = [_text(author, "name") for author in authors[:20] if isinstance(author, dict)]
    return ", ".join(name for name in names if name)


def _id(value: object) -> str:
    # Ids must be strings, yet many feeds emit numbers; true/false/null and objects are no id.
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return ""


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return value if isinstance(value, str) else ""
