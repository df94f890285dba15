"""The library on disk: articles, feeds and the user's marks, behind one Store facade."""

from .errors import (
    AmbiguousArticle,
    CorruptFile,
    NewerSchema,
    ReadOnlyStore,
    StoreError,
    StoreFull,
    StoreLocked,
    UnknownArticle,
    UnknownFeed,
)
from .feed_methods import FeedCounts, FeedRemoval, FeedUpdate
from .store import Store

__all__ = [
    "AmbiguousArticle",
    "CorruptFile",
    "NewerSchema",
    "ReadOnlyStore",
    "Store",
    "StoreError",
    "StoreFull",
    "StoreLocked",
    "UnknownArticle",
    "UnknownFeed",
    "FeedCounts",
    "FeedRemoval",
    "FeedUpdate",
]
