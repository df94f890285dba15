"""What the main screen's poll costs when another process edits one article: the read in
``LibraryFeed._check`` (a worker) and putting what it read into the list (the UI thread).

    python tests/benchmarks/bench_poll.py [--articles N] [--rounds N]

Works on a private copy of the cached benchmark library (see generate.py). Each round another
store edits the title of one article of the newest month, then the poll's read runs as it does
in the app, on a store holding the whole library as listed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.models import ArticleDraft
from reader.store import Store
from reader.tui.listing import Listing
from reader.tui.screens.main.library_feed import LibraryFeed
from tests.benchmarks.generate import cached_library, copy_library


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    source, _ = cached_library(args.articles)
    with tempfile.TemporaryDirectory() as scratch:
        home = copy_library(source, Path(scratch) / "home")
        store, other = Store.open(home), Store.open(home)
        listing = Listing()
        listing.replace(store.articles())
        posted: list = []
        screen = SimpleNamespace(post_message=posted.append,
                                 broadsheet=SimpleNamespace(writes=SimpleNamespace(finished=0)))
        feed = LibraryFeed(store, screen, listing, None, poll_seconds=1)  # type: ignore[arg-type]
        feed._months_seen = store.month_signatures()
        store.changed_elsewhere()
        newest = other.articles_of_month(other.months()[0])
        reads, lists = [], []
        for number in range(args.rounds):
            target = newest[number]
            other.add_articles([ArticleDraft(target.source, target.guid, f"{target.title} (corrected {number})",
                                             other.body(target), target.outlet, target.outlet_url, target.author,
                                             target.url, target.published, target.kind)])
            posted.clear()
            began = time.perf_counter()
            feed._check()
            reads.append(time.perf_counter() - began)
            (message,) = posted
            began = time.perf_counter()
            months = getattr(message, "months", None)
            if months is None:
                listing.replace(message.articles)
            else:
                listing.replace_months(months, message.articles)
            lists.append(time.perf_counter() - began)
            assert listing.articles[target.id].title.endswith(f"(corrected {number})")
        print(f"{len(listing.articles)} articles, {len(store.months())} months; "
              f"{len(message.articles)} articles posted per edit")
        print(f"_check read: median {sorted(reads)[len(reads) // 2] * 1000:.0f} ms "
              f"(min {min(reads) * 1000:.0f}, max {max(reads) * 1000:.0f})")
        print(f"into the listing: median {sorted(lists)[len(lists) // 2] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
