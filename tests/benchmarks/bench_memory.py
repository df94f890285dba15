"""What the app process holds at 100,000 articles once background work's results have arrived.

    python tests/benchmarks/bench_memory.py [--articles N] [--moves 100] [--settle] [--trace]
        [--wait 0] [--home DIR] [--json]

Runs the real app headless, as bench_app.py does (``run_test(size=(160, 48))`` on a private copy
of the cached library, default ``Settings()``), waits for the whole library, then makes
``--moves`` timed moves (bench_app's ``time_moves``) and prints, before and after them: VmRSS,
Python's allocated blocks, the objects the garbage collector tracks by type, and the deep size
of what the app keeps (the entity library, the story library, the listing, the search and story
indexes' objects, the analysis' pending work). ``--settle`` first places the stories
(``broadsheet --home H stories``) and builds the search index (``reindex``) on the copy, as a
library in use has them; ``--home`` measures a copy of that home instead (a settled one made
earlier, say). ``--wait`` seconds are spent idle after the moves, to let a pending entity build
or story load arrive. ``--trace`` starts tracemalloc before the moves (it slows them and adds
its own memory, so the figures are then for attribution only) and prints what the moves
allocated and still hold, by line and by file. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.bench_app import SIZE, memory_mb, time_moves
from tests.benchmarks.measure import library_arguments, median, p95

RESULT = "BENCH-MEMORY-RESULT "


def deep_size(root: object, seen: set[int]) -> tuple[int, int]:
    """Bytes and objects reachable from ``root`` that ``seen`` does not hold yet (added to it).
    Types, modules and functions are not followed: they belong to the program, not the data."""
    skip = (type, type(sys), type(deep_size), type(len))
    total = count = 0
    stack = [root]
    while stack:
        obj = stack.pop()
        if id(obj) in seen or isinstance(obj, skip):
            continue
        seen.add(id(obj))
        total += sys.getsizeof(obj)
        count += 1
        stack.extend(gc.get_referents(obj))
    return total, count


def holdings(app) -> dict[str, tuple[float, int]]:
    """MB and objects of each part the app keeps, each counted once, in this order (an object
    two parts share is counted in the first)."""
    from textual.widget import Widget

    main, store = app.main, app.services.store
    parts: dict[str, object] = {
        "entity library (app.entity_library)": app.entity_library,
        "  analysis' own library and queue": (app.analysis._library, app.analysis._arrived),
        "story library (app.story_library)": app.story_library,
        "store: months of metadata parsed": [db.storage._cache for db in store.library.months.opened.values()],
        "store: library index": store.library._index,
        "store: content hashes": store.library.held,
        "store: entity results parsed": store.entity_files,
        "  story desk (index, corrections)": app.storying._desk,
        "listing (articles, rows, states)": main.listing,
        "library feed": main.feed,
        "searcher": app.indexing.searcher,
        "sidebar": main.sidebar,
        "store": app.services.store,
    }
    seen: set[int] = set()
    # Widgets hold their app and screen: stop there, or the first part would hold everything.
    for node in [app, *app.screen_stack, *[w for w in main.walk_children(Widget)]]:
        seen.add(id(node))
    seen.add(id(app.services))
    sizes = {}
    for name, root in parts.items():
        size, count = deep_size(root, seen)
        sizes[name] = (size / 1e6, count)
    return sizes


def counts_by_type(limit: int = 25) -> list[tuple[str, int]]:
    counts = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.get_objects())
    return counts.most_common(limit)


def lengths(app) -> dict[str, int]:
    """How many of each thing the structures hold."""
    found: dict[str, int] = {}
    library = app.entity_library
    if library is not None:
        found["entities"] = len(library.entities)
        found["analysed articles held"] = len(library.article_ids)
        found["occurrences"] = sum(len(e.occurrences) for e in library.entities)
    stories = app.story_library
    if stories is not None:
        found["stories held"] = len(stories.stories)
        found["accounts held"] = sum(len(s.accounts) for s in stories.stories)
    found["articles listed"] = len(app.main.listing.rows)
    # The stories' bounded caches of words (module-level, so not among the holdings above).
    from reader.stories import terms

    for name in ("_term", "stem", "_crc"):
        found[f"terms.{name} cached"] = getattr(terms, name).cache_info().currsize
    return found


class Reads:
    """Who makes the store parse a file or forget what it parsed, after the library has loaded:
    the stacks (this program's frames only) that called ``AtomicJSONStorage._load``,
    ``orjson.loads`` of the library index and ``Store._forget_caches``."""

    def __init__(self) -> None:
        self.counts: Counter[tuple[str, ...]] = Counter()
        self.on = False

    def install(self) -> None:
        import traceback

        from reader.store import library, storage, store

        def where(what: str) -> None:
            if self.on:
                frames = [f"{Path(f.filename).name}:{f.lineno} {f.name}" for f in traceback.extract_stack()[:-2]
                          if "/reader/" in f.filename]
                self.counts[(what, *frames[-7:])] += 1

        load = storage.AtomicJSONStorage._load

        def _load(storage_self):
            where(f"parse {storage_self.path.parent.name}/*.json")
            return load(storage_self)

        storage.AtomicJSONStorage._load = _load
        forget = store.Store._forget_caches

        def _forget_caches(store_self):
            where("forget every cache")
            return forget(store_self)

        store.Store._forget_caches = _forget_caches
        index = library.Library.index

        def _index(library_self):
            if library_self._index is None:
                where("parse index.json")
            return index(library_self)

        library.Library.index = _index

    def report(self) -> list:
        return [(n, list(stack)) for stack, n in self.counts.most_common(12)]


def snapshot(app) -> dict:
    gc.collect()
    return {"memory": memory_mb(), "holdings": holdings(app), "types": counts_by_type(), "lengths": lengths(app)}


def child(home: Path, moves: int, seed: int, trace: bool, wait: float, depth: int = 1) -> None:
    from reader.config import Settings
    from reader.store import Store
    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.main.library_feed import LibraryFeed
    from reader.tui.services import Services
    from reader.tui.widgets.article_list import ArticleList

    reads = Reads()
    reads.install()
    reads.on = True  # from the launch: what the start reads is reported apart

    async def drive() -> None:
        loop = asyncio.get_running_loop()
        seen: dict[int, object] = {}  # kept alive, so that no later message reuses an id
        loaded = asyncio.Event()
        pending: dict = {}
        app = None

        def hook(message) -> None:
            if app is None or id(message) in seen:
                return
            if isinstance(message, LibraryFeed.Loaded) and message.final:
                seen[id(message)] = message
                app.screen.call_after_refresh(loaded.set)
            elif isinstance(message, LibraryFeed.BodyLoaded) and pending and message.article_id == pending["id"]:
                seen[id(message)] = message
                future = pending["future"]
                pending["arrived"] = time.perf_counter()
                app.screen.call_after_refresh(lambda: future.done() or future.set_result(time.perf_counter()))

        store = Store.open(home)
        services = Services(store=store, settings=Settings())
        app = BroadsheetApp(services)
        result: dict = {}
        try:
            async with app.run_test(size=SIZE, message_hook=hook):
                await asyncio.wait_for(loaded.wait(), 600)
                screen = app.screen
                article_list = screen.query_one(ArticleList)
                result["peak_loaded_mb"] = memory_mb()["peak_rss_mb"]
                await asyncio.sleep(1.5)
                await screen.wait_for_refresh()
                result["launch_reads"] = reads.report()
                reads.counts.clear()
                result["before"] = snapshot(app)
                if trace:
                    import tracemalloc

                    tracemalloc.start(depth)
                timings = await time_moves(screen, article_list, pending, moves, seed, loop)
                ms = [t["ms"] for t in timings]
                result["moves"] = {"median_ms": median(ms), "p95_ms": p95(ms), "max_ms": max(ms),
                                   "rss_mb": [t["rss_mb"] for t in timings if t["rss_mb"] is not None]}
                result["after_moves_rss_mb"] = memory_mb()["rss_mb"]
                if wait:
                    await asyncio.sleep(wait)
                if trace:
                    import tracemalloc

                    shot = tracemalloc.take_snapshot()
                    tracemalloc.stop()
                    result["traced_lines"] = [(str(s.traceback[0]), s.size / 1e6, s.count)
                                              for s in shot.statistics("lineno")[:40]]
                    result["traced_stacks"] = [
                        (s.size / 1e6, s.count, [str(frame) for frame in s.traceback])
                        for s in shot.statistics("traceback")[:6]] if depth > 1 else []
                    result["traced_files"] = [(str(s.traceback[0].filename), s.size / 1e6, s.count)
                                              for s in shot.statistics("filename")[:25]]
                    del shot
                reads.on = False
                result["reads"] = reads.report()
                result["after"] = snapshot(app)
        finally:
            services.writer.drain(10.0)
            services.writer.stop()
        print(RESULT + json.dumps(result), flush=True)
        import multiprocessing

        for process in multiprocessing.active_children():
            process.terminate()
            process.join(5)
        os._exit(0)

    asyncio.run(drive())


def settle(home: Path) -> None:
    """Stories placed and the search index built, as a library in use has them."""
    for command in (["stories"], ["reindex"]):
        subprocess.run([sys.executable, "-m", "reader", "--home", str(home), *command], check=True,
                       stdout=subprocess.DEVNULL)


def show(result: dict) -> None:
    moves = result["moves"]
    print(f"peak RSS with the library loaded: {result['peak_loaded_mb']:,.0f} MB")
    print(f"moves: median {moves['median_ms']:.1f} ms, p95 {moves['p95_ms']:.1f} ms, max {moves['max_ms']:.1f} ms; "
          f"VmRSS every tenth: {' '.join(f'{m:,.0f}' for m in moves['rss_mb'])}")
    for when in ("before", "after"):
        shot = result[when]
        memory = shot["memory"]
        print(f"\n--- {when} the moves: VmRSS {memory['rss_mb']:,.0f} MB, "
              f"Python's allocated blocks {memory['python_blocks']:,}")
        print("  " + ", ".join(f"{k} {v:,}" for k, v in shot["lengths"].items()))
        for name, (mb, count) in shot["holdings"].items():
            print(f"  {name:<42} {mb:8.1f} MB {count:>10,} objects")
        print("  tracked objects by type: " + ", ".join(f"{k.split('.')[-1]} {n:,}" for k, n in shot["types"]))
    for key, when in (("launch_reads", "from the launch to the moves"), ("reads", "during the moves")):
        print(f"\n--- files parsed and caches forgotten {when}, by who asked ---")
        for n, stack in result[key]:
            print(f"  {n:>4}x {stack[0]}: " + " < ".join(reversed(stack[1:])))
    for mb, count, frames in result.get("traced_stacks", ()):
        print(f"\n--- {mb:.2f} MB in {count:,} blocks allocated during the moves, from ---")
        for frame in frames:
            print(f"  {frame}")
    for key, title in (("traced_lines", "by line"), ("traced_files", "by file")):
        if key in result:
            print(f"\n--- allocated during the moves and still held, {title} (tracemalloc) ---")
            for where, mb, count in result[key]:
                print(f"  {mb:8.2f} MB {count:>9,}  {where}")


def main(argv: list[str] | None = None) -> int:
    parser = library_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--moves", type=int, default=100)
    parser.add_argument("--settle", action="store_true", help="place the stories and build the index first")
    parser.add_argument("--trace", action="store_true", help="tracemalloc over the moves")
    parser.add_argument("--depth", type=int, default=1, help="frames tracemalloc keeps (with --trace)")
    parser.add_argument("--wait", type=float, default=0.0, help="idle seconds after the moves")
    parser.add_argument("--home", type=Path, help="measure a copy of this home, not of the cached library")
    parser.add_argument("--keep", type=Path, help="leave the (settled) copy here, to reuse with --home")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.child, args.moves, args.seed, args.trace, args.wait, args.depth)
        return 0

    from tests.benchmarks.generate import cached_library, copy_library

    source = args.home or cached_library(args.articles, args.feeds, args.seed, args.cache)[0]
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-memory-") as scratch:
        home = copy_library(source, args.keep or Path(scratch) / "home")
        if args.settle:
            settle(home)
        command = [sys.executable, str(Path(__file__).resolve()), "--child", str(home), "--moves", str(args.moves),
                   "--seed", str(args.seed), "--wait", str(args.wait), "--depth", str(args.depth)]
        command += ["--trace"] if args.trace else []
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode or not lines:
        print(f"the app run failed (exit {done.returncode}):\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
        return 1
    result = json.loads(lines[-1][len(RESULT):])
    if args.json:
        print(json.dumps(result))
    show(result)
    print(f"\nload: {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
