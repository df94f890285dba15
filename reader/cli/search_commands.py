"""The search commands: search the library, keep saved views, rebuild the index."""

from __future__ import annotations

import sys
import time
from argparse import Namespace
from contextlib import closing

from ..ingest.sanitize import clean_line
from ..search import IndexDamaged, Searcher, SearchIndex, SyncReport, index_path, store_resolver, sync, unparse
from ..search.views import SavedViews, counts
from ..store import Store
from .output import print_json
from .progress import progress
from .search_output import emphasis, hit_json, hit_lines

#: A sync with more to do than this shows a bar on a terminal (a first search of a big library).
QUIET_BELOW = 2_000


def search(store: Store, args: Namespace) -> int:
    query = " ".join(args.query)
    with closing(open_index(store, quiet=args.quiet)) as index:
        try:
            results = searcher(store, index).search(query, limit=args.limit)
        except IndexDamaged as error:
            # Derived data: say so, start it afresh and answer from the rebuilt index.
            _note(f"{error}; rebuilding it now")
            index.discard_file()
            with closing(open_index(store)) as fresh:
                results = searcher(store, fresh).search(query, limit=args.limit)
    for note in results.notes:
        _note(note)
    read_ids, marks = store.states()
    if args.json:
        print_json({
            "query": unparse(results.query),
            "total": results.total,
            "ranked": results.ranked,
            "results": [hit_json(hit, read_ids, marks) for hit in results.hits],
            "notes": list(results.notes),
        })
        return 0
    start, end = emphasis()
    for hit in results.hits:
        for line in hit_lines(hit, read_ids, marks, start, end):
            print(line)
    shown, total = len(results.hits), results.total
    order = "best first" if results.ranked else "newest first"
    if total == 0:
        print("no article matches")
    elif shown < total:
        print(f"{shown} of {total} matching articles, {order} (--limit N shows more)")
    else:
        print(f"{total} matching article{'s' * (total != 1)}, {order}")
    return 0


def reindex(store: Store, args: Namespace) -> int:
    index = open_index(store, catch_up=False)
    try:
        index.reset()
    except IndexDamaged:
        index.discard_file()  # too damaged to empty in place: start a new file
        index = open_index(store, catch_up=False)
    with closing(index):
        started = time.perf_counter()
        report = _sync(store, index, always_tell=True, quiet=args.quiet)
        index.optimize()
        seconds = time.perf_counter() - started
        size = index.size_on_disk() / 1024 / 1024
    rate = f" ({report.added / seconds:,.0f} per second)" if seconds > 0 and report.added else ""
    print(
        f"indexed {report.added} article{'s' * (report.added != 1)} in {seconds:.1f} s{rate}; "
        f"the index takes {size:.1f} MB"
    )
    return 0


def list_views(store: Store, args: Namespace) -> int:
    views = SavedViews(store).list()
    found = {}
    if views:
        with closing(open_index(store, quiet=args.quiet)) as index:
            found = counts(views, searcher(store, index))
    if args.json:
        print_json([
            {"name": v.name, "query": v.query, "total": found[v.key].total, "unread": found[v.key].unread}
            for v in views
        ])
        return 0
    if not views:
        print(
            "no saved views yet: `broadsheet views add NAME QUERY` saves one, "
            'e.g. views add Venezuela "tag:venezuela is:unread"'
        )
    width = max((len(clean_line(v.name)) for v in views), default=0)
    for view in views:
        count = found[view.key]
        print(
            f"{clean_line(view.name):<{width}}  {count.unread:>6} unread  {count.total:>6} in all  "
            f"{clean_line(view.query)}"
        )
    return 0


def add_view(store: Store, args: Namespace) -> int:
    view = SavedViews(store).add(args.name, " ".join(args.query))
    print(f"saved view {clean_line(view.name)!r}: {clean_line(view.query)}")
    return 0


def remove_view(store: Store, args: Namespace) -> int:
    view = SavedViews(store).remove(args.name)
    print(f"removed view {clean_line(view.name)!r} ({clean_line(view.query)})")
    return 0


def rename_view(store: Store, args: Namespace) -> int:
    view = SavedViews(store).rename(args.old, args.new)
    print(f"renamed view {clean_line(args.old)!r} to {clean_line(view.name)!r}")
    return 0


def open_index(store: Store, *, catch_up: bool = True, quiet: bool = False) -> SearchIndex:
    """The library's index, brought up to date first unless ``catch_up`` is False; a long
    catch-up shows a bar on a terminal unless ``quiet``."""
    index = SearchIndex.open(index_path(store.home))
    if index.notice:
        _note(index.notice)
    if catch_up:
        try:
            _sync(store, index, quiet=quiet)
        except IndexDamaged as error:
            _note(f"{error}; rebuilding it now")
            index.discard_file()
            index = SearchIndex.open(index_path(store.home))
            _sync(store, index, quiet=quiet)
    return index


def _sync(store: Store, index: SearchIndex, *, always_tell: bool = False, quiet: bool = False) -> SyncReport:
    with progress("indexing for search", quiet=quiet) as bar:

        def tell(done: int, total: int) -> None:
            if always_tell or total >= QUIET_BELOW:
                bar.update(done, total)

        report = sync(index, store, progress=tell)
    for problem in report.problems[:5]:
        _note(problem)
    return report


def searcher(store: Store, index: SearchIndex) -> Searcher:
    return Searcher(index, store, entities=store_resolver(store))


def _note(text: str) -> None:
    print(f"broadsheet: {clean_line(text)}", file=sys.stderr)
