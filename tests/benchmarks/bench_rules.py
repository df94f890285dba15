"""Entity rules on their own: CPU per article of our post-processing, and a digest of the results.

Run from the project root: ``python tests/benchmarks/bench_rules.py [--passes N] [--profile N]
[--digest]``. The model parses every gold article (seeds, own, tune sets, heldout) once, untimed;
then the rules (``prepare`` and ``analyse``, all that ``Extractor.extract_many`` does beyond the
model) run over them ``--passes`` times with the rules' caches emptied first, as new articles
would find them (the gazetteers and word lists stay loaded), and again with the caches kept; the
best of each is printed (the machine is shared, and CPU time on a busy one varies).
``--profile N`` prints cProfile's N costliest functions of one more pass, caches emptied.
``--digest`` runs the whole Extractor and canonical merging over the gold articles and prints
the sha256 of their results as canonical JSON (``--write FILE`` keeps the JSON, to diff): a
change meant to leave results alone must leave the digest alone. Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import json
import os
import pstats
import sys
import time
from pathlib import Path

for _variable in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_variable, "1")

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.entities import Extractor, canonicalise  # noqa: E402
from reader.entities.extract import analyse  # noqa: E402
from reader.entities.knowledge import knowledge  # noqa: E402
from reader.entities.model import shared_model  # noqa: E402
from reader.entities.normalise import is_title_case, prepare  # noqa: E402
from tests.unit.entities_score import FOLDERS, load_gold  # noqa: E402

GROUPS = ("seeds", "own", *FOLDERS)


def gold_articles() -> list[tuple[str, str, str]]:
    """(id, title, text) of every gold article, ids prefixed with their set."""
    return [(f"{group}/{a.article_id}", a.title, a.text) for group in GROUPS for a in load_gold(group)]


def digest(articles: list[tuple[str, str, str]], write: Path | None) -> str:
    found = list(Extractor().extract_many(articles))
    data = {"articles": [a.to_json() for a in found], "entities": [e.to_json() for e in canonicalise(found)]}
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1)
    if write is not None:
        write.write_text(text, encoding="utf-8")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def parsed(articles: list[tuple[str, str, str]]) -> list[tuple[str, str, list, list]]:
    """Each article with the model's spans of its body and title, as extract_many asks for them."""
    model = shared_model()
    made = []
    for _, title, text in articles:
        tp, bp = prepare(title, join_lines=True), prepare(text)
        title_text = tp.text if tp.text and not is_title_case(tp.text) else ""
        body_spans, title_spans = model.spans([bp.text, title_text])
        made.append((title, text, body_spans, title_spans))
    return made


def rules_pass(inputs: list[tuple[str, str, list, list]]) -> float:
    """CPU seconds for the rules over every article (prepare included, as extract_many does it)."""
    started = time.process_time()
    for title, text, body_spans, title_spans in inputs:
        analyse(title, text, body_spans, title_spans, prepare(title, join_lines=True), prepare(text))
    return time.process_time() - started


def forget() -> None:
    """Empty the rules' caches, so that a pass over the same articles costs what new ones would."""
    import functools

    for name, module in list(sys.modules.items()):
        if name.startswith("reader.entities"):
            for value in vars(module).values():
                if isinstance(value, functools._lru_cache_wrapper):
                    value.cache_clear()
    getattr(knowledge(), "_frequencies", {}).clear()  # (code before it had no such cache)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--profile", type=int, default=0, help="print the N costliest functions of one more pass")
    parser.add_argument("--sort", default="tottime", help="cProfile sort key (tottime, cumulative)")
    parser.add_argument("--digest", action="store_true", help="print the sha256 of the gold results")
    parser.add_argument("--write", type=Path, help="with --digest: the canonical JSON to this file")
    args = parser.parse_args()
    articles = gold_articles()
    if args.digest:
        print(f"digest of {len(articles)} gold articles: {digest(articles, args.write)}")
    if args.passes <= 0 and not args.profile:
        return 0
    inputs = parsed(articles)
    # The gazetteers and word lists load on first use: outside the timed passes.
    analyse("Visit", "Angela Merkel met the United Nations in Paris.", [], [])
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    cold, warm = [], []
    for _ in range(args.passes):
        forget()
        cold.append(rules_pass(inputs))
        warm.append(rules_pass(inputs))
    for label, seconds in (("caches emptied", cold), ("caches kept", warm)):
        if seconds:
            print(f"rules, {label:14}: {min(seconds) / len(inputs) * 1000:5.1f} ms CPU per article, best of "
                  f"{len(seconds)} ({' '.join(f'{s:.2f}' for s in seconds)} s for {len(inputs)})")
    if args.profile:
        forget()
        profiler = cProfile.Profile()
        profiler.enable()
        rules_pass(inputs)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
