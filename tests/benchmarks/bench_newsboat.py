"""Fetch speed beside newsboat: the same corpus, server and three fetches, timed side by side.

`python tests/benchmarks/bench_newsboat.py [--feeds 200] [--items 50] [--latency 0.05]
[--threads 8] [--concurrency 32] [--per-host 32] [--repeat 1] [--json]`

Each round fetches into an empty cache (newsboat) and an empty library (ours), again with
every feed answering 304, and again after 10% of every feed's items were replaced. newsboat
runs as `newsboat -x reload` with `reload-threads` set to --threads, and its cache is ANALYZEd
after the first fetch, so that the later fetches' queries have statistics to be planned with.
Ours is `broadsheet fetch` in a fresh process. The goals are ratios of our wall time to
newsboat's; without newsboat installed only our times are printed. The fetch leaves grouping
its new articles into stories to a detached process: "stories placed" is the time from the
command's start until a story command's placing (which waits for that process) has them all,
with the placer's peak memory.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))

from tests.benchmarks.bench_feeds import run_fetch, served_corpus, write_corpus  # noqa: E402
from tests.benchmarks.feed_corpus import generate_corpus, with_new_items  # noqa: E402
from tests.benchmarks.measure import Figure, median, report  # noqa: E402

#: Our wall time over newsboat's, at most.
GOALS = {"first fetch": 1.0, "all-304 fetch": 0.45, "10%-new fetch": 1.0}


class Newsboat:
    """One newsboat cache, its urls file and config, in a folder of its own."""

    def __init__(self, folder: Path, urls: list[str], threads: int) -> None:
        self.folder = folder
        folder.mkdir(parents=True)
        (folder / "urls").write_text("\n".join(urls) + "\n")
        # max-items 0: every item is kept, as we keep them.
        (folder / "config").write_text(f"reload-threads {threads}\nmax-items 0\n")
        self.cache = folder / "cache.db"

    def reload(self) -> float:
        command = ["newsboat", "-u", str(self.folder / "urls"), "-c", str(self.cache),
                   "-C", str(self.folder / "config"), "-x", "reload"]
        # HOME and XDG point inside the folder: newsboat must not touch the user's own files.
        env = {**os.environ, "HOME": str(self.folder), "XDG_CONFIG_HOME": str(self.folder),
               "XDG_DATA_HOME": str(self.folder)}
        started = time.perf_counter()
        done = subprocess.run(command, env=env, capture_output=True, text=True)
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(f"newsboat failed ({done.returncode}): {done.stderr.strip()[:500]}")
        return wall

    def analyze(self) -> None:
        with sqlite3.connect(self.cache) as db:
            db.execute("ANALYZE")

    def items(self) -> int:
        with sqlite3.connect(self.cache) as db:
            return db.execute("SELECT count(*) FROM rss_item").fetchone()[0]


def one_round(args, corpus, newer, base_url: str, folder: Path, scratch: Path, with_newsboat: bool) -> dict:
    write_corpus(folder, corpus)
    urls = [base_url + path.lstrip("/").replace("/", "_") for path in corpus]
    home = scratch / "library"
    home.parent.mkdir(parents=True, exist_ok=True)
    (scratch / "urls").write_text("\n".join(urls) + "\n")
    subprocess.run([sys.executable, "-m", "reader", "--home", str(home), "feeds", "import", str(scratch / "urls")],
                   cwd=PROJECT_ROOT, check=True, capture_output=True)
    newsboat = Newsboat(scratch / "newsboat", urls, args.threads) if with_newsboat else None
    results: dict[str, dict] = {}
    for name in GOALS:
        if name == "10%-new fetch":
            write_corpus(folder, newer)
        entry: dict = {}
        if newsboat is not None:
            entry["newsboat"] = newsboat.reload()
            entry["newsboat items"] = newsboat.items()
            if name == "first fetch":
                newsboat.analyze()
        wall, result, peak = run_fetch(home, args)
        entry |= {"ours": wall, "inner": result["elapsed"], "added": result["added"], "peak": peak,
                  "placed": result["placed"], "placer peak": result["placer peak"]}
        results[name] = entry
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--threads", type=int, default=8, help="newsboat's reload-threads")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--per-host", type=int, default=32)
    parser.add_argument("--repeat", type=int, default=1, help="rounds, each from empty (figures are medians)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    with_newsboat = shutil.which("newsboat") is not None
    corpus = generate_corpus(feeds=args.feeds, items=args.items)
    newer = with_new_items(corpus, share=0.10)
    size = sum(map(len, corpus.values())) / 2**20
    print(f"corpus: {args.feeds} feeds x {args.items} items, {size:.1f} MB; latency {args.latency * 1000:.0f} ms; "
          f"newsboat {'reload-threads ' + str(args.threads) if with_newsboat else 'not installed: ours alone'}",
          flush=True)
    rounds = []
    with served_corpus(corpus, args.latency, "broadsheet-bench-newsboat-") as (base_url, folder, scratch):
        for number in range(args.repeat):
            rounds.append(one_round(args, corpus, newer, base_url, folder, scratch / f"round{number}", with_newsboat))
            print(f"round {number + 1}: " + ", ".join(
                f"{name} ours {r['ours']:.2f} s (placed {r['placed']:.2f} s)"
                + (f" newsboat {r['newsboat']:.2f} s" if with_newsboat else "")
                for name, r in rounds[-1].items()), flush=True)

    figures = []
    for name, goal in GOALS.items():
        ours = median([r[name]["ours"] for r in rounds])
        detail = (f"fetch itself {median([r[name]['inner'] for r in rounds]):.2f} s; "
                  f"{rounds[0][name]['added']} new articles; peak {median([r[name]['peak'] for r in rounds]):.0f} MB")
        figures.append(Figure(f"{name}: ours, command wall time", ours, "s", detail=detail))
        placed = median([r[name]["placed"] for r in rounds])
        figures.append(Figure(f"{name}: ours, stories placed (from the command's start)", placed, "s",
                              detail=f"placer peak {median([r[name]['placer peak'] for r in rounds]):.0f} MB"))
        if with_newsboat:
            theirs = median([r[name]["newsboat"] for r in rounds])
            figures.append(Figure(f"{name}: newsboat -x reload", theirs, "s",
                                  detail=f"{rounds[0][name]['newsboat items']} items in its cache"))
            figures.append(Figure(f"{name}: ours / newsboat", ours / theirs, "x", goal))
            figures.append(Figure(f"{name}: ours placed / newsboat", placed / theirs, "x"))
    misses = report(figures, profile=None, as_json=args.json, header={"benchmark": "newsboat", **vars(args)})
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
