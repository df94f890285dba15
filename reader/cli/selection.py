"""Which articles a command acts on: ids, or --query, --view and --feed; and asking before many change."""

from __future__ import annotations

import sys
from argparse import Namespace
from contextlib import closing

from ..errors import BroadsheetError
from ..models import Article
from ..store import Store
from ..text import counted
from .exits import UsageError


class Declined(BroadsheetError):
    """The user answered no at the prompt: nothing changed."""


def chosen(args: Namespace) -> bool:
    """Whether the command line chose articles by query, view or feed rather than by id."""
    return bool(args.query or args.view or args.feed)


def selected_ids(store: Store, args: Namespace) -> set[str] | None:
    """The ids that --query, --view and --feed together choose (those all of them choose);
    None when none was given."""
    found: list[set[str]] = []
    if args.feed:
        found.append(set(store.feed_article_ids(args.feed)))
    queries = []
    if args.view:
        from ..search.views import SavedViews

        queries.append(SavedViews(store).get(args.view).query)
    if args.query:
        queries.append(args.query)
    if queries:
        from .search_commands import open_index, searcher

        with closing(open_index(store, quiet=args.quiet)) as index:
            search = searcher(store, index)
            # Parsed apart and intersected, so a view's OR cannot reach into the other query.
            found.extend(set(search.matching_ids(query)) for query in queries)
    if not found:
        return None
    return set.intersection(*found)


def newest_first(store: Store, ids: set[str]) -> list[Article]:
    """The articles of ``ids`` still stored, newest first (by id among those of one moment)."""
    return sorted(store.annotated_articles(ids).values(), key=lambda a: (a.published, a.id), reverse=True)


def target_ids(store: Store, args: Namespace, ids: list[str], doing: str) -> list[str]:
    """The article ids a changing command acts on, newest first.

    Ids given one by one are resolved before anything changes, so a typo leaves nothing half
    done. Articles chosen by a query are counted, and confirmed on a terminal (``doing`` is
    "mark {} read": "Mark 37 articles read? [y/N]") or by --yes; with neither, nothing changes
    and the command exits 2.
    """
    if ids and chosen(args):
        raise UsageError("give article ids or --query/--view/--feed, not both")
    if ids:
        return list(dict.fromkeys(store.resolve(ref) for ref in ids))
    if not chosen(args):
        raise UsageError("say which articles: their ids, or --query Q, --view NAME or --feed URL|ID")
    articles = [a.id for a in newest_first(store, selected_ids(store, args) or set())]
    if articles and not args.yes:
        confirm(doing.format(counted(len(articles), "article")))
    return articles


def confirm(doing: str) -> None:
    """Ask on the terminal (on stderr, so stdout can be piped); with no terminal to ask on,
    refuse with USAGE, as the command line lacks the --yes a script must give."""
    if not (sys.stdin.isatty() and sys.stderr.isatty()):
        raise UsageError(f"refusing to {doing} without --yes: there is no terminal to confirm on")
    sys.stderr.write(f"{doing[:1].upper()}{doing[1:]}? [y/N] ")
    sys.stderr.flush()
    answer = sys.stdin.readline().strip().lower()
    if answer not in ("y", "yes"):
        raise Declined("nothing was changed")
