"""Saved views: named queries kept with the user's data (``state/views.json``), and their counts."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..ingest.sanitize import clean_line
from ..models import utc_now
from ..store import Store
from ..text import fold
from .errors import QueryError, ViewError
from .parser import parse
from .query import And, Everything, Filter
from .searcher import Searcher

MAX_NAME = 60


@dataclass(frozen=True, slots=True)
class View:
    #: Stable across renames, for the app to remember which view was open.
    key: str
    name: str
    query: str
    created: str


@dataclass(frozen=True, slots=True)
class ViewCount:
    total: int
    unread: int


class SavedViews:
    """The views in one library. Writes take the store's lock and replace the file atomically,
    like the rest of the user's data; reads see another process's changes at once."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._table = store.user_table("views")

    def list(self) -> list[View]:
        """Every view, oldest first (the order they were made in)."""
        views = [View(key, doc["name"], doc["query"], doc.get("created", "")) for key, doc in self._table.raw().items()]
        return sorted(views, key=lambda v: (v.created, fold(v.name)))

    def get(self, name: str) -> View:
        """The view with this name, compared without case or accents."""
        wanted = fold(" ".join(name.split()))
        for view in self.list():
            if fold(view.name) == wanted:
                return view
        known = ", ".join(repr(v.name) for v in self.list()) or "there are none yet"
        raise ViewError(f"no saved view called {name!r} ({known})")

    def add(self, name: str, query: str) -> View:
        """Save a query under a new name; the query must parse (QueryError says where not)."""
        name, query = _name(name), _query(query)
        with self.store.writing():
            self._refuse_taken(name)
            created = utc_now().isoformat()
            key = hashlib.sha256(f"{name}|{created}".encode()).hexdigest()[:10]
            self._table.put(key, {"name": name, "query": query, "created": created})
        return View(key, name, query, created)

    def rename(self, old: str, new: str) -> View:
        new = _name(new)
        with self.store.writing():
            view = self.get(old)
            if fold(new) != fold(view.name):
                self._refuse_taken(new)
            self._table.put(view.key, {"name": new, "query": view.query, "created": view.created})
        return View(view.key, new, view.query, view.created)

    def change_query(self, name: str, query: str) -> View:
        query = _query(query)
        with self.store.writing():
            view = self.get(name)
            self._table.put(view.key, {"name": view.name, "query": query, "created": view.created})
        return View(view.key, view.name, query, view.created)

    def remove(self, name: str) -> View:
        with self.store.writing():
            view = self.get(name)
            self._table.delete(view.key)
        return view

    def _refuse_taken(self, name: str) -> None:
        if any(fold(v.name) == fold(name) for v in self.list()):
            raise ViewError(f"there is already a saved view called {name!r}")


def counts(views: list[View], searcher: Searcher) -> dict[str, ViewCount]:
    """Articles and unread articles in each view, by view key: counted in SQL, as the view's
    query and the same with ``is:unread`` added, so no list of ids is made."""
    found = {}
    for view in views:
        query = parse(view.query)
        unread = And((query, Filter("is", "unread")))
        found[view.key] = ViewCount(searcher.count(query), searcher.count(unread))
    return found


def name_problem(name: str, views: list[View], renaming: str | None = None) -> str | None:
    """What is wrong with ``name`` for a new view (or for ``renaming`` one), or None: for a
    dialog to say before it closes, so the name typed can be corrected."""
    try:
        cleaned = _name(name)
    except ViewError as error:
        return str(error)
    if any(fold(v.name) == fold(cleaned) and v.name != renaming for v in views):
        return f"there is already a saved view called {cleaned!r}"
    return None


def query_problem(query: str) -> str | None:
    """What is wrong with ``query`` for a view (where it cannot be read), or None."""
    try:
        _query(query)
    except (ViewError, QueryError) as error:
        return str(error)
    return None


def _name(name: str) -> str:
    cleaned = clean_line(name)
    if not cleaned:
        raise ViewError("a view needs a name")
    if len(cleaned) > MAX_NAME:
        raise ViewError(f"a view's name may be at most {MAX_NAME} characters long")
    return cleaned


def _query(query: str) -> str:
    if isinstance(parse(query), Everything):
        raise ViewError("a view needs a query (every article is what the plain list shows)")
    return " ".join(query.split())
