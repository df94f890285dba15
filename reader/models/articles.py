"""Articles, their bodies and revisions, feeds, and the user's marks on articles."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .packed import PackedBody

#: Block kinds a body is made of; the reader pane draws each one differently.
BLOCK_KINDS = ("paragraph", "heading", "list_item", "quote", "preformatted", "image", "rule")


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of an article body: a paragraph, a heading, a list item..."""

    kind: str
    text: str
    #: Heading level (1-6) or list nesting depth; 0 where it means nothing.
    level: int = 0

    def to_json(self) -> dict[str, str | int]:
        data: dict[str, str | int] = {"kind": self.kind, "text": self.text}
        if self.level:
            data["level"] = self.level
        return data

    def __reduce__(self) -> tuple[type[Block], tuple[str, str, int]]:
        # Positional rebuilding pickles several times faster than the slots protocol, and
        # parsed feeds cross from the parser processes by pickle.
        return (Block, (self.kind, self.text, self.level))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Block:
        return cls(kind=data["kind"], text=data["text"], level=data.get("level", 0))


@dataclass(frozen=True, slots=True)
class Comment:
    """A reader comment kept apart from the article text, so it can be folded away."""

    text: str
    author: str = ""
    #: Reply depth: 0 for a top-level comment, 1 for a reply to it, and so on.
    depth: int = 0

    def to_json(self) -> dict[str, str | int]:
        return {"text": self.text, "author": self.author, "depth": self.depth}

    def __reduce__(self) -> tuple[type[Comment], tuple[str, str, int]]:
        return (Comment, (self.text, self.author, self.depth))

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Comment:
        return cls(text=data["text"], author=data.get("author", ""), depth=data.get("depth", 0))


@dataclass(frozen=True, slots=True)
class Body:
    """An article's content: its blocks, the links it cites and its reader comments.

    Links are cited in block text as ``[n]`` (1-based) and listed in ``links``.
    """

    blocks: tuple[Block, ...] = ()
    links: tuple[str, ...] = ()
    comments: tuple[Comment, ...] = ()

    def __reduce__(self) -> tuple[type[Body], tuple[tuple[Block, ...], tuple[str, ...], tuple[Comment, ...]]]:
        return (Body, (self.blocks, self.links, self.comments))

    @property
    def text(self) -> str:
        """The plain article text: what search indexes and annotations anchor to."""
        return "\n\n".join(block.text for block in self.blocks)

    def to_json(self) -> dict[str, list[dict[str, str | int]] | list[str]]:
        return {
            "blocks": [block.to_json() for block in self.blocks],
            "links": list(self.links),
            "comments": [comment.to_json() for comment in self.comments],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Body:
        return cls(
            blocks=tuple(Block.from_json(b) for b in data.get("blocks", ())),
            links=tuple(data.get("links", ())),
            comments=tuple(Comment.from_json(c) for c in data.get("comments", ())),
        )


@dataclass(frozen=True, slots=True)
class ArticleDraft:
    """An article as an importer or a feed hands it to the store, before it has an id."""

    #: Where the article came from: a feed id, or "seed" / "import" for local files.
    source: str
    #: Identity within the source (a feed GUID, a seed's file name, a file's path).
    guid: str
    title: str
    #: Packed already when the draft comes from a fetch's parser processes (see PackedBody).
    body: Body | PackedBody
    outlet: str = ""
    outlet_url: str = ""
    author: str = ""
    url: str = ""
    published: datetime | None = None
    #: "news report", "blog brief", "encyclopedia entry", "feed item", "document"...
    kind: str = ""
    #: The feed's own date string when it could not be read or was not believable (published
    #: is None then), kept so the reason can be shown; "" otherwise.
    published_raw: str = ""

    def __reduce__(self) -> tuple[type[ArticleDraft], tuple[Any, ...]]:
        # Positional, as Block: a fetch's drafts cross from its parser processes by pickle.
        return (ArticleDraft, (self.source, self.guid, self.title, self.body, self.outlet, self.outlet_url,
                               self.author, self.url, self.published, self.kind, self.published_raw))


@dataclass(frozen=True, slots=True)
class Article:
    """An article's metadata as stored: everything the list needs, without the body."""

    id: str
    source: str
    guid: str
    title: str
    outlet: str
    outlet_url: str
    author: str
    url: str
    published: datetime
    first_seen: datetime
    kind: str
    #: Shard holding the metadata and body ("2017-11").
    shard: str
    content_hash: str
    #: How many times its outlet changed it since we first fetched it (the list marks it ✎);
    #: fetching its full text is the user's doing, and not counted.
    revisions: int = 0
    comment_count: int = 0
    #: Where the current body lies in its shard's pack: (byte offset, byte length).
    body_ref: tuple[int, int] = (0, 0)
    #: Whether the body is the full text fetched from the article's page (the feed's is then
    #: the latest revision).
    full_text: bool = False


@dataclass(frozen=True, slots=True)
class Revision:
    """An earlier version of an article, kept when its outlet changed it or when its page's
    full text replaced the feed's."""

    #: When we saw it replaced (ISO 8601, UTC).
    replaced: str
    title: str
    body: Body
    #: Replaced by the page's full text (X), not by an edit of the outlet's.
    full_text: bool = False


@dataclass(frozen=True, slots=True)
class ArticleState:
    """What the user has done to one article."""

    read: bool = False
    starred: bool = False
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Marks:
    """An article's star and tags, as the store keeps them (tags normalised and sorted)."""

    starred: bool = False
    tags: tuple[str, ...] = ()

    def __bool__(self) -> bool:
        return self.starred or bool(self.tags)


@dataclass(frozen=True, slots=True)
class AddResult:
    """What a batch write changed: new ids, ids whose body changed, ids left as they were."""

    added: tuple[str, ...] = ()
    updated: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()


def utc_now() -> datetime:
    return datetime.now(UTC)


def parse_datetime(value: str | None) -> datetime | None:
    """Read an ISO 8601 timestamp as an aware UTC datetime; None when absent or unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Stats:
    """Counts over the whole library, as `broadsheet stats` prints them."""

    articles: int
    unread: int
    starred: int
    feeds: int
    tags: int
    annotations: int
    extra: dict[str, int] = field(default_factory=dict)


#: When a feed's items get the full text of their pages: on request (the default), for every
#: new item in the background, or not even on request.
FULL_TEXT_MODES = ("ask", "always", "never")

#: A feed's status after its last fetch: never fetched, fine, failing, or gone for good (410).
FEED_STATUSES = ("new", "ok", "failed", "gone")


@dataclass(frozen=True, slots=True)
class Feed:
    """A subscription and how its last fetch went."""

    id: str
    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    #: The site the feed belongs to, from the feed itself.
    site_url: str = ""
    added: datetime | None = None
    #: When a fetch was last attempted, and when one last succeeded.
    last_fetch: datetime | None = None
    last_success: datetime | None = None
    status: str = "new"
    #: Why the last fetch failed, in words a user understands; "" when it did not.
    error: str = ""
    #: What the last read of the feed had trouble with (a malformed feed read in part).
    warning: str = ""
    etag: str = ""
    last_modified: str = ""
    full_text: str = "ask"

    @property
    def name(self) -> str:
        return self.title or self.url

    @property
    def health(self) -> str:
        """The status to show: "warn" for a feed fetched but read only in part."""
        return "warn" if self.status == "ok" and self.warning else self.status

    @property
    def polled(self) -> bool:
        """False once the server said the feed is gone (HTTP 410): refreshing skips it."""
        return self.status != "gone"
