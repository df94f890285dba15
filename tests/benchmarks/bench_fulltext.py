"""Full-text benchmark: trafilatura's extraction per page, and a feed of 50 summary-only items
filled in the background while the app stays responsive.

`python tests/benchmarks/bench_fulltext.py [--items 50] [--latency 0.05] [--pause 0.2] [--json]`

Extraction is timed on the test pages of tests/pagekit.py (an outlet's article with navigation,
share buttons, related links, comments and a cookie banner), at two weights. The background run
starts the real app (Pilot, headless) on a library with one feed of ``--items`` summary-only
items set to `always`, served from 127.0.0.1 with ``--latency``; pages of one host are fetched
one at a time, ``--pause`` seconds apart (the app's own pause is 1 s). While it runs, the app's
event loop is sampled every 10 ms for lag, and j/k are pressed in the list and timed.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))

from reader.config import Settings  # noqa: E402
from reader.feeds.http import FetchLimits  # noqa: E402
from reader.feeds.refresh import refresh_feeds  # noqa: E402
from reader.fulltext import extract_page  # noqa: E402
from reader.fulltext.background import FullTextRunner  # noqa: E402
from reader.store import Store  # noqa: E402
from reader.tui.app import BroadsheetApp  # noqa: E402
from reader.tui.services import Services  # noqa: E402
from tests.benchmarks.measure import median, p95  # noqa: E402
from tests.feedkit import Item, rss  # noqa: E402
from tests.feedserver import FeedServer  # noqa: E402
from tests.pagekit import SUMMARY, article_page  # noqa: E402

HTML = {"Content-Type": "text/html; charset=utf-8"}


def bench_extraction(runs: int = 30) -> dict:
    figures = {}
    extract_page(article_page(), "https://gazette.test/x")  # the import and first-call costs, once
    for name, filler in (("typical page", 20), ("heavy page", 400)):
        page = article_page(filler=filler)
        times = []
        for _ in range(runs):
            started = time.perf_counter()
            extract_page(page, "https://gazette.test/news/x")
            times.append((time.perf_counter() - started) * 1000)
        figures[name] = {"kb": round(len(page) / 1024, 1), "median_ms": round(median(times), 2),
                         "p95_ms": round(p95(times), 2)}
    return figures


async def bench_background(items: int, latency: float, pause: float) -> dict:
    with FeedServer(latency=latency) as server, tempfile.TemporaryDirectory() as folder:
        home = Path(folder) / "library"
        store = Store.open(home)
        entries = [Item(f"s{n}", title=f"Story {n}", text=f"<p>{SUMMARY}</p>", date="Sun, 22 Nov 2026 10:00:00 GMT",
                        link=server.route(f"/news/{n}", body=article_page(filler=20), headers=HTML))
                   for n in range(items)]
        feed, _ = store.add_feed(server.route("/feed.xml", body=rss("Harbour Gazette", *entries)))
        report = await refresh_feeds(store, [feed], FetchLimits(retries=0))
        ids = list(report.added)
        services = Services(store=store, settings=Settings(fetch_private_hosts=True), analyse_entities=False,
                            welcome=False, poll_seconds=1.0)
        app = BroadsheetApp(services)
        app.animation_level = "none"
        async with app.run_test(size=(160, 48)) as pilot:
            await pilot.pause(1.0)
            work = app.full_text
            work._started = FullTextRunner(store, work._limits, done=work._finished, pause=pause)
            idle: list[float] = []
            for n in range(20):  # the same keys with nothing in the background, to compare with
                before = time.perf_counter()
                await pilot.press("j" if n < 10 else "k")
                idle.append((time.perf_counter() - before) * 1000)
            lags: list[float] = []
            moves: list[float] = []
            started = time.perf_counter()
            work._runner.submit(ids)
            await asyncio.sleep(0)
            step = 0
            while work.busy and time.perf_counter() - started < 600:
                before = time.perf_counter()
                await asyncio.sleep(0.01)
                lags.append((time.perf_counter() - before - 0.01) * 1000)
                if len(lags) % 10 == 0:
                    before = time.perf_counter()
                    await pilot.press("j" if step % 20 < 10 else "k")
                    moves.append((time.perf_counter() - before) * 1000)
                    step += 1
            elapsed = time.perf_counter() - started
            await pilot.pause(0.5)
            filled = sum(store.article(i).full_text for i in ids)
            app.full_text.close()
            app.indexing.stop()
            app.storying.stop()
            services.writer.drain(10)
            services.writer.stop()
        return {"items": items, "filled": filled, "seconds": round(elapsed, 2),
                "seconds_per_item": round(elapsed / items, 3), "pause": pause, "latency": latency,
                "loop_lag_p95_ms": round(p95(lags), 1), "loop_lag_max_ms": round(max(lags), 1),
                "key_press_median_ms": round(median(moves), 1) if moves else None,
                "key_press_p95_ms": round(p95(moves), 1) if moves else None,
                "key_press_idle_median_ms": round(median(idle), 1)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05)
    parser.add_argument("--pause", type=float, default=0.2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    figures = {"extraction": bench_extraction(),
               "background": asyncio.run(bench_background(args.items, args.latency, args.pause))}
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for name, figure in figures["extraction"].items():
            print(f"extraction, {name} ({figure['kb']} KB): {figure['median_ms']} ms median, "
                  f"{figure['p95_ms']} ms p95")
        b = figures["background"]
        print(f"background: {b['filled']}/{b['items']} items in {b['seconds']} s ({b['pause']} s between pages of "
              f"one host, {b['latency'] * 1000:.0f} ms latency); event-loop lag p95 {b['loop_lag_p95_ms']} ms, "
              f"max {b['loop_lag_max_ms']} ms; j/k {b['key_press_median_ms']} ms median, "
              f"{b['key_press_p95_ms']} ms p95 (idle: {b['key_press_idle_median_ms']} ms median)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
