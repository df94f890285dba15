"""Plain data shared by every layer: articles, feeds and the user's marks, and entities."""

from .articles import (
    BLOCK_KINDS,
    FEED_STATUSES,
    FULL_TEXT_MODES,
    AddResult,
    Article,
    ArticleDraft,
    ArticleState,
    Block,
    Body,
    Comment,
    Feed,
    Marks,
    Revision,
    Stats,
    parse_datetime,
    utc_now,
)

__all__ = [
    "BLOCK_KINDS",
    "FEED_STATUSES",
    "FULL_TEXT_MODES",
    "AddResult",
    "Article",
    "ArticleDraft",
    "ArticleState",
    "Block",
    "Body",
    "Comment",
    "Feed",
    "Marks",
    "Revision",
    "Stats",
    "parse_datetime",
    "utc_now",
]
