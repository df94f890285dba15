"""Taking newly analysed articles into a large entity library, against building it again.

Used by bench_analyser.py. Analysing 100,000 generated articles with the fallback takes far
too long for a benchmark, so the results here are made directly: StoredEntities naming people,
places and organisations from generate.py's pools of names (Zipf-weighted, so a few are in
most articles and most in a few), people often by surname after their full name, with the
links and kind votes the extractor writes.
"""

from __future__ import annotations

import hashlib
import random
import time

from reader.entities import EntityLibrary
from reader.models.entities import ArticleEntities, Mention, StoredEntities
from tests.benchmarks.measure import Figure
from tests.benchmarks.prose import Prose

#: Taking a batch in (what the app does after each write of the analyser) must stay under this.
INTAKE_SECONDS = 1.0
BATCH = 1_000


def synthetic_results(count: int, seed: int = 3, start: int = 0) -> dict[str, StoredEntities]:
    prose = Prose(random.Random(seed), pool=10)
    rng = random.Random(seed + start)
    made = {}
    for number in range(start, start + count):
        article_id = hashlib.sha256(f"syn{number}".encode()).hexdigest()[:12]  # as the store makes them
        made[article_id] = _article(prose, rng, article_id)
    return made


def _article(prose: Prose, rng: random.Random, article_id: str) -> StoredEntities:
    written: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    votes: list[tuple[str, str, float]] = []
    for _ in range(rng.randint(6, 16)):
        name = prose.entity()
        kind = "person" if name in prose.people else "place" if name in prose.places else "organisation"
        written.append((name, kind))
        votes.append((name, kind, 1.0))
        if kind == "person":
            surname = name.split()[-1]
            written += [(surname, kind)] * rng.randint(0, 4)
            links.append((name, surname))
        else:
            written += [(name, kind)] * rng.randint(0, 2)
    mentions = [Mention(written[0][0], written[0][1], 0, len(written[0][0]), "title")]
    offset = 0
    for text, kind in written:
        mentions.append(Mention(text, kind, offset, offset + len(text)))
        offset += len(text) + rng.randint(20, 400)
    return StoredEntities(ArticleEntities(article_id, tuple(mentions), "synthetic", links=tuple(links),
                                          votes=tuple(votes)), 300)


def intake_figures(count: int) -> list[Figure]:
    """A library of ``count`` results built once, then a batch of new articles and a batch of
    re-analysed ones taken in (best of 3 each), and the build of the library with the batch."""
    results = synthetic_results(count)
    new = synthetic_results(BATCH, start=count)
    again = synthetic_results(BATCH, seed=9)  # the library's first ids, other content
    print(f"intake: {count:,} synthetic results made", flush=True)
    started = time.perf_counter()
    library = EntityLibrary.build(results)
    built = time.perf_counter() - started
    print(f"intake: library built in {built:.1f} s ({len(library):,} entities)", flush=True)
    taking, retaking, cpu, recpu = [], [], [], []
    for _ in range(3):
        started, cpu_started = time.perf_counter(), time.process_time()
        grown = library.taking_in(new)
        taking.append(time.perf_counter() - started)
        cpu.append(time.process_time() - cpu_started)
        started, cpu_started = time.perf_counter(), time.process_time()
        library.taking_in(again)
        retaking.append(time.perf_counter() - started)
        recpu.append(time.process_time() - cpu_started)
    return [
        Figure(f"EntityLibrary.build, {count:,} synthetic results", built, "s",
               detail=f"{len(library):,} entities: what each batch cost before taking in"),
        Figure(f"take in {BATCH:,} newly analysed articles at {count:,} (best of 3)", min(taking), "s",
               goal=INTAKE_SECONDS,
               detail=f"{len(grown) - len(library):,} new entities; each: " + ", ".join(f"{t:.2f}" for t in taking)
               + f"; CPU {min(cpu):.2f} s",
               profile=lambda: _profile(library, new)),
        Figure(f"take in {BATCH:,} re-analysed articles at {count:,} (best of 3)", min(retaking), "s",
               goal=INTAKE_SECONDS,
               detail="their old mentions replaced; each: " + ", ".join(f"{t:.2f}" for t in retaking)
               + f"; CPU {min(recpu):.2f} s"),
    ]


def _profile(library: EntityLibrary, new: dict[str, StoredEntities]) -> str:
    import cProfile
    import io
    import pstats

    profiler = cProfile.Profile()
    profiler.runcall(library.taking_in, new)
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(15)
    return out.getvalue()


if __name__ == "__main__":
    import sys

    from tests.benchmarks.measure import report

    sys.exit(1 if report(intake_figures(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000), profile="misses",
                              as_json=False, header={}) else 0)
