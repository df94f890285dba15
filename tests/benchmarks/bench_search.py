"""How fast search is on a library of 100,000 articles: building the index, its size, and queries.

    python tests/benchmarks/bench_search.py [--articles N] [--json] [--profile [all]] [--runs 5]

Works on a private copy of the cached benchmark library (see generate.py), with the index
beside it as the app keeps it (``search/index.sqlite3``). Exits 1 when a figure misses its goal.
"""

from __future__ import annotations

import os
import random
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.models import ArticleDraft
from reader.search import Searcher, SearchIndex, index_path, sync
from reader.search.views import SavedViews, counts
from reader.store import Store
from tests.benchmarks.generate import cached_library, copy_library, default_cache
from tests.benchmarks.measure import Figure, library_arguments, median, profile_calls, report, timed
from tests.benchmarks.words import CONTENT_WORDS

MB = 1024 * 1024
#: Indexing must keep up with a first sync of a big library (and a reindex) in well under a minute.
ARTICLES_PER_SECOND = 2_000
#: The first page of results must come while the user is still looking at the search box.
FIRST_PAGE_MS = 100
COMBINED_MS = 150
#: User tags the generated library uses most, for the combined queries.
TAGS = ("to-read", "follow-up", "elections", "energy")


def word_pairs(rng: random.Random, count: int) -> list[str]:
    """Two-word queries from the 120 most common content words: what people type into a news search."""
    return [" ".join(rng.sample(CONTENT_WORDS[:120], 2)) for _ in range(count)]


def combined_queries(rng: random.Random, count: int) -> list[str]:
    """Two words, a tag and a date range."""
    queries = []
    for _ in range(count):
        year = rng.choice([2025, 2026])
        month = rng.randint(1, 6)
        window = f"after:{year}-{month:02d}-01" + (f" before:{year}-{month + 4:02d}-01" if rng.random() < 0.5 else "")
        queries.append(f"{' '.join(rng.sample(CONTENT_WORDS[:120], 2))} tag:{rng.choice(TAGS)} {window}")
    return queries


def bench_build(home: Path) -> tuple[list[Figure], SearchIndex]:
    store = Store.open(home)
    index = SearchIndex.open(index_path(home))
    started = time.perf_counter()
    result = sync(index, store)
    seconds = time.perf_counter() - started
    optimizing = timed(index.optimize)
    rate = result.added / seconds
    library = store.library.size_on_disk()
    size = index.size_on_disk()

    def profile_build() -> str:
        # A tenth of the library, into a scratch index.
        scratch = Path(tempfile.mkdtemp(prefix="broadsheet-bench-index-"))
        months = set(sorted(store.months())[-3:])
        signatures = store.library.shard_signatures
        store.library.shard_signatures = lambda: {m: s for m, s in signatures().items() if m in months}
        try:
            return profile_calls(lambda: sync(SearchIndex.open(scratch / "index.sqlite3"), store))
        finally:
            store.library.shard_signatures = signatures
            shutil.rmtree(scratch, ignore_errors=True)

    figures = [
        Figure("index build: whole library", seconds, "s", detail=f"{result.added:,} articles, sync() from empty"),
        Figure("index build: throughput", rate, "articles/s", ARTICLES_PER_SECOND, at_least=True,
               detail="bodies read in a thread while SQLite indexes", profile=profile_build),
        Figure("  then merging segments (optimize)", optimizing, "s", detail="what `broadsheet reindex` adds"),
        Figure("index size on disk", size / MB, "MB",
               detail=f"{size / result.added:,.0f} bytes an article; the library itself {library / MB:,.0f} MB"),
    ]
    return figures, index


def bench_updates(home: Path, index: SearchIndex, runs: int) -> list[Figure]:
    store = Store.open(home)
    nothing = [timed(lambda: sync(index, store)) for _ in range(runs)]
    # A fetch's worth of new articles in the newest month, and one edited article.
    newest = store.articles_of_month(store.months()[0])[:500]
    drafts = []
    for n, article in enumerate(newest):
        body = store.body(article)
        drafts.append(_draft(article, body, guid=f"{article.guid}#bench-{n}", url=f"{article.url}#bench-{n}"))
    edited = _draft(newest[0], store.body(newest[0]), title=newest[0].title + " (updated)")
    store.add_articles(drafts + [edited])
    started = time.perf_counter()
    result = sync(index, store)
    seconds = time.perf_counter() - started
    return [
        Figure("sync with nothing to do", median(nothing), "s",
               detail=f"median of {runs}; every search command pays it"),
        Figure("sync after 500 new articles + 1 edit", seconds, "s",
               detail=f"{result.added} added, {result.updated} updated; the month they are in is compared again"),
    ]


def _draft(article, body, **changes) -> ArticleDraft:
    draft = ArticleDraft(
        source=article.source, guid=article.guid, title=article.title, body=body, outlet=article.outlet,
        outlet_url=article.outlet_url, author=article.author, url=article.url, published=article.published,
        kind=article.kind,
    )
    return replace(draft, **changes)


def bench_queries(home: Path, index: SearchIndex, rng: random.Random, runs: int) -> list[Figure]:
    store = Store.open(home, read_only=True)
    searcher = Searcher(index, store)

    def per_query(queries: list[str]) -> tuple[list[float], list[int]]:
        medians, totals = [], []
        for query in queries:
            searcher.search(query)  # the first run reads the pages it needs from the disk cache
            times = [timed(lambda query=query: searcher.search(query)) for _ in range(runs)]
            medians.append(median(times) * 1000)
            totals.append(searcher.search(query).total)
        return medians, totals

    pairs = word_pairs(rng, 12)
    pair_ms, pair_totals = per_query(pairs)
    slowest = max(range(len(pairs)), key=lambda i: pair_ms[i])
    combined = combined_queries(rng, 8)
    combined_ms, combined_totals = per_query(combined)
    slowest_combined = max(range(len(combined)), key=lambda i: combined_ms[i])
    listing = [timed(lambda: searcher.matching_ids(pairs[0])) for _ in range(runs)]
    metadata = [timed(lambda: searcher.search("is:unread tag:to-read")) for _ in range(runs)]
    unread = [timed(lambda: searcher.search("is:unread")) for _ in range(runs)]
    return [
        Figure(
            "two-word query, first page (20 + snippets)", median(pair_ms), "ms", FIRST_PAGE_MS,
            f"median over {len(pairs)} queries of each one's median of {runs}; matches "
            f"{min(pair_totals):,}-{max(pair_totals):,}; slowest {pairs[slowest]!r} {pair_ms[slowest]:.0f} ms "
            f"({pair_totals[slowest]:,} matches)",
            profile=lambda: profile_calls(lambda: searcher.search(pairs[slowest]), repeat=runs),
        ),
        Figure(
            "words + tag + date, first page", median(combined_ms), "ms", COMBINED_MS,
            f"median over {len(combined)} queries; {min(combined_totals):,}-{max(combined_totals):,} matches; "
            f"slowest {combined[slowest_combined]!r} {combined_ms[slowest_combined]:.0f} ms",
            profile=lambda: profile_calls(lambda: searcher.search(combined[slowest_combined]), repeat=runs),
        ),
        Figure("  every match of a two-word query, ranked", median(listing) * 1000, "ms",
               detail=f"matching_ids({pairs[0]!r}): {len(searcher.matching_ids(pairs[0])):,} ids, for a result list"),
        Figure("  is:unread tag:to-read, first page", median(metadata) * 1000, "ms", detail="no words: newest first"),
        Figure("  is:unread, first page and count", median(unread) * 1000, "ms", detail="two thirds of the library"),
    ]


def bench_views(home: Path, index: SearchIndex, runs: int) -> list[Figure]:
    store = Store.open(home)
    views = SavedViews(store)
    for name, query in [("Unread", "is:unread"), ("Elections", "tag:elections"),
                        ("Energy news", "energy OR oil OR gas"),
                        ("Recent courts", "court OR judge after:2026-06-01"), ("Starred", "is:starred")]:
        views.add(name, query)
    searcher = Searcher(index, store)
    listed = views.list()
    times = [timed(lambda: counts(listed, searcher)) for _ in range(runs)]
    return [Figure("unread counts of 5 saved views", median(times) * 1000, "ms", detail=f"median of {runs}")]


def main(argv: list[str] | None = None) -> int:
    parser = library_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="repeats of each timed query")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    source, info = cached_library(args.articles, args.feeds, args.seed, args.cache or default_cache())
    print(f"library: {info['articles']:,} articles, {info['shards']} monthly shards "
          f"({'reused from cache' if info.get('cached') else 'generated now'})", flush=True)
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as scratch:
        home = copy_library(source, Path(scratch) / "home")
        # The copy's 300 MB would otherwise be written back to the disk during the timed build.
        os.sync()
        build, index = bench_build(home)
        queries = bench_queries(home, index, rng, args.runs)
        views = bench_views(home, index, args.runs)
        updates = bench_updates(home, index, args.runs)
        figures = build + queries + views + updates
        misses = report(figures, profile=args.profile, as_json=args.json, header={"library": info})
        index.close()
    goals = sum(1 for f in figures if f.goal is not None)
    print(
        f"{goals - misses} of {goals} goals met, {misses} missed; benchmark took {time.perf_counter() - started:.0f} s"
    )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
