"""How placing an article in its story scales with how many articles share its days: generated
articles (the prose of the benchmark corpora, whose every article shares words with hundreds of
others) all dated within three days, placed one by one as a fetch places them.

    python tests/benchmarks/bench_placing.py [--sizes 2000 10000] [--days 3] [--json] [--profile [all]]

The figure is CPU seconds of Grouping.place per 1,000 articles; it should hardly grow with the
number of articles of the same days. Then, what a fetch bringing the last tenth of them pays
before it places anything: the stories of the other nine tenths, placed earlier, held again by
a new grouping (Grouping.load_many, what _Placer.reach does after reading them from the index),
per 1,000 articles held. Words are read once per size and kept under /tmp. Exits 1 when a
figure misses its goal.
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.stories.grouping import Grouping
from reader.stories.terms import headline_terms, names
from reader.stories.vectors import Features, Vectors
from tests.benchmarks.measure import Figure, profile_calls, report
from tests.benchmarks.prose import Prose

#: CPU seconds per 1,000 articles placed (it was 6.0 at 10,000 before candidates were capped,
#: 2.2 before members were indexed under their heaviest terms and names only).
GOAL = 2.0
#: CPU seconds per 1,000 articles held again (0.6 when they were weighed and indexed one by one).
HOLD_GOAL = 0.5
END = datetime(2026, 11, 1, tzinfo=UTC)


def articles(count: int, days: float, seed: int = 1) -> list[Features]:
    cache = Path(tempfile.gettempdir()) / f"broadsheet-placing-{count}-{days}-{seed}.pickle"
    if cache.exists():
        found: list[Features] = pickle.loads(cache.read_bytes())
        return found
    rng = random.Random(seed)
    prose = Prose(rng, pool=8_000)
    made = []
    for n in range(count):
        title = prose.headline()
        text = "\n\n".join(block.text for block in prose.body(rng.randint(2_000, 6_000), []).blocks)
        when = (END - timedelta(days=days) * rng.random()).replace(microsecond=0)
        made.append(Features(f"a{n:06d}", when, f"Outlet {n % 200}", dict(headline_terms(title, text)),
                             frozenset(names(title, text))))
    made.sort(key=lambda f: (f.published, f.article_id))
    cache.write_bytes(pickle.dumps(made))
    return made


def place(features: list[Features]) -> Grouping:
    grouping = Grouping()
    for f in features:
        grouping.place(f)
    return grouping


def stories_held(features: list[Features]) -> tuple[Callable[[], Grouping], int]:
    """A new grouping's holding of the stories of nine tenths of the articles, placed earlier
    (a function to time), and how many articles that holds."""
    placed = [f for n, f in enumerate(features) if n % 10]
    earlier = place(placed)
    # Each member with its terms, as the index gives them back (a grouping holds them without).
    by_id = {f.article_id: f for f in placed}
    stories = [(anchor, [by_id[m] for m in story.members], story.links)
               for anchor, story in earlier.stories.items()]
    freq, documents = earlier.vectors.changes(), earlier.vectors.documents

    def hold() -> Grouping:
        grouping = Grouping(Vectors(freq, documents))
        grouping.load_many(stories)
        return grouping

    return hold, len(earlier.features)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2_000, 10_000])
    parser.add_argument("--days", type=float, default=3.0)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--profile", nargs="?", const="misses", choices=["misses", "all"])
    args = parser.parse_args(argv)
    figures = []
    for size in args.sizes:
        features = articles(size, args.days)
        started = time.process_time()
        grouping = place(features)
        seconds = time.process_time() - started
        shared = sum(1 for s in grouping.stories.values() if len(s.members) > 1)
        figures.append(Figure(f"placing {size:,} articles of {args.days:g} days, per 1,000", 1000 * seconds / size,
                              "s", GOAL, f"{seconds:.1f} s CPU in all; {shared:,} stories of 2+",
                              profile=lambda features=features: profile_calls(lambda: place(features))))
        hold, held = stories_held(features)
        started = time.process_time()
        hold()
        seconds = time.process_time() - started
        figures.append(Figure(f"holding the stories of {held:,} of them again, per 1,000", 1000 * seconds / held,
                              "s", HOLD_GOAL, f"{seconds:.2f} s CPU in all",
                              profile=lambda hold=hold: profile_calls(hold)))
    return 1 if report(figures, profile=args.profile, as_json=args.json, header={"days": args.days}) else 0


if __name__ == "__main__":
    sys.exit(main())
