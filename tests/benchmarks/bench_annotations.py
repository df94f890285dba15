"""How fast annotations are on a library of 100,000 articles with 10,000 annotations: save, list, export.

    python tests/benchmarks/bench_annotations.py [--articles N] [--annotations 10000] [--json] [--profile [all]]

Measures a private copy of the cached benchmark library (see generate.py), raised to
``--annotations`` annotations in one write. Exits 1 when a figure misses its goal.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.annotations.export import to_json, to_w3c
from reader.annotations.markdown import to_markdown
from reader.annotations.model import KINDS
from reader.cli.annotation_commands import passage_bodies
from reader.store import Store
from tests.benchmarks.generate import cached_library, copy_library
from tests.benchmarks.measure import Figure, library_arguments, median, p95, profile_calls, report, timed
from tests.benchmarks.words import USER_TAGS

#: Saving a highlight is a keypress: it must feel instant.
SAVE_MS = 20
EXPORT_SECONDS = 2.0


def raise_annotations(store: Store, target: int, rng: random.Random) -> int:
    """Add annotations until there are ``target``, in one write, shaped as the generator shapes them.

    They copy existing annotations' passages onto other articles' ids: the quotes need not
    match those articles' texts, since nothing here re-anchors them.
    """
    existing = list(store.user.annotations.raw().values())
    ids = list(store.library.index()["ids"])
    missing = target - len(existing)
    docs = {}
    for _ in range(max(0, missing)):
        doc = dict(rng.choice(existing))
        doc.update(
            article=rng.choice(ids), kind=rng.choice(KINDS), tags=rng.sample(USER_TAGS, rng.choice([0, 0, 1, 2]))
        )
        docs[f"{rng.getrandbits(40):010x}"] = doc
    with store.writing():
        store.user.annotations.put_many(docs)
    return len(store.user.annotations.raw())


def bench_save(home: Path, rng: random.Random, samples: int) -> list[Figure]:
    store = Store.open(home)
    store.annotations()  # a running app has read them already
    articles = [a for a in store.articles_of_month(store.months()[0])][:samples]
    texts = {a.id: store.body(a).text for a in articles}
    cpu: list[float] = []
    times = []
    for article in articles:
        text = texts[article.id]
        start = text.index(" ", len(text) // 3) + 1

        def save(article=article, start=start, text=text):
            store.add_annotation(article.id, start, start + 80, note="A thought", tags=["bench"], text=text)

        times.append(timed(save, cpu))
    ms = [t * 1000 for t in times]

    def one_more():
        article = articles[0]
        store.add_annotation(article.id, 0, 40, text=texts[article.id])

    return [Figure(
        "save one annotation, durable",
        median(ms),
        "ms",
        SAVE_MS,
        f"median of {len(ms)}, p95 {p95(ms):.1f} ms, CPU {median(cpu) * 1000:.1f} ms; "
        f"{len(store.user.annotations.raw()):,} annotations in "
        f"{len(list((home / 'state' / 'annotations').glob('*.json')))} files",
        profile=lambda: profile_calls(one_more, repeat=10),
    )]


def bench_list(home: Path) -> list[Figure]:
    def listing():
        store = Store.open(home)
        annotations = store.annotations()
        articles = store.annotated_articles(a.article for a in annotations)
        return [(a, articles.get(a.article)) for a in annotations]

    times = [timed(listing) for _ in range(3)]
    count = len(listing())
    return [Figure(
        "list all annotations with titles (fresh store)",
        median(times),
        "s",
        detail=f"annotations() + their articles' metadata, median of 3; {count:,} annotations",
        profile=lambda: profile_calls(listing),
    )]


def bench_export(home: Path) -> list[Figure]:
    figures = []
    for name, write, goal in (
        ("Markdown", to_markdown, EXPORT_SECONDS), ("JSON", to_json, None), ("W3C JSON-LD", to_w3c, None)
    ):
        def export(write=write):
            store = Store.open(home)
            annotations = store.annotations()
            articles = store.annotated_articles(a.article for a in annotations)
            if write is to_markdown:  # as `export annotations` does: passages take their blocks' form
                return to_markdown(annotations, articles, passage_bodies(store, annotations, articles))
            return write(annotations, articles)

        times = [timed(export) for _ in range(3)]
        size = len(export())
        figures.append(Figure(
            f"export all annotations: {name}",
            median(times),
            "s",
            goal,
            f"fresh store, median of 3; {size / 2**20:.1f} MB",
            profile=lambda export=export: profile_calls(export),
        ))
    return figures


SCREEN_MS = 300


def bench_screen(home: Path, runs: int) -> list[Figure]:
    """In the real app (headless): from pressing M to the annotations screen listing every
    annotation, painted. Timed inside the app with a message hook, as bench_app.py does."""
    import asyncio

    from reader.config import Settings
    from reader.tui.app import BroadsheetApp
    from reader.tui.screens.annotations import AnnotationsScreen
    from reader.tui.screens.main.library_feed import LibraryFeed
    from reader.tui.services import Services

    async def drive() -> list[float]:
        loaded, shown = asyncio.Event(), asyncio.Event()
        app = None
        rows_seen: list[int] = []

        def hook(message) -> None:
            if isinstance(message, LibraryFeed.Loaded) and message.final:
                loaded.set()
            elif isinstance(message, AnnotationsScreen.Loaded) and app is not None:
                screen = app.screen

                def painted() -> None:
                    rows_seen.append(len(screen.query_one("#annotations-list").rows))
                    shown.set()

                screen.call_after_refresh(painted)

        services = Services(store=Store.open(home), settings=Settings(), analyse_entities=False)
        app = BroadsheetApp(services)
        times = []
        async with app.run_test(size=(160, 48), message_hook=hook) as pilot:
            await asyncio.wait_for(loaded.wait(), 120)
            # The search index of a copied library would be built now, competing for the
            # CPU; it is not what this figure is about.
            app.indexing.stop()
            await pilot.pause(1.0)
            for _ in range(runs):
                shown.clear()
                started = time.perf_counter()
                app.action_show_annotations()
                await asyncio.wait_for(shown.wait(), 60)
                times.append(time.perf_counter() - started)
                app.pop_screen()
                await pilot.pause(0.3)
        services.writer.drain(10.0)
        services.writer.stop()
        if not rows_seen or min(rows_seen) == 0:
            raise RuntimeError(f"the annotations screen listed nothing: {rows_seen}")
        return times

    times = asyncio.run(drive())
    return [Figure("annotations screen: M to every annotation listed", median(times) * 1000, "ms", goal=SCREEN_MS,
                   detail=f"median of {len(times)} in the app, headless; min {min(times) * 1000:.0f} ms")]


def main(argv: list[str] | None = None) -> int:
    parser = library_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--annotations", type=int, default=10_000)
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--screen-runs", type=int, default=5)
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    source, info = cached_library(args.articles, args.feeds, args.seed, args.cache)
    with tempfile.TemporaryDirectory(prefix="bench-annotations-") as folder:
        home = copy_library(source, Path(folder) / "home")
        started = time.perf_counter()
        total = raise_annotations(Store.open(home), args.annotations, rng)
        print(
            f"library: {info['articles']:,} articles, {total:,} annotations "
            f"(raised in {time.perf_counter() - started:.1f} s)",
            flush=True,
        )
        figures = (
            bench_save(home, rng, args.saves) + bench_list(home) + bench_screen(home, args.screen_runs)
            + bench_export(home)
        )
        misses = report(
            figures, profile=args.profile, as_json=args.json, header={"library": info, "annotations": total}
        )
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
