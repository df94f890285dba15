"""Opening an unanalysed article in the app while 1,000 others wait: how soon its sidebar fills.

`python tests/benchmarks/bench_sidebar.py [--articles 1000] [--opens 5] [--json]`

A library of generated 4–7 KB articles, none analysed, is opened in the real app (through
Textual's Pilot, headless); once the background analysis is under way, unanalysed articles
are opened one after another and the time until the sidebar shows their entities is taken.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))

from reader.config import Settings  # noqa: E402
from reader.models import ArticleDraft  # noqa: E402
from reader.store import Store  # noqa: E402
from reader.tui.app import BroadsheetApp  # noqa: E402
from reader.tui.services import Services  # noqa: E402
from reader.tui.widgets.entity_sidebar import EntitySidebar  # noqa: E402
from tests.benchmarks.measure import Figure, median, report  # noqa: E402
from tests.benchmarks.prose import Prose  # noqa: E402


def make_library(home: Path, count: int) -> None:
    rng = random.Random(1)
    prose = Prose(rng)
    base = datetime(2026, 10, 1, tzinfo=UTC)
    drafts = [
        ArticleDraft(source="bench", guid=f"g{i}", title=prose.headline(), body=prose.body(rng.randint(4000, 7000), []),
                     outlet="Bench Daily", published=base + timedelta(minutes=i))
        for i in range(count)
    ]
    Store.open(home).add_articles(drafts)


async def measure(home: Path, opens: int) -> tuple[list[float], str]:
    app = BroadsheetApp(Services(store=Store.open(home), settings=Settings()))
    times = []
    async with app.run_test(size=(160, 48)) as pilot:
        while not app.analysis_status:  # the worker has loaded the model and is working
            await pilot.pause(0.05)
        await pilot.pause(2)
        screen = app.screen
        sidebar = screen.query_one(EntitySidebar)
        for _ in range(opens):
            library = app.entity_library
            target = next(
                a for a in reversed(screen.listing.rows) if library is None or a.id not in library.article_ids
            )
            started = time.perf_counter()
            screen.open_article(target)
            while not (sidebar.entities is not None and screen.current.id == target.id):
                await pilot.pause(0.01)
            times.append(time.perf_counter() - started)
            await pilot.pause(0.5)
        status = app.analysis_status
        app.analysis.stop()
    return times, status


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--opens", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="broadsheet-bench-sidebar-"))
    try:
        make_library(scratch / "library", args.articles)
        times, status = asyncio.run(measure(scratch / "library", args.opens))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    figure = Figure("open an unanalysed article -> sidebar filled", median(times), "s", 1.0,
                    detail=f"{args.articles} queued; runs {', '.join(f'{t:.2f}' for t in times)}; at the end: {status}")
    return 1 if report([figure], profile=None, as_json=args.json, header={"benchmark": "sidebar", **vars(args)}) else 0


if __name__ == "__main__":
    sys.exit(main())
