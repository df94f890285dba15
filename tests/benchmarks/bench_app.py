"""How fast the app is on a library of 100,000 articles: launch, moving between articles, memory.

    python tests/benchmarks/bench_app.py [--articles N] [--json] [--profile [all]]

Runs the real app (BroadsheetApp on a Store opened as the launcher opens it) headless
with ``App.run_test(size=(160, 48))`` on a private copy of the cached benchmark library
(see generate.py). Each launch is a fresh process. Exits 1 when a figure misses its goal.

What "shown" means here: the benchmark never uses Pilot to press keys or to wait (Pilot
adds tens of milliseconds of its own). It passes a ``message_hook`` to ``run_test``, which
Textual calls as each message reaches a widget, just before the widget handles it. When
a ``LibraryFeed.Loaded`` or ``LibraryFeed.BodyLoaded`` reaches the main screen, the hook asks that screen
for ``call_after_refresh``. Textual runs that callback after the screen has handled the
message and everything queued behind it, and after its next repaint, that is once the
compositor has rendered the changed widgets' lines. The time is read there, with
``time.perf_counter``. Headless, Textual builds each frame but does not write it to a
terminal, so a real terminal adds the time to encode and print one frame on top.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.measure import Figure, library_arguments, median, p95, report

#: The brief's goals.
LAUNCH_S = 1.0
MOVE_MS = 50
MOVE_P95_MS = 100
MEMORY_MB = 450
SIZE = (160, 48)
#: Marks the child's one line of JSON on stdout.
RESULT = "BENCH-APP-RESULT "


# The child: one launch of the app in this process ----------------------------------------------


def memory_mb() -> dict:
    """This process's current (VmRSS) and peak (VmHWM) resident memory, in MB."""
    found = {}
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(("VmRSS:", "VmHWM:")):
                found[line.split(":")[0]] = int(line.split()[1]) / 1024
    except OSError:
        pass
    if "VmHWM" not in found:  # not Linux: ru_maxrss (KiB on Linux, bytes on macOS)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        found["VmHWM"] = peak / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return {"rss_mb": found.get("VmRSS", found["VmHWM"]), "peak_rss_mb": found["VmHWM"],
            "python_blocks": sys.getallocatedblocks()}


class Collections:
    """Python's garbage collections during the moves: how many of each generation and how long
    the longest took (``gc.callbacks``, in whatever thread set them off)."""

    def __init__(self) -> None:
        import gc

        self._gc = gc
        self.pauses: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self.cpu: dict[int, list[float]] = {0: [], 1: [], 2: []}
        self._started = (0.0, 0.0)

    def _callback(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = (time.perf_counter(), time.thread_time())
        else:
            self.pauses[info["generation"]].append((time.perf_counter() - self._started[0]) * 1000)
            self.cpu[info["generation"]].append((time.thread_time() - self._started[1]) * 1000)

    def start(self) -> None:
        self._gc.callbacks.append(self._callback)

    def stop(self) -> dict:
        self._gc.callbacks.remove(self._callback)
        return {str(g): {"count": len(p), "max_ms": max(p, default=0.0), "total_ms": sum(p),
                         "max_cpu_ms": max(self.cpu[g], default=0.0)}
                for g, p in self.pauses.items()}


def full_collection() -> dict:
    """A full collection timed as the app's idle one runs it, then once more with nothing left to
    free: the second is what walking the heap costs. With the objects gc.freeze() set aside."""
    import gc

    def kinds(collect) -> tuple[int, list]:
        """Collect, keeping what was freed to count it by type (the most common first)."""
        from collections import Counter

        gc.set_debug(gc.DEBUG_SAVEALL)
        try:
            freed = collect()
            counts = Counter(f"{type(o).__module__}.{type(o).__qualname__}" for o in gc.garbage)
        finally:
            gc.set_debug(0)
            gc.garbage.clear()
        return freed, counts.most_common(8)

    started, cpu = time.perf_counter(), time.thread_time()
    freed, freed_kinds = kinds(gc.collect)
    first, first_cpu = (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000
    started, cpu = time.perf_counter(), time.thread_time()
    gc.collect()
    again, again_cpu = (time.perf_counter() - started) * 1000, (time.thread_time() - cpu) * 1000
    tracked, frozen = len(gc.get_objects()), gc.get_freeze_count()
    # What was frozen and has since become unreachable cycles: a freeze keeps it for good.
    gc.unfreeze()
    leaked, leaked_kinds = kinds(gc.collect)
    return {"ms": first, "cpu_ms": first_cpu, "freed": freed, "again_ms": again, "again_cpu_ms": again_cpu,
            "tracked": tracked, "frozen": frozen, "frozen_garbage": leaked,
            "freed_kinds": freed_kinds, "frozen_garbage_kinds": leaked_kinds}


class ThreadProfiles:
    """cProfile for the event-loop thread and, apart, for every thread started meanwhile.

    cProfile (Python 3.11) sees only the thread that enables it, and the library loads
    and bodies are read in Textual's worker threads, so each new thread starts its own
    profiler from a one-shot ``threading.setprofile`` hook.
    """

    def __init__(self) -> None:
        import cProfile
        import threading

        self._cprofile, self._threading = cProfile, threading
        self.main = cProfile.Profile()
        self.threads: list = []

    def _bootstrap(self, frame, event, arg) -> None:
        profiler = self._cprofile.Profile()
        self.threads.append(profiler)
        profiler.enable()  # replaces this hook for the thread that called it

    def start(self) -> None:
        self._threading.setprofile(self._bootstrap)
        self.main.enable()

    def watch_bodies(self, store) -> None:
        """Profile ``store.body`` calls in whatever thread makes them (one at a time).

        The worker threads already exist by the time the moves start, so the start-up
        hook cannot reach them; the moves' work in a worker thread is reading the body.
        """
        profiler = self._cprofile.Profile()
        self.threads.append(profiler)
        read = store.body

        def body(article):
            profiler.enable()
            try:
                return read(article)
            finally:
                profiler.disable()

        store.body = body

    def stop_main(self) -> None:
        self.main.disable()
        self._threading.setprofile(None)

    def summary(self, limit: int = 25) -> str:
        import io
        import pstats

        out = io.StringIO()
        sections = [("event-loop thread", [self.main]), ("worker threads (merged)", self.threads)]
        for title, profilers in sections:
            profilers = [p for p in profilers if p.getstats()]
            out.write(f"--- {title} ---\n")
            if not profilers:
                out.write("(nothing recorded)\n")
                continue
            stats = pstats.Stats(profilers[0], stream=out)
            for more in profilers[1:]:
                stats.add(more)
            stats.sort_stats("cumulative").print_stats(limit)
            stats.sort_stats("tottime").print_stats(limit)
        return out.getvalue()


def child(home: Path, moves: int, seed: int, profile: str | None) -> dict:
    """Launch the app on ``home``, wait for the whole library, optionally time ``moves`` moves."""
    imports_started = time.perf_counter()
    from reader.config import Settings
    from reader.store import Store
    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.main.library_feed import LibraryFeed
    from reader.tui.services import Services
    from reader.tui.widgets.article_list import ArticleList

    import_seconds = time.perf_counter() - imports_started
    profiles = ThreadProfiles() if profile else None

    async def drive() -> dict:
        loop = asyncio.get_running_loop()
        seen: dict[int, object] = {}  # a message is hooked again at each widget it bubbles to
        marks: dict[str, float] = {}
        loads: list[dict] = []
        first_shown, all_shown = asyncio.Event(), asyncio.Event()
        #: The move being timed: its article id, and a future resolved once its body is on screen.
        pending: dict = {}
        app = None

        def hook(message) -> None:
            if id(message) in seen or app is None:
                return
            if isinstance(message, LibraryFeed.Loaded):
                seen[id(message)] = message
                arrived = time.perf_counter()
                screen = app.screen

                def shown() -> None:
                    now = time.perf_counter()
                    rows = len(screen.query_one(ArticleList).listing.rows)
                    loads.append({"final": message.final, "articles": len(message.articles), "rows": rows,
                                  "arrived": arrived - started, "shown": now - started})
                    if rows and not first_shown.is_set():
                        first_shown.set()
                        if profiles and profile == "launch":
                            profiles.stop_main()
                    if message.final:
                        all_shown.set()

                screen.call_after_refresh(shown)
            elif isinstance(message, LibraryFeed.BodyLoaded) and pending and message.article_id == pending["id"]:
                seen[id(message)] = message
                pending["arrived"] = time.perf_counter()
                screen, future = app.screen, pending["future"]

                def body_shown() -> None:
                    now = time.perf_counter()
                    if not future.done():
                        future.set_result(now)

                screen.call_after_refresh(body_shown)

        if profiles and profile == "launch":
            profiles.start()
        started = time.perf_counter()
        store = Store.open(home)  # as reader.tui.launch.run_app does, before building the app
        marks["store_open"] = time.perf_counter() - started
        services = Services(store=store, settings=Settings())
        app = BroadsheetApp(services)
        marks["app_built"] = time.perf_counter() - started
        result: dict = {}
        try:
            async with app.run_test(size=SIZE, message_hook=hook):
                marks["run_test_ready"] = time.perf_counter() - started
                await asyncio.wait_for(first_shown.wait(), 120)
                await asyncio.wait_for(all_shown.wait(), 600)
                screen = app.screen
                article_list = screen.query_one(ArticleList)
                result["memory_loaded"] = memory_mb()
                result["rows"] = len(article_list.listing.rows)
                if moves:
                    # Let the start settle: the first row's body, the first store poll.
                    await asyncio.sleep(1.5)
                    await screen.wait_for_refresh()
                    result["memory_before_moves"] = memory_mb()
                    if profiles and profile == "moves":
                        profiles.watch_bodies(store)
                    collections = Collections()
                    collections.start()
                    result["moves"] = await time_moves(
                        screen, article_list, pending, moves, seed, loop, profiles if profile == "moves" else None
                    )
                    result["collections"] = collections.stop()
                    result["memory_after_moves"] = memory_mb()
                    pause = app.collector.last_pause
                    result["app_collection_ms"] = None if pause is None else pause * 1000
                    result["full_collection"] = full_collection()
        finally:
            services.writer.drain(10.0)
            services.writer.stop()
        result.update(import_seconds=import_seconds, marks=marks, loads=loads)
        if profiles:
            result["profile"] = profiles.summary()
        # Report now and leave: the default executor's shutdown would wait for the background
        # threads (on a library the app has not grouped yet, the story placement) to notice the
        # app has gone, which measures nothing and can take minutes on a busy machine.
        print(RESULT + json.dumps(result), flush=True)
        import multiprocessing

        for process in multiprocessing.active_children():  # the analyser's and the stories' workers
            process.terminate()
            process.join(5)
        os._exit(0)

    asyncio.run(drive())
    return {}


async def time_moves(screen, article_list, pending: dict, count: int, seed: int, loop, profiles=None) -> list[dict]:
    """``count`` moves to the next article, each after a jump to a different part of the list.

    The jump (``set_cursor(i, announce=False)``) moves the cursor without showing the
    article, so the reader pane still shows an article from another month; the move
    (``action_cursor_down``, what j and down do) must then read a body from a month this
    process has not read from just before. Every timed move is a real month change in the
    store's terms; the OS page cache holds the files, as it does on a machine in use.
    """
    rows = article_list.listing.rows
    # Evenly spread over the whole list (which spans two years), visited in shuffled order
    # so consecutive jumps land in different months.
    targets = [int((k + 0.5) * (len(rows) - 2) / count) for k in range(count)]
    random.Random(seed).shuffle(targets)
    timings = []
    for done, index in enumerate(targets):
        article_list.set_cursor(index, announce=False)
        await screen.wait_for_refresh()
        target = rows[index + 1]
        future = loop.create_future()
        pending.update(id=target.id, future=future, arrived=None)
        before = screen.current.id if screen.current else None
        cpu = time.process_time()
        if profiles:
            profiles.main.enable()
        started = time.perf_counter()
        article_list.action_cursor_down()
        shown = await asyncio.wait_for(future, 10)
        cpu = time.process_time() - cpu
        if profiles:
            profiles.main.disable()
        arrived = pending["arrived"]
        pending.clear()
        # What the reader pane holds now must be this article's body, drawn.
        body = screen.current_body
        if screen.current is None or screen.current.id != target.id or body is None:
            raise RuntimeError(f"the reader pane does not show {target.id} after the move")
        drawn = str(screen.query_one("#reader-body").render())
        first_block = next((b.text for b in body.blocks if b.text.strip()), "")
        if first_block.strip().split("\n")[0][:40] not in drawn:
            raise RuntimeError(f"the reader body widget does not hold {target.id}'s text")
        if before == target.id:
            raise RuntimeError("the move did not change the article")
        timings.append({
            "ms": (shown - started) * 1000,
            "body_ms": (arrived - started) * 1000,
            "draw_ms": (shown - arrived) * 1000,
            "cpu_ms": cpu * 1000,
            "month": target.published.strftime("%Y-%m"),
            "rss_mb": memory_mb()["rss_mb"] if (done + 1) % max(1, count // 10) == 0 else None,
        })
    return timings


# The parent: copies the library, runs the children and reports ------------------------------------


def run_child(home: Path, moves: int = 0, seed: int = 1, profile: str | None = None) -> dict:
    command = [
        sys.executable, str(Path(__file__).resolve()), "--child", str(home), "--moves", str(moves), "--seed", str(seed)
    ]
    if profile:
        command += ["--child-profile", profile]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT)]
    if done.returncode != 0 or not lines:
        raise RuntimeError(
            f"the app run failed (exit {done.returncode}):\n{done.stdout[-4000:]}\n{done.stderr[-4000:]}"
        )
    return {**json.loads(lines[-1][len(RESULT):]), "wall_seconds": wall}


def first_load(run: dict) -> dict:
    return next(load for load in run["loads"] if load["rows"])


def final_load(run: dict) -> dict:
    return next(load for load in run["loads"] if load["final"])


def bench_launch(home: Path, runs: int, moves: int, seed: int) -> tuple[list[Figure], list[Figure], list[dict]]:
    """The launch figures and the memory figure, and the runs (the last one also timed the moves)."""
    # The generated library has never been opened by the app: its first start imports the
    # bundled sample articles (a write). Measured apart, for information; then the launches.
    first_start = run_child(home)
    timed = [run_child(home, moves if n == runs - 1 else 0, seed) for n in range(runs)]

    def med(value) -> float:
        return median([value(r) for r in timed])

    first = [first_load(r)["shown"] for r in timed]
    whole = [final_load(r)["shown"] for r in timed]
    launch = [
        Figure(
            "launch to an interactive list",
            median(first),
            "s",
            LAUNCH_S,
            f"median of {runs} fresh processes: {' '.join(f'{s:.3f}' for s in first)}; medians: Store.open "
            f"{med(lambda r: r['marks']['store_open']) * 1000:.0f} ms, "
            f"app built {med(lambda r: r['marks']['app_built']) * 1000:.0f} ms, "
            f"run_test ready {med(lambda r: r['marks']['run_test_ready']):.3f} s, first month "
            f"({first_load(timed[0])['articles']:,} articles) reached the screen "
            f"{med(lambda r: first_load(r)['arrived']):.3f} s; "
            f"imports (textual, reader.tui.app) {med(lambda r: r['import_seconds']):.3f} s before that, "
            f"whole process {med(lambda r: r['wall_seconds']):.2f} s",
            profile=lambda: run_child(home, 0, seed, "launch")["profile"],
        ),
        Figure(
            "  launch to the whole library loaded",
            median(whole),
            "s",
            detail=f"median of {runs}: {' '.join(f'{s:.3f}' for s in whole)}; the last batch "
            f"({final_load(timed[0])['articles']:,} articles) reached the screen "
            f"{med(lambda r: final_load(r)['arrived']):.3f} s "
            f"(median); {timed[0]['rows']:,} rows",
        ),
        Figure(
            "  same, first start (imports the sample articles)",
            first_load(first_start)["shown"],
            "s",
            detail=f"one run; whole library {final_load(first_start)['shown']:.3f} s",
        ),
    ]
    peak = max(r["memory_loaded"]["peak_rss_mb"] for r in timed)
    after = f"; {timed[-1]['memory_after_moves']['peak_rss_mb']:,.0f} MB after the moves" if moves else ""
    memory = [
        Figure(
            "peak RSS, whole library loaded",
            peak,
            "MB",
            MEMORY_MB,
            detail=f"VmHWM, largest of {runs} launches; "
            f"resident then {med(lambda r: r['memory_loaded']['rss_mb']):,.0f} MB (median){after}",
        )
    ]
    return launch, memory, timed


def move_figures(run: dict, home: Path, moves: int, seed: int) -> list[Figure]:
    timings = run["moves"]
    ms = [t["ms"] for t in timings]
    months = len({t["month"] for t in timings})
    return [
        Figure(
            "move to the next article, reader pane drawn",
            median(ms),
            "ms",
            MOVE_MS,
            f"median of {len(ms)} moves over {months} months; p95 {p95(ms):.1f} ms, max {max(ms):.1f} ms; medians: "
            f"body read + BodyLoaded reaching the screen {median([t['body_ms'] for t in timings]):.1f} ms, "
            f"then handled + repainted {median([t['draw_ms'] for t in timings]):.1f} ms; "
            f"CPU (all threads) {median([t['cpu_ms'] for t in timings]):.1f} ms",
            profile=lambda: run_child(home, moves, seed, "moves")["profile"],
        ),
        Figure("  p95 of the same", p95(ms), "ms", MOVE_P95_MS, detail=f"max {max(ms):.1f} ms"),
        Figure(
            "  resident memory after the moves",
            run["memory_after_moves"]["rss_mb"],
            "MB",
            MEMORY_MB,
            detail=f"VmRSS {run['memory_before_moves']['rss_mb']:,.0f} MB before the {len(ms)} moves "
            f"(growth {run['memory_after_moves']['rss_mb'] - run['memory_before_moves']['rss_mb']:+,.0f} MB); "
            f"VmHWM {run['memory_after_moves']['peak_rss_mb']:,.0f} MB",
        ),
        Figure(
            "  resident memory growth over the moves",
            run["memory_after_moves"]["rss_mb"] - run["memory_before_moves"]["rss_mb"],
            "MB",
            detail="VmRSS every tenth of the moves: "
            + " ".join(f"{t['rss_mb']:,.0f}" for t in timings if t.get("rss_mb") is not None)
            + f"; Python's allocated blocks {run['memory_before_moves']['python_blocks']:,} before, "
            f"{run['memory_after_moves']['python_blocks']:,} after",
        ),
        *collection_figures(run),
    ]


def collection_figures(run: dict) -> list[Figure]:
    """Full collections: those Python or the app ran during the moves, and one timed after them."""
    full, during = run["full_collection"], run["collections"]
    app = run.get("app_collection_ms")
    return [
        Figure(
            "  full collection after the moves (CPU)",
            full["cpu_ms"],
            "ms",
            detail=f"wall {full['ms']:.1f} ms, {full['freed']:,} objects freed; again at once "
            f"{full['again_cpu_ms']:.1f} ms CPU ({full['again_ms']:.1f} ms wall): {full['tracked']:,} objects "
            f"walked, {full['frozen']:,} frozen (gc.freeze) and skipped, of which {full['frozen_garbage']:,} had "
            "become garbage; the app's own last one "
            + ("none" if app is None else f"{app:.1f} ms CPU"),
        ),
        Figure(
            "  full collections during the moves",
            during["2"]["count"],
            "",
            detail=f"longest {during['2']['max_cpu_ms']:.1f} ms CPU ({during['2']['max_ms']:.1f} ms wall); young: "
            f"{during['0']['count'] + during['1']['count']:,}, longest {during['1']['max_cpu_ms']:.1f} ms CPU",
        ),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = library_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="fresh processes for the launch figure")
    parser.add_argument("--moves", type=int, default=100, help="moves to the next article to time")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--child-profile", choices=["launch", "moves"], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        child(args.child, args.moves, args.seed, args.child_profile)  # prints its result and exits
        return 0

    from tests.benchmarks.generate import cache_key, cached_library, copy_library, default_cache

    started = time.perf_counter()
    cache = args.cache or default_cache()
    was_cached = (cache / cache_key(args.articles, args.feeds, args.seed) / "manifest.json").exists()
    # Generate in another process, so this one stays small (it only starts the app runs).
    generator = Path(__file__).with_name("generate.py")
    parameters = ["--articles", str(args.articles), "--feeds", str(args.feeds), "--seed", str(args.seed)]
    subprocess.run(
        [sys.executable, str(generator), *parameters, "--cache", str(cache)], check=True, stdout=subprocess.DEVNULL
    )
    source, info = cached_library(args.articles, args.feeds, args.seed, cache)
    how = "reused from cache" if was_cached else "generated now"
    print(
        f"library: {info['articles']:,} articles, {info['feeds']} feeds, {info['shards']} monthly shards; "
        f"generation took {info['generated_seconds']} s ({how}); app size {SIZE[0]}x{SIZE[1]}",
        flush=True,
    )
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-app-") as scratch:
        home = copy_library(source, Path(scratch) / "home")
        launch, memory, runs = bench_launch(home, max(1, args.runs), args.moves, args.seed)
        moves = move_figures(runs[-1], home, args.moves, args.seed) if args.moves else []
        figures = launch + moves + memory
        header = {
            "library": info,
            "size": list(SIZE),
            "launch_seconds": [round(first_load(r)["shown"], 4) for r in runs],
            "whole_library_seconds": [round(final_load(r)["shown"], 4) for r in runs],
            "move_ms": [round(t["ms"], 2) for t in runs[-1].get("moves", [])],
        }
        misses = report(figures, profile=args.profile, as_json=args.json, header=header)
    goals = sum(1 for f in figures if f.goal is not None)
    print(
        f"{goals - misses} of {goals} goals met, {misses} missed; benchmark took {time.perf_counter() - started:.0f} s"
    )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
