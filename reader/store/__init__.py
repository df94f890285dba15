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
)
from .store import Store
from .userstate import normalise_tag

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
    "normalise_tag",
]
