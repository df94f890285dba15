"""What the feed parser is given and hands back (ParseJob, ParseOutcome, ParsedFeed, FeedParseError) and
the limits it enforces. Apart from the parser, so that a fetch that parses nothing never loads it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from ..errors import BroadsheetError
from ..models import ArticleDraft

#: Larger responses are refused before parsing: no real feed comes near this.
MAX_FEED_BYTES = 20_000_000
#: Entries read from one feed; the rest are dropped with a warning (feeds list newest first).
MAX_ENTRIES = 2_000
#: Characters kept of one-line fields once cleaned.
MAX_TITLE_CHARS = 1_000
MAX_AUTHOR_CHARS = 200
MAX_URL_CHARS = 4_096
MAX_ID_CHARS = 1_024
#: Characters of one entry's HTML or text handed to the converters; the rest is cut off.
MAX_CONTENT_CHARS = 1_000_000


def malformed_warning(problem: str, items_read: int) -> str:
    """What the user is told of a feed that is not well-formed XML, read in part."""
    return f"the feed is malformed: {problem}, {items_read} item{'' if items_read == 1 else 's'} read"


#: How every such warning begins, so a later fetch can replace it.
MALFORMED = "the feed is malformed: "


class FeedParseError(BroadsheetError):
    """A readable reason the bytes are not a usable feed."""


@dataclass(frozen=True, slots=True)
class ParsedFeed:
    """One feed document read into drafts, with what the reader should know about it."""

    title: str
    #: The site the feed belongs to (http/https only), or "".
    link: str
    #: feedparser's version names ("rss20", "rss10", "atom10", "atom03"...), or "json10"/"json11".
    version: str
    drafts: tuple[ArticleDraft, ...]
    #: Things that were wrong but did not stop the feed from being read.
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class ParseJob:
    """parse_feed's arguments, as one picklable value to send to a worker process."""

    content: bytes
    feed_id: str
    url: str
    headers: Mapping[str, str] | None = None
    outlet: str = ""
    now: datetime | None = None
    #: When ``content`` holds only the document's new items: how many items it left out (read
    #: before), and why the whole document is not well-formed ("" when it is).
    known_items: int = 0
    whole_problem: str | None = None
    #: Or, instead of ``whole_problem``, the whole document itself, to be checked where the job
    #: runs (see wellformed.py): in a parser process, that costs the fetch's own process nothing.
    whole: bytes | None = None


@dataclass(frozen=True)
class ParseOutcome:
    """A worker's answer: the feed, or why there is none (a message for the user)."""

    feed: ParsedFeed | None
    error: str = ""
