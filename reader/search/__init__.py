"""Full-text search: a query language, an SQLite FTS5 index beside the store, and saved views.

Nothing here imports Textual, and the store never needs the index: it is derived data,
rebuilt whenever it is missing or damaged.
"""

from .errors import IndexBusy, IndexDamaged, QueryError, SearchError, ViewError
from .facts import EntityResolver, LibraryResolver, UserFacts, store_resolver
from .highlight import Marks, Snippet, match_offsets
from .index import SearchIndex, fts5_available, index_path
from .parser import parse
from .query import And, DateFilter, Everything, Filter, Node, Not, Or, Text, unparse
from .searcher import Hit, Searcher, SearchResults, body_matches
from .updates import SyncReport, sync

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
