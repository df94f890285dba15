"""How well and how fast highlights re-attach after the outlet edits an article, per edit kind and shape.

    python tests/benchmarks/bench_anchoring.py [--seed 1] [--repeats 3] [--json]

Runs every case of tests/anchorkit.py (edits with a known true span, or a known deletion)
through ``reattach`` and prints, per edit kind and per highlight shape: the exact span found,
placed correctly by the exact/moved path or by the fuzzy one, orphaned though present (a
miss), attached elsewhere (wrong), and deleted passages orphaned or attached. Then the PASS/MISS
figures: wrong attachments (goal 0), deletions orphaned (goal all), the exact-span rate and the
time per reattach. Exits 1 on a miss.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.annotations.anchoring import reattach, select
from tests.anchorkit import SHAPES, Case, cases, grade
from tests.benchmarks.measure import Figure, median, report

COLUMNS = ("span", "moved-ok", "fuzzy-ok", "miss", "wrong", "del-orph", "del-wrong")
#: Per reattach, on articles of 2-13 KB: it runs for every annotated article a refresh changes.
REATTACH_MS = 2.0
EXACT_SPAN_RATE = 0.93


def run(all_cases: list[Case]) -> tuple[dict[str, Counter], list[float]]:
    """Each case's outcome, tallied by edit kind, by shape and in total; and each reattach's time."""
    tallies: dict[str, Counter] = defaultdict(Counter)
    times = []
    for case in all_cases:
        old = select(case.old_text, case.start, case.end)
        started = time.perf_counter()
        placement = reattach(case.new_text, old)
        times.append(time.perf_counter() - started)
        now = placement.selector
        outcome = grade(case, placement.how, now.start, now.end)
        columns = {"deleted-orphaned": ["del-orph"], "deleted-attached": ["del-wrong"]}.get(outcome, [outcome])
        if outcome in ("span", "near"):
            columns = ["fuzzy-ok" if placement.how == "fuzzy" else "moved-ok"]
            if outcome == "span":
                columns.append("span")
        for key in (f"kind:{case.kind}", f"shape:{case.shape}", "all"):
            tallies[key].update(columns)
            tallies[key]["cases"] += 1
    return tallies, times


def table(tallies: dict[str, Counter], kinds: list[str]) -> str:
    lines = [f"{'':<24}{'cases':>6}" + "".join(f"{c:>10}" for c in COLUMNS)]
    keys = [f"kind:{k}" for k in kinds] + [f"shape:{s}" for s in SHAPES] + ["all"]
    for key in keys:
        row = tallies[key]
        if key.startswith("shape:word"):
            lines.append("")
        lines.append(f"{key.split(':')[-1]:<24}{row['cases']:>6}" + "".join(f"{row[c]:>10}" for c in COLUMNS))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    all_cases = list(cases(args.seed, args.repeats))
    tallies, times = run(all_cases)
    kinds = list(dict.fromkeys(c.kind for c in all_cases))
    total = tallies["all"]
    present = total["cases"] - total["del-orph"] - total["del-wrong"]
    deleted = total["del-orph"] + total["del-wrong"]
    if not args.json:
        print(table(tallies, kinds), end="\n\n")
    figures = [
        Figure("wrong attachments (present or deleted)", total["wrong"] + total["del-wrong"], "", 0,
               f"{total['wrong']} of {present} present passages, {total['del-wrong']} of {deleted} deleted"),
        Figure("deleted passages orphaned", total["del-orph"] / deleted * 100, "%", 100.0,
               f"{total['del-orph']} of {deleted}", at_least=True),
        Figure("exact span found", total["span"] / present * 100, "%", EXACT_SPAN_RATE * 100,
               f"{total['span']} of {present} present; {total['miss']} orphaned though present", at_least=True),
        Figure("reattach, median", median(times) * 1000, "ms", REATTACH_MS,
               f"max {max(times) * 1000:.1f} ms, mean {sum(times) / len(times) * 1000:.2f} ms over {len(times)}"),
    ]
    misses = report(figures, profile=None, as_json=args.json, header={"cases": len(all_cases), "seed": args.seed})
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
