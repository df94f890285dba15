"""How fast the defences and the text paths are: feed bombs, HTML parsing, re-anchoring, entity merging.

Run from the project root: ``python tests/benchmarks/bench_guards.py [--repeat N] [--json]``.
The unit tests check what these produce (bounded text, the right blocks, the right anchor);
how long they take depends on the machine and its load, so it is measured here instead, with
goals, in the PASS/MISS form of the other benchmarks. Each figure is the best of ``--repeat``.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.annotations.anchoring import reattach, select  # noqa: E402
from reader.entities.library import EntityLibrary  # noqa: E402
from reader.feeds.parse import FeedParseError  # noqa: E402
from reader.ingest.html import parse_html  # noqa: E402
from tests.benchmarks.measure import Figure, report, timed  # noqa: E402
from tests.unit.test_entities_library import synthetic  # noqa: E402
from tests.unit.test_feeds_charset import parse as parse_typed  # noqa: E402
from tests.unit.test_feeds_charset import utf7_bomb  # noqa: E402
from tests.unit.test_feeds_hostile import BOMBS  # noqa: E402
from tests.unit.test_feeds_hostile import parse as parse_hostile  # noqa: E402


def best(action: Callable[[], object], repeat: int) -> float:
    return min(timed(action) for _ in range(repeat))


def refused_or_parsed(action: Callable[[], object]) -> Callable[[], None]:
    def run() -> None:
        try:
            action()
        except FeedParseError:
            pass
    return run


def html_page() -> str:
    paragraph = "<p>Some <a href='/x{}'>linked</a> text with <em>emphasis</em> and more words.</p>"
    page = "<html><body><article><h1>T</h1>" + "".join(paragraph.format(i) for i in range(60))
    return page + "<ul>" + "<li>item</li>" * 20 + "</ul></article></body></html>"


def anchoring_case() -> tuple[str, str, object]:
    """A 50,000-character article, one passage edited inside and one version with it removed."""
    rng = random.Random(7)
    words = "alpha beta gamma delta epsilon zeta theta kappa lambda sigma".split()
    text = " ".join(f"{rng.choice(words)}{rng.randint(0, 999)}" for _ in range(8000))
    start = text.index(" ", 30_000) + 1
    end = text.index(" ", start + 150)
    old = select(text, start, end)
    edited = "A new lead. " * 40 + text[:start] + old.quote[:40] + " changed words " + old.quote[60:] + text[end:]
    return edited, text[:start] + text[end:], old


def figures(repeat: int) -> list[Figure]:
    found: list[Figure] = []
    for name, doc in BOMBS.items():
        seconds = best(refused_or_parsed(lambda doc=doc: parse_hostile(doc)), repeat)
        found.append(Figure(f"entity blow-up defused ({name})", seconds, "s", 0.5,
                            "left to feedparser: about 14 s"))
    seconds = best(refused_or_parsed(lambda: parse_typed(utf7_bomb('<?xml version="1.0" encoding="utf-7"?>'))), repeat)
    found.append(Figure("UTF-7 entity bomb refused", seconds, "s", 0.5))

    page = html_page()
    seconds = best(lambda: [parse_html(page, base_url="https://example.org/") for _ in range(100)], repeat)
    found.append(Figure("HTML page to body (60 paragraphs, a list)", seconds * 10, "ms", 10.0, "per page"))

    edited, removed, old = anchoring_case()
    seconds = best(lambda: (reattach(edited, old), reattach(removed, old)), repeat)  # type: ignore[arg-type]
    found.append(Figure("re-anchor in a 50 KB article (fuzzy + orphan)", seconds, "s", 0.5))

    results = synthetic(2000)
    seconds = best(lambda: EntityLibrary.build(results), repeat)
    found.append(Figure("EntityLibrary.build over 2,000 articles", seconds, "s", 1.0))
    library = EntityLibrary.build(results)
    ids = list(results) * 3
    seconds = best(lambda: library.across(ids), repeat)
    found.append(Figure("across() over 6,000 ids", seconds * 1000, "ms", 100.0))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    arguments = parser.parse_args()
    misses = report(figures(arguments.repeat), profile=None, as_json=arguments.json,
                    header={"benchmark": "guards", "repeat": arguments.repeat})
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
