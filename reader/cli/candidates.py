"""What Tab offers for a feed, a tag or a saved view: read from the library named on the line.

argcomplete calls these with the arguments parsed so far, so `broadsheet --home DIR list --tag`
completes DIR's tags. The library is opened read-only, and nothing is imported until Tab asks:
the parser names these functions without loading the store.
"""

from __future__ import annotations

from argparse import Namespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..store import Store

Candidates = dict[str, str]


def feeds(parsed_args: Namespace | None = None, **_: Any) -> Candidates:
    """Feed ids, each described by the feed's name."""
    store = _store(parsed_args)
    return {feed.id: feed.name for feed in store.feeds()} if store else {}


def tags(parsed_args: Namespace | None = None, **_: Any) -> Candidates:
    """The tags on articles, most used first, each with its count."""
    store = _store(parsed_args)
    if store is None:
        return {}
    return {tag: f"{count} article{'s' * (count != 1)}" for tag, count in store.tag_counts().most_common()}


def views(parsed_args: Namespace | None = None, **_: Any) -> Candidates:
    """Saved views' names, each described by its query."""
    store = _store(parsed_args)
    if store is None:
        return {}
    from ..search.views import SavedViews

    return {view.name: view.query for view in SavedViews(store).list()}


def _store(parsed_args: Namespace | None) -> Store | None:
    from ..errors import BroadsheetError
    from ..paths import library_home
    from ..store import Store

    try:
        home = library_home(getattr(parsed_args, "home", None))
        return Store.open(home, read_only=True) if home.exists() else None
    except (BroadsheetError, OSError):
        return None  # nothing to offer is better than a traceback in the middle of a line
