"""Full-text search: a query language, an SQLite FTS5 index beside the store, and saved views.

Nothing here imports Textual, and the store never needs the index: it is derived data,
rebuilt whenever it is missing or damaged.

The names below are loaded on first use, so that ``search.errors`` (which the command line
catches) can be imported without the index, the parser and the searcher.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..lazy import lazy_names

if TYPE_CHECKING:
    from .errors import IndexBusy, IndexDamaged, QueryError, SearchError, ViewError
    from .facts import EntityResolver, LibraryResolver, UserFacts, store_resolver
    from .highlight import Marks, Snippet, match_offsets
    from .index import SearchIndex, fts5_available, index_path
    from .parser import parse
    from .query import And, DateFilter, Everything, Filter, Node, Not, Or, Text, unparse
    from .searcher import Hit, Searcher, SearchResults, body_matches
    from .updates import SyncReport, sync

#: Each public name and the module that defines it.
_HOMES = {
    "IndexBusy": "errors", "IndexDamaged": "errors", "QueryError": "errors", "SearchError": "errors",
    "ViewError": "errors",
    "EntityResolver": "facts", "LibraryResolver": "facts", "UserFacts": "facts", "store_resolver": "facts",
    "Marks": "highlight", "Snippet": "highlight", "match_offsets": "highlight",
    "SearchIndex": "index", "fts5_available": "index", "index_path": "index",
    "parse": "parser",
    "And": "query", "DateFilter": "query", "Everything": "query", "Filter": "query", "Node": "query",
    "Not": "query", "Or": "query", "Text": "query", "unparse": "query",
    "Hit": "searcher", "Searcher": "searcher", "SearchResults": "searcher", "body_matches": "searcher",
    "SyncReport": "updates", "sync": "updates",
}

__all__ = [
    "And",
    "DateFilter",
    "EntityResolver",
    "Everything",
    "Filter",
    "Hit",
    "IndexBusy",
    "IndexDamaged",
    "LibraryResolver",
    "Marks",
    "Node",
    "Not",
    "Or",
    "QueryError",
    "SearchError",
    "SearchIndex",
    "SearchResults",
    "Searcher",
    "Snippet",
    "SyncReport",
    "Text",
    "UserFacts",
    "ViewError",
    "body_matches",
    "fts5_available",
    "index_path",
    "match_offsets",
    "parse",
    "store_resolver",
    "sync",
    "unparse",
]


__getattr__ = lazy_names(__name__, _HOMES, globals())
