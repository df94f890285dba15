"""Google Reader API items in our terms: the two spellings of an item id, the stream names of the
states and labels, and an item of ``stream/items/contents`` as a RemoteArticle."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from .provider import RemoteArticle, RemoteMarks

LONG_PREFIX = "tag:google.com,2005:reader/item/"
READING_LIST = "user/-/state/com.google/reading-list"
READ = "user/-/state/com.google/read"
STARRED = "user/-/state/com.google/starred"
LABEL = "user/-/label/"
# Servers may name the user instead of "-" (Inoreader: user/1005921515/state/com.google/read).
_STREAM = re.compile(r"user/[^/]*/(state/com\.google|label)/(.+)", re.S)
_DECIMAL = re.compile(r"-?\d{1,20}")
_HEX = re.compile(r"[0-9a-fA-F]{1,64}")


def item_key(text: str) -> str | None:
    """One spelling for an item id, whichever the server wrote: the hexadecimal of the long form
    (``tag:google.com,2005:reader/item/000000000000001f``), 16 digits at least.

    ``stream/items/ids`` gives the short form, the signed 64-bit number in decimal (FreshRSS,
    Miniflux, Inoreader); The Old Reader's short ids are 24 hex digits, too long for a decimal
    64-bit number, so a short id is decimal only when it could be one. None for anything else.
    """
    text = text.strip()
    if text.startswith(LONG_PREFIX):
        digits = text[len(LONG_PREFIX):]
        return digits.lower().zfill(16) if _HEX.fullmatch(digits) else None
    if _DECIMAL.fullmatch(text):
        number = int(text)
        if -(2 ** 63) <= number < 2 ** 64:
            return f"{number & 0xFFFF_FFFF_FFFF_FFFF:016x}"
        return None
    return text.lower().zfill(16) if _HEX.fullmatch(text) and len(text) > 20 else None


def long_id(key: str) -> str:
    return LONG_PREFIX + key


def stream_of(category: str) -> tuple[str, str] | None:
    """("state", "read") or ("label", "World News") for a category, whatever user it names."""
    match = _STREAM.fullmatch(category)
    if match is None:
        return None
    return ("state" if match.group(1) == "state/com.google" else "label"), match.group(2)


def _href(value: Any) -> str:
    if isinstance(value, list):
        for link in value:
            if isinstance(link, dict) and isinstance(link.get("href"), str) and link["href"]:
                return str(link["href"])
    return ""


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _published(item: dict[str, Any]) -> datetime | None:
    value = item.get("published")
    try:
        stamp = int(value) if value is not None else 0
        return datetime.fromtimestamp(stamp, UTC) if 0 < stamp < 32503680000 else None  # before year 3000
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def remote_article(item: dict[str, Any], folders: frozenset[str]) -> RemoteArticle | None:
    """An item of ``stream/items/contents``; None when it has no id we can read.

    Folders (a feed's category, which FreshRSS and Inoreader also list among an item's
    categories) are the feed's, not labels the user put on the item, so they are left out.
    """
    key = item_key(_text(item.get("id")))
    if key is None:
        return None
    read = starred = False
    labels = []
    for category in item.get("categories") or ():
        found = stream_of(category) if isinstance(category, str) else None
        if found == ("state", "read"):
            read = True
        elif found == ("state", "starred"):
            starred = True
        elif found and found[0] == "label" and found[1] not in folders:
            labels.append(found[1])
    body = item.get("content") if isinstance(item.get("content"), dict) else item.get("summary")
    origin = item["origin"] if isinstance(item.get("origin"), dict) else {}
    return RemoteArticle(
        remote_id=key, guid=long_id(key), link=_href(item.get("canonical")) or _href(item.get("alternate")),
        marks=RemoteMarks(read=read, starred=starred, labels=tuple(sorted(set(labels))), note=""),
        title=_text(item.get("title")), feed_title=_text(origin.get("title")), author=_text(item.get("author")),
        published=_published(item), content=_text(body.get("content")) if isinstance(body, dict) else "",
    )
