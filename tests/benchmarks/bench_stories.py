"""How fast stories are on a library of 100,000 articles: a full regroup, placing a fetch's
worth of new articles, the story list, and opening a story of ten accounts.

    python tests/benchmarks/bench_stories.py [--articles N] [--json] [--profile [all]]

Works on a private copy of the cached benchmark library (see generate.py). A story of ten
accounts (the escape event of tests/data/stories/tune, told again by three more outlets) is
added in the library's last days. Exits 1 when a figure misses its goal.
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import psutil

from reader.entities import Extractor
from reader.entities.analyser import analyse_now
from reader.ingest.files import load_document
from reader.models import ArticleDraft, Block, Body
from reader.store import Store
from reader.stories import StoryLibrary, rebuild
from reader.stories.desk import StoryDesk
from tests.benchmarks.generate import END, cached_library, copy_library, default_cache
from tests.benchmarks.measure import Figure, library_arguments, median, profile_calls, report, timed

MB = 1024 * 1024
#: The issue's goals.
REGROUP_SECONDS = 180
PLACE_SECONDS = 10
LIST_SECONDS = 0.3
OPEN_SECONDS = 0.3
ESCAPE = Path(__file__).resolve().parents[1] / "data" / "stories" / "tune" / "articles"


def _rss() -> float:
    return psutil.Process().memory_info().rss / MB


def _peak() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ten_accounts() -> list[ArticleDraft]:
    """The tune set's escape story (seven accounts) and three more outlets' versions of it,
    moved to the library's last days."""
    drafts = [load_document(p) for p in sorted(ESCAPE.glob("vastria-escape-*.md"))]
    base = min(d.published for d in drafts if d.published)
    shift = (END - timedelta(days=3)) - base
    moved = [replace(d, guid=f"bench-story-{n}", published=d.published + shift) for n, d in enumerate(drafts)]
    for n, outlet in enumerate(("Morning Courier", "Evening Standard Wire", "Coastal Gazette")):
        source = moved[n]
        blocks = source.body.blocks[1:] + source.body.blocks[:1]  # the same story, told in another order
        moved.append(replace(source, guid=f"bench-story-extra-{n}", outlet=outlet, body=Body(tuple(blocks)),
                             title=f"{source.title} ({outlet})", url=f"https://outlet-{n}.example/escape",
                             published=source.published + timedelta(hours=n + 1)))
    return moved


def fetched(store: Store, count: int) -> list[ArticleDraft]:
    """A fetch's worth of new articles: copies of the newest ones under new ids."""
    newest = store.articles_of_month(store.months()[0])[:count]
    drafts = []
    for n, article in enumerate(newest):
        body = store.body(article)
        drafts.append(ArticleDraft(
            source=article.source, guid=f"{article.guid}#bench-{n}", title=article.title,
            body=Body(body.blocks + (Block("paragraph", f"Update {n}."),)), outlet=article.outlet,
            url=f"{article.url}#bench-{n}", published=article.published + timedelta(minutes=5), kind=article.kind,
        ))
    return drafts


def main(argv: list[str] | None = None) -> int:
    args = library_arguments(__doc__.split("\n\n")[0]).parse_args(argv)
    started = time.perf_counter()
    source, info = cached_library(args.articles, args.feeds, args.seed, args.cache or default_cache())
    print(f"library: {info['articles']:,} articles ({'reused from cache' if info.get('cached') else 'generated now'})",
          flush=True)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as scratch:
        home = copy_library(source, Path(scratch) / "home")
        os.sync()
        store = Store.open(home)
        story_ids = store.add_articles(ten_accounts()).added
        desk = StoryDesk.open(store)
        rss_before = _rss()
        regroup = timed(lambda: rebuild(desk.index, store))
        placed = desk.index.count()
        figures.append(Figure("full regroup (stories --rebuild)", regroup, "s", REGROUP_SECONDS,
                              f"{placed:,} articles placed, {len(desk.library().shared()):,} stories of 2+; "
                              f"peak RSS {_peak():,.0f} MB (was {rss_before:,.0f} MB before)"))

        drafts = fetched(store, 1000)
        store.add_articles(drafts)
        report_ = None

        def place() -> None:
            nonlocal report_
            report_ = desk.update()

        seconds = timed(place)
        figures.append(Figure("placing 1,000 newly fetched articles", seconds, "s", PLACE_SECONDS,
                              f"{report_.placed} placed, {report_.joined} joined a story; background work"))

        corrections = desk.corrections.all()
        loads = [timed(lambda: StoryLibrary.load(desk.index, corrections, lone=False)) for _ in range(3)]
        library = StoryLibrary.load(desk.index, corrections, lone=False)
        figures.append(Figure("loading the story list (in a worker)", median(loads), "s", LIST_SECONDS,
                              f"{len(library):,} stories of 2+ accounts; RSS {_rss():,.0f} MB with it loaded",
                              profile=lambda: profile_calls(
                                  lambda: StoryLibrary.load(desk.index, corrections, lone=False))))
        every = timed(lambda: StoryLibrary.load(desk.index, corrections))
        figures.append(Figure("  every story, lone articles too (stories --all)", every, "s",
                              detail="the command line's --all and story ID"))
        from reader.tui.widgets.story_list_rows import story_rows

        listed = sorted(store.articles(), key=lambda a: a.published, reverse=True)
        rows = [timed(lambda: story_rows(library, listed, set())) for _ in range(3)]
        figures.append(Figure("showing it: the rows of the list by story", median(rows), "s", LIST_SECONDS,
                              f"{len(story_rows(library, listed, set())):,} rows from {len(listed):,} listed articles"))

        story = library.story_of(story_ids[0])
        assert story is not None
        analyse_now(store, list(story.article_ids), None, extractor=Extractor())
        first = timed(lambda: desk.compare(story))
        again = [timed(lambda: desk.compare(story)) for _ in range(3)]
        figures.append(Figure(f"opening a story of {len(story.accounts)} accounts, first time", first, "s",
                              detail="parsing every account (the app shows progress meanwhile)"))
        figures.append(Figure("  and again, its parse cached", median(again), "s", OPEN_SECONDS,
                              f"{len(story.outlets)} outlets",
                              profile=lambda: profile_calls(lambda: desk.compare(story))))
        figures.append(Figure("story index on disk", desk.index.size_on_disk() / MB, "MB"))
        misses = report(figures, profile=args.profile, as_json=args.json, header={"library": info})
    goals = sum(1 for f in figures if f.goal is not None)
    took = time.perf_counter() - started
    print(f"{goals - misses} of {goals} goals met, {misses} missed; benchmark took {took:.0f} s")
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
