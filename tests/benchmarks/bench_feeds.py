"""Fetch benchmark: 200 feeds x 50 items over a local server with 50 ms latency, three ways.

`python tests/benchmarks/bench_feeds.py [--feeds 200] [--items 50] [--latency 0.05]
[--concurrency 32] [--per-host 32] [--repeat 3] [--json]`

Each fetch is `broadsheet fetch` in a fresh process, as a user or a cron job runs it: the
figure is that command's wall time, start-up included; the fetch's own time (from its
--json report) and the peak memory of the process and its parser workers are printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psutil

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))

from tests.benchmarks.feed_corpus import generate_corpus, with_new_items  # noqa: E402
from tests.benchmarks.measure import Figure, median, report  # noqa: E402

GOALS = {"first fetch": 5.0, "all-304 fetch": 0.75, "10%-new fetch": 2.5}


def write_corpus(folder: Path, corpus: dict[str, bytes]) -> None:
    for path, body in corpus.items():
        target = folder / path.lstrip("/").replace("/", "_")
        target.write_bytes(body)


@contextmanager
def served_corpus(corpus: dict[str, bytes], latency: float, prefix: str) -> Iterator[tuple[str, Path, Path]]:
    """The corpus written to a scratch folder and served from a process of its own (see
    serve_corpus.py): yields the base URL, the corpus folder (rewrite files in it to change
    what is served) and the scratch folder for libraries."""
    with tempfile.TemporaryDirectory(prefix=prefix) as scratch:
        folder = Path(scratch) / "corpus"
        folder.mkdir()
        write_corpus(folder, corpus)
        server = subprocess.Popen(
            [sys.executable, "-m", "tests.benchmarks.serve_corpus", str(folder), "--latency", str(latency)],
            cwd=PROJECT_ROOT, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )
        try:
            assert server.stdout is not None and server.stdin is not None
            yield server.stdout.readline().strip(), folder, Path(scratch)
        finally:
            assert server.stdin is not None
            server.stdin.close()
            server.wait(10)


def peak_tree_rss(process: psutil.Process, stop: threading.Event, out: list[float]) -> None:
    """Sample the summed RSS of a process and its children until ``stop``."""
    peak = 0
    while not stop.is_set():
        try:
            members = [process, *process.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in members if p.is_running()))
        except psutil.Error:
            pass
        stop.wait(0.01)
    out.append(peak / 2**20)


def wait_for_stories(home: Path, started: float) -> tuple[float, float]:
    """Wait until the fetch's new articles are in their stories, as a story command would (it
    places what is left under the placing lock, after any placing running): the time since
    ``started``, and the peak RSS of the placer the fetch left running (0 when none was)."""
    from reader.store import Store
    from reader.stories.desk import StoryDesk

    placers = []
    for process in psutil.process_iter(["cmdline"]):
        line = process.info["cmdline"] or []
        if "reader.stories.detached" in line and str(home) in line:
            placers.append(process)
    stop, peak = threading.Event(), []
    sampler = threading.Thread(target=peak_rss, args=(placers, stop, peak))
    sampler.start()
    store = Store.open(home)
    desk = StoryDesk.open(store)
    desk.update()
    placed = time.perf_counter() - started
    stop.set()
    sampler.join()
    placed_count, stored = desk.index.count(), len(store.articles())
    desk.index.close()
    if placed_count != stored:
        raise RuntimeError(f"{placed_count} articles placed of {stored} stored")
    # Before the next fetch: a placer that lost the race to the lock still ends its no-op.
    psutil.wait_procs(placers, timeout=60)
    return placed, peak[0]


def peak_rss(processes: list[psutil.Process], stop: threading.Event, out: list[float]) -> None:
    peak = 0
    while not stop.is_set():
        total = 0
        for process in processes:
            try:
                total += sum(p.memory_info().rss for p in [process, *process.children(recursive=True)])
            except psutil.Error:
                pass
        peak = max(peak, total)
        stop.wait(0.02)
    out.append(peak / 2**20)


def run_fetch(home: Path, args) -> tuple[float, dict, float]:
    command = [sys.executable, "-m", "reader", "--home", str(home), "fetch", "--json",
               "--concurrency", str(args.concurrency), "--per-host", str(args.per_host)]
    # An installed package has its bytecode compiled; without it every run (and each parser
    # process) would compile the modules it imports, which is not what a user waits for.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    started = time.perf_counter()
    process = psutil.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    stop, peak = threading.Event(), []
    sampler = threading.Thread(target=peak_tree_rss, args=(process, stop, peak))
    sampler.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    stop.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"fetch failed:\n{err.decode()}")
    result = json.loads(out)
    # The fetch leaves its new articles to be placed into stories by a process of its own.
    result["placed"], result["placer peak"] = wait_for_stories(home, started)
    if result["failed"]:
        raise RuntimeError(
            f"{result['failed']} feeds failed: {[f['error'] for f in result['feeds'] if f['error']][:3]}"
        )
    return wall, result, peak[0]


def one_round(args, corpus, newer, base_url: str, folder: Path, home: Path) -> dict[str, tuple]:
    write_corpus(folder, corpus)
    urls = "\n".join(base_url + path.lstrip("/").replace("/", "_") for path in corpus) + "\n"
    (home.parent / "urls").write_text(urls)
    subprocess.run([sys.executable, "-m", "reader", "--home", str(home), "feeds", "import", str(home.parent / "urls")],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    results = {"first fetch": run_fetch(home, args), "all-304 fetch": run_fetch(home, args)}
    write_corpus(folder, newer)
    results["10%-new fetch"] = run_fetch(home, args)
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=3, help="rounds, each on a new store (figures are medians)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    corpus = generate_corpus(feeds=args.feeds, items=args.items)
    newer = with_new_items(corpus, share=0.10)
    size = sum(map(len, corpus.values())) / 2**20
    print(f"corpus: {args.feeds} feeds x {args.items} items, {size:.1f} MB; latency {args.latency * 1000:.0f} ms; "
          f"--concurrency {args.concurrency} --per-host {args.per_host}", flush=True)
    rounds = []
    with served_corpus(corpus, args.latency, "broadsheet-bench-feeds-") as (base_url, folder, scratch):
        for number in range(args.repeat):
            home = scratch / f"round{number}" / "library"
            home.parent.mkdir()
            rounds.append(one_round(args, corpus, newer, base_url, folder, home))
            summary = ", ".join(f"{name} {wall:.2f} s" for name, (wall, _, _) in rounds[-1].items())
            print(f"round {number + 1}: {summary}", flush=True)

    figures = []
    for name, goal in GOALS.items():
        walls = [r[name][0] for r in rounds]
        inner = [r[name][1]["elapsed"] for r in rounds]
        peaks = [r[name][2] for r in rounds]
        added = rounds[0][name][1]["added"]
        figures.append(Figure(f"{name}: command wall time", median(walls), "s", goal,
                              detail=f"fetch itself {median(inner):.2f} s; {added} new articles; "
                                     f"runs {', '.join(f'{w:.2f}' for w in walls)}"))
        figures.append(Figure(f"{name}: stories placed, from the command's start",
                              median([r[name][1]["placed"] for r in rounds]), "s",
                              detail=f"placer peak {median([r[name][1]['placer peak'] for r in rounds]):.0f} MB"))
        figures.append(Figure(f"{name}: peak memory (with parser workers)", median(peaks), "MB"))
    misses = report(figures, profile=None, as_json=args.json, header={"benchmark": "feeds", **vars(args)})
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
