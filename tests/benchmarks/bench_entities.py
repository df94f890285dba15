"""Entity extraction speed and memory: the extractor on its own, then the background analyser.

Run from the project root: ``python tests/benchmarks/bench_entities.py [--articles N] [--analyse N]``.
First, on 7 KB articles made from the seeds: articles/s for the model alone, the full spaCy
pipeline (for comparison), extraction with the quality layer, the fallback, and canonical
merging. Then, on generated libraries (see generate.py), figures with goals: EntityAnalyser end
to end (worker process, writes included), its worker's peak memory, how soon the open article
is analysed with the rest queued, building the EntityLibrary, and taking a batch of 1,000
newly analysed articles into a library of 100,000 (synthetic results). Exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from dataclasses import replace
from pathlib import Path

import psutil

# One thread for the numeric libraries, as the analysis worker runs (reader/entities/worker.py):
# on two cores a second BLAS thread only spins against the first, doubling the CPU per article.
for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.entities import Extractor, canonicalise  # noqa: E402
from reader.entities.model import MODEL_PACKAGE, shared_model  # noqa: E402
from reader.seeds import seed_drafts  # noqa: E402
from tests.benchmarks.bench_analyser import analyser_figures  # noqa: E402
from tests.benchmarks.measure import report  # noqa: E402

SIZE = 7000


def articles(count: int) -> list[tuple[str, str, str]]:
    """Seed bodies cut or repeated to 7 KB at a paragraph break, each with its title."""
    drafts = seed_drafts(ROOT / "seeds")
    made = []
    for index in range(count):
        draft = drafts[index % len(drafts)]
        text = draft.body.text
        while len(text) < SIZE:
            text += "\n\n" + draft.body.text
        cut = text.rfind("\n\n", 0, SIZE)
        made.append((f"a{index}", draft.title, text[:cut if cut > SIZE // 2 else SIZE]))
    return made


def rss() -> float:
    return psutil.Process(os.getpid()).memory_info().rss / 2**20


def rate(label: str, count: int, seconds: float, extra: str = "") -> None:
    print(f"{label:38} {count / seconds:8.1f} articles/s  ({seconds:.2f} s for {count}){extra}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--library", type=int, default=2000, help="articles for the merging figure")
    parser.add_argument("--analyse", type=int, default=1000, help="generated articles the analyser works through")
    parser.add_argument("--build", type=int, default=2000, help="generated articles for the EntityLibrary figure")
    parser.add_argument("--take-in", type=int, default=100_000,
                        help="synthetic results of the library a batch is taken into (0: skip)")
    parser.add_argument("--only-analyser", action="store_true", help="skip the extractor figures")
    parser.add_argument("--json", action="store_true", help="also print the analyser figures as JSON")
    args = parser.parse_args()
    if not args.only_analyser:
        extractor_figures(args)
    figures, header = analyser_figures(args.analyse, args.build, args.take_in)
    misses = report(figures, profile=None, as_json=args.json, header=header)
    return 1 if misses else 0


def extractor_figures(args) -> None:
    items = articles(args.articles)
    size = sum(len(t) for _, _, t in items) / len(items)
    print(f"{len(items)} articles of {size / 1000:.1f} KB on average; RSS at start {rss():.0f} MiB")

    start = time.perf_counter()
    model = shared_model()
    print(f"model {model.name} loaded (ner only) in {time.perf_counter() - start:.2f} s; RSS {rss():.0f} MiB")
    texts = [t for _, _, t in items]
    model.spans(texts[:2])  # warm up

    start = time.perf_counter()
    model.spans(texts)
    rate("model alone (ner only)", len(texts), time.perf_counter() - start)

    import spacy

    full = spacy.load(MODEL_PACKAGE)
    list(full.pipe(texts[:2]))
    start = time.perf_counter()
    list(full.pipe(texts, batch_size=8))
    rate("full spaCy pipeline (comparison)", len(texts), time.perf_counter() - start)
    del full
    gc.collect()

    extractor = Extractor()
    start = time.perf_counter()
    found = list(extractor.extract_many(items))
    rate("extraction with the quality layer", len(items), time.perf_counter() - start,
         f"; RSS {rss():.0f} MiB")

    news_figures(extractor)

    start = time.perf_counter()
    list(Extractor(load=None).extract_many(items))
    rate("fallback (no model)", len(items), time.perf_counter() - start)

    # A library: the same results under many ids, so merging sees realistic repetition.
    library = [replace(found[i % len(found)], article_id=f"lib{i}") for i in range(args.library)]
    start = time.perf_counter()
    entities = canonicalise(library)
    rate("canonical merging", len(library), time.perf_counter() - start, f" -> {len(entities)} entities")
    print(f"peak RSS {psutil.Process(os.getpid()).memory_info().rss / 2**20:.0f} MiB "
          f"(max resident {_max_rss():.0f} MiB)")


def news_figures(extractor: Extractor) -> None:
    """CPU per article on the gold sets' news (names are denser there than in the seeds): the
    model and the rules apart, as the worker runs them (one thread for the numeric libraries)."""
    from reader.entities.extract import analyse
    from reader.entities.normalise import prepare
    from tests.unit.entities_score import FOLDERS, load_gold

    news = [(a.title, a.text) for group in FOLDERS if group != "heldout" for a in load_gold(group)]
    model = shared_model()
    started = time.process_time()
    bodies = model.spans([prepare(text).text for _, text in news])
    titles = model.spans([prepare(title, join_lines=True).text for title, _ in news])
    spent = time.process_time() - started
    analyse(*news[0], bodies[0], titles[0])  # the word lists load on first use
    started = time.process_time()
    for (title, text), body, heading in zip(news, bodies, titles, strict=True):
        analyse(title, text, body, heading)
    rules = time.process_time() - started
    print(f"news articles ({len(news)}): CPU per article, model {spent / len(news) * 1000:.1f} ms, "
          f"rules {rules / len(news) * 1000:.1f} ms ({len(news) / (spent + rules):.1f} articles per CPU-second)")


def _max_rss() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
