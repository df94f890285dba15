"""How fast the store is on a library of 100,000 articles: start-up, keypresses, bodies, memory, disk.

    python tests/benchmarks/bench_store.py [--articles N] [--json] [--profile [all]]

Measures a private copy of the cached benchmark library (see generate.py), so the writes
it times never touch the cache. Exits 1 when a figure misses its goal.
"""

from __future__ import annotations

import gc
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.store import Store
from tests.benchmarks.generate import cache_key, cached_library, default_cache, refresh_index
from tests.benchmarks.measure import Figure, evict, library_arguments, median, p95, probe, profile_calls, report, timed

MB = 1024 * 1024
#: A keypress that writes (mark read, star, tag) must feel instant.
KEYPRESS_MS = 20


def bench_size(home: Path) -> list[Figure]:
    def total(*patterns: str) -> float:
        return sum(p.stat().st_size for pattern in patterns for p in home.glob(pattern) if p.is_file()) / MB

    store = Store.open(home)
    everything = store.size_on_disk() / MB
    meta = total("library/meta/*.json", "library/index.json", "library/ids.txt")
    bodies = total("library/bodies/*.pack")
    user = total("state/*")
    return [
        Figure("size on disk: total", everything, "MB",
               detail=f"{everything * MB / store.library.count():,.0f} bytes an article"),
        Figure("size on disk: metadata (shards + index)", meta, "MB",
               detail=f"index.json {total('library/index.json'):.1f} MB, ids.txt {total('library/ids.txt'):.1f} MB"),
        Figure("size on disk: bodies (packs)", bodies, "MB"),
        Figure("size on disk: user state", user, "MB", detail=f"feeds.json {total('feeds.json'):.2f} MB"),
    ]


def bench_start(home: Path, runs: int) -> list[Figure]:
    warm = [probe("open-newest", home) for _ in range(runs)]
    cold = []
    for _ in range(runs):
        evict([p for p in home.rglob("*") if p.is_file()])
        cold.append(probe("open-newest", home))
    seconds = [r["seconds"] for r in warm]
    if any(r["count"] != 100 for r in warm + cold):
        raise RuntimeError("newest(100) returned fewer than 100 articles")
    return [
        Figure(
            "open + newest(100), fresh process",
            median(seconds),
            "s",
            0.5,
            f"median of {runs}: {' '.join(f'{s:.3f}' for s in seconds)}; "
            f"import reader.store {median([r['import_seconds'] for r in warm]):.3f} s, "
            f"whole process {median([r['wall_seconds'] for r in warm]):.3f} s",
            profile=lambda: probe("open-newest", home, profile=True)["profile"],
        ),
        Figure(
            "  same, store files evicted from page cache",
            median([r["seconds"] for r in cold]),
            "s",
            detail=f"median of {runs}; whole process {median([r['wall_seconds'] for r in cold]):.3f} s",
        ),
        Figure(
            "peak memory: open + newest(100)",
            max(r["max_rss_mb"] for r in warm),
            "MB",
            400,
            "max RSS of the fresh process, interpreter included",
        ),
    ]


def bench_all_articles(home: Path, runs: int) -> list[Figure]:
    results = [probe("all-articles", home) for _ in range(runs)]
    return [
        Figure(
            "load all articles' metadata (articles())",
            median([r["seconds"] for r in results]),
            "s",
            detail=f"Store.open + articles() in a fresh process, median of {runs}; {results[0]['count']:,} articles",
            profile=lambda: probe("all-articles", home, profile=True)["profile"],
        ),
        Figure(
            "peak memory: all articles loaded",
            max(r["max_rss_mb"] for r in results),
            "MB",
            detail="max RSS of that process; the app needs it",
        ),
    ]


def bench_stats(home: Path, runs: int, name: str = "stats(), store just opened") -> list[Figure]:
    times = []
    for _ in range(runs):
        store = Store.open(home)
        times.append(timed(store.stats))
        del store
        gc.collect()
    return [
        Figure(
            name, median(times), "s", detail=f"median of {runs}", profile=lambda: profile_calls(Store.open(home).stats)
        )
    ]


def bench_bodies(home: Path, rng: random.Random, samples: int) -> list[Figure]:
    """Bodies of articles from shards the open store has not read yet, shard after shard."""
    # A few articles of each month, not all 100,000: a big heap would slow the parsing
    # measured here through the garbage collector (measured apart, as the app's case).
    reader = Store.open(home, read_only=True)
    by_shard = {
        name: rng.sample(arts, min(4, len(arts)))
        for name in reader.library.shard_names()
        if (arts := reader.library.shard_articles(name))
    }
    del reader
    gc.collect()
    shards = sorted(by_shard)
    picks = []
    while len(picks) < samples:
        rng.shuffle(shards)
        picks.extend(rng.choice(by_shard[s]) for s in shards)
    picks = picks[:samples]
    # One open store whose caches are dropped before each article: opening a store per
    # article would leave the old ones for the cycle collector, whose pauses would be
    # measured here (a Store and its lock refer to each other).
    store = Store.open(home)

    def cold_body(article, cpu: list[float] | None = None) -> float:
        store.library.forget_caches()
        return timed(lambda: store.body(article), cpu)

    cold, cold_cpu, warm, evicted, app_heap = [], [], [], [], []
    for article in picks:
        cold.append(cold_body(article, cold_cpu))
        other = rng.choice(by_shard[article.shard])
        warm.append(timed(lambda other=other: store.body(other)))
        evict([
            home / "library" / "meta" / f"{article.shard}.json", home / "library" / "bodies" / f"{article.shard}.pack"
        ])
        evicted.append(cold_body(article))
    everything = Store.open(home).articles()
    app_heap = [cold_body(article) for article in picks]
    del everything
    gc.collect()

    def profile_cold() -> str:
        articles = iter(picks[:10])
        return profile_calls(lambda: store.body(next(articles)), repeat=10, setup=store.library.forget_caches)

    ms = [t * 1000 for t in cold]
    heap_ms = [t * 1000 for t in app_heap]
    return [
        Figure(
            "load one body, shard not yet read (median)",
            median(ms),
            "ms",
            10,
            f"{samples} articles over {len(by_shard)} shards; p95 {p95(ms):.1f} ms; "
            f"CPU median {median(cold_cpu) * 1000:.1f} ms",
            profile=profile_cold,
        ),
        Figure(
            "  same, shard already read",
            median([t * 1000 for t in warm]),
            "ms",
            detail="another article of the same month",
        ),
        Figure("  same, shard files evicted from page cache", median([t * 1000 for t in evicted]), "ms"),
        Figure(
            "  same, all articles held in memory (the app)",
            median(heap_ms),
            "ms",
            detail=f"p95 {p95(heap_ms):.1f} ms, max {max(heap_ms):.1f} ms; "
            "pauses here are the cycle collector on a big heap",
        ),
    ]


def bench_keypresses(home: Path, rng: random.Random, samples: int) -> list[Figure]:
    """Durable single-article writes, on a store that has drawn its list (states() loaded)."""
    ids = list(Store.open(home, read_only=True).library.index()["ids"])
    gc.collect()
    store = Store.open(home)
    read_ids, _ = store.states()
    unread = rng.sample([i for i in ids if i not in read_ids], samples * 3)
    to_read, to_star, to_tag = unread[:samples], unread[samples : 2 * samples], unread[2 * samples :]

    def mark(article_id: str) -> None:
        if store.mark_read([article_id]) != [article_id]:
            raise RuntimeError(f"{article_id} was not marked read")

    cpu: dict[str, list[float]] = {"read": [], "star": [], "tag": []}
    read_ms = [timed(lambda i=i: mark(i), cpu["read"]) * 1000 for i in to_read]
    star_ms = [timed(lambda i=i: store.set_starred(i, True), cpu["star"]) * 1000 for i in to_star]
    tag_ms = [timed(lambda i=i: store.add_tags(i, ["bench", "follow-up"]), cpu["tag"]) * 1000 for i in to_tag]
    taken = read_ids | set(unread)
    spare = iter(rng.sample([i for i in ids if i not in taken], 30))

    def figure(name: str, ms: list[float], cpu: list[float], action) -> Figure:
        return Figure(
            name,
            median(ms),
            "ms",
            KEYPRESS_MS,
            f"{samples} articles; p95 {p95(ms):.1f} ms, max {max(ms):.1f} ms; CPU median {median(cpu) * 1000:.1f} ms",
            profile=lambda: profile_calls(lambda: action(next(spare)), repeat=10),
        )

    return [
        figure("mark one article read, durably (median)", read_ms, cpu["read"], mark),
        figure("star one article, durably (median)", star_ms, cpu["star"], lambda i: store.set_starred(i, True)),
        figure("tag one article, durably (median)", tag_ms, cpu["tag"], lambda i: store.add_tags(i, ["bench"])),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = library_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per start-up figure")
    parser.add_argument("--samples", type=int, default=50, help="articles per keypress and body figure")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    cache = args.cache or default_cache()
    was_cached = (cache / cache_key(args.articles, args.feeds, args.seed) / "manifest.json").exists()
    # Generate in another process, so this one measures with a heap of its own size.
    generator = Path(__file__).with_name("generate.py")
    parameters = ["--articles", str(args.articles), "--feeds", str(args.feeds), "--seed", str(args.seed)]
    subprocess.run(
        [sys.executable, str(generator), *parameters, "--cache", str(cache)], check=True, stdout=subprocess.DEVNULL
    )
    source, info = cached_library(args.articles, args.feeds, args.seed, cache)
    how = "reused from cache" if was_cached else "generated now"
    print(
        f"library: {info['articles']:,} articles, {info['feeds']} feeds, {info['shards']} monthly shards, "
        f"{info['read']:,} read, {info['starred']:,} starred, {info['tagged']:,} tagged, "
        f"{info['annotations']:,} annotations; generation took {info['generated_seconds']} s ({how})",
        flush=True,
    )
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-") as scratch:
        home = Path(scratch) / "home"
        shutil.copytree(source, home)
        # A copied library's index no longer matches its shards' inodes: what that costs
        # (anyone who restores a backup pays it), then the index is refreshed for the rest.
        stale = bench_stats(home, 3, "  same, library just copied (stale index)")
        refresh_index(home)
        # Sizes first, before the timed writes add to the copy; printed last.
        sizes = bench_size(home)
        start = bench_start(home, args.runs)
        everything = bench_all_articles(home, max(1, args.runs // 2 + 1))
        stats = bench_stats(home, args.runs)
        bodies = bench_bodies(home, rng, args.samples)
        keypresses = bench_keypresses(home, rng, args.samples)
        figures = start + keypresses + bodies + everything + stats + stale + sizes
        misses = report(figures, profile=args.profile, as_json=args.json, header={"library": info})
    goals = sum(1 for f in figures if f.goal is not None)
    print(
        f"{goals - misses} of {goals} goals met, {misses} missed; benchmark took {time.perf_counter() - started:.0f} s"
    )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
