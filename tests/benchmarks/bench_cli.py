"""How long the commands that only read or mark take, each in a fresh process, as a shell sees them.

Run from the project root:
``python tests/benchmarks/bench_cli.py [--runs 10] [--articles N] [--json] [--profile [all]]``.
Each figure is the wall time of ``python -m reader --home HOME COMMAND`` from start to exit
(interpreter start, imports and all), median of ``--runs``, on a new library holding only the
seeds and, when the benchmark library is already cached, on a private copy of it. Nothing is
built into the cache: without a cached library the large figures are skipped.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.store import Store  # noqa: E402
from tests.benchmarks.generate import GENERATOR_VERSION, cache_key, copy_library, default_cache  # noqa: E402
from tests.benchmarks.measure import Figure, library_arguments, median, report  # noqa: E402

SMALL_GOAL = 0.15
LARGE_GOAL = 0.25

#: (name, arguments, what to run untimed before each run so that the timed one changes something).
#: ``{id}`` is a prefix of the newest article's id, ``{n}`` the run's number.
COMMANDS: list[tuple[str, list[str], list[str] | None]] = [
    ("--version", ["--version"], None),
    ("list --limit 20", ["list", "--limit", "20"], None),
    ("list", ["list"], None),
    ("show ID", ["show", "{id}"], None),
    ("stats", ["stats"], None),
    ("tag ID T", ["tag", "{id}", "bench-{n}"], None),
    ("read ID", ["read", "{id}"], ["unread", "{id}"]),
    ("star ID", ["star", "{id}"], ["unstar", "{id}"]),
]


def environment() -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    # An installed package has its bytecode compiled; without it every run would compile
    # the modules it imports, which is not what a user waits for.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run(home: Path, argv: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """The wall time of one command in a fresh process; its CPU time (user + system) goes to ``cpu``.

    The CPU time leaves out waiting for the disk (the fsync of a mark) and for the cores on a
    busy machine, so it moves less than the wall time from one run to the next.
    """
    command = [sys.executable, "-m", "reader", "--home", str(home), *argv]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{done.stderr}")
    if cpu is not None:
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return wall


def article_id(home: Path, env: dict[str, str]) -> str:
    """The shortest prefix (6 digits or more) that names the newest article, as a user types it."""
    done = subprocess.run([sys.executable, "-m", "reader", "--home", str(home), "list", "--limit", "1"],
                          capture_output=True, text=True, env=env, cwd=ROOT, check=True)
    full = done.stdout.split()[0]
    ids = Store.open(home, read_only=True).library.index()["ids"]
    return next(full[:n] for n in range(6, len(full) + 1) if sum(i.startswith(full[:n]) for i in ids) == 1)


def measure(home: Path, label: str, goal: float, runs: int, env: dict[str, str], *, large: bool = False
            ) -> list[Figure]:
    ref = article_id(home, env)
    figures = []
    for name, template, undo_template in COMMANDS:
        # Printing every one of 100,000 articles reads all the metadata: for information only.
        unbounded = large and name == "list"
        undo = [a.format(id=ref) for a in undo_template] if undo_template else None

        cpu: list[float] = []

        def once(n: int, template: list[str] = template, undo: list[str] | None = undo, cpu: list[float] = cpu
                 ) -> float:
            if undo:
                run(home, undo, env)
            return run(home, [a.format(id=ref, n=n) for a in template], env, cpu)

        once(0)  # warm: bytecode written, files in the page cache
        del cpu[:]
        times = [once(n) for n in range(1, (min(runs, 3) if unbounded else runs) + 1)]
        figures.append(Figure(
            f"{name} ({label})", median(times), "s", None if unbounded else goal,
            detail=f"min {min(times):.3f} s, max {max(times):.3f} s, CPU {median(cpu):.3f} s",
            profile=profiler(home, [a.format(id=ref, n=runs + 1) for a in template], undo, env),
        ))
    return figures


def profiler(home: Path, argv: list[str], undo: list[str] | None, env: dict[str, str]) -> Callable[[], str]:
    """The command under cProfile, cumulative, then its slowest imports (``-X importtime``)."""
    def profile() -> str:
        if undo:
            run(home, undo, env)
        command = [sys.executable, "-m", "cProfile", "-s", "cumulative", "-m", "reader", "--home", str(home), *argv]
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=ROOT, check=False)
        lines = done.stdout.splitlines()
        start = next((i for i, line in enumerate(lines) if "ncalls" in line), 0)
        if undo:
            run(home, undo, env)
        imports = subprocess.run([sys.executable, "-X", "importtime", "-m", "reader", "--home", str(home), *argv],
                                 capture_output=True, text=True, env=env, cwd=ROOT, check=False)
        rows = [line for line in imports.stderr.splitlines() if line.startswith("import time:") and "|" in line]
        rows = [r for r in rows if r.split("|")[1].strip().isdigit()]
        slowest = sorted(rows, key=lambda r: int(r.split("|")[1]), reverse=True)[:25]
        return "\n".join(lines[start:start + 40]) + "\n\nslowest imports (us, cumulative):\n" + "\n".join(slowest)
    return profile


def cached_home(articles: int, feeds: int, seed: int, cache: Path) -> Path | None:
    """The cached library's home, never building one (that writes into the cache).

    One built by other store code is taken when there is no other: a copy is opened and,
    if need be, upgraded in the temporary folder, never in the cache.
    """
    exact = cache / cache_key(articles, feeds, seed) / "home"
    if exact.is_dir():
        return exact
    others = sorted(cache.glob(f"library-a{articles}-f{feeds}-s{seed}-g{GENERATOR_VERSION}-*/manifest.json"),
                    key=lambda p: p.stat().st_mtime, reverse=True)
    return others[0].parent / "home" if others else None


def main(argv: list[str] | None = None) -> int:
    parser = library_arguments(__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=10, help="fresh processes per command (default 10)")
    args = parser.parse_args(argv)
    env = environment()
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    bare = min(_bare(env) for _ in range(5))
    figures = [Figure("interpreter start (python -c pass)", bare, "s")]
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as scratch:
        small = Path(scratch) / "small"
        run(small, ["list"], env)  # the first start imports the seeds
        figures += measure(small, "seeds", SMALL_GOAL, args.runs, env)
        source = cached_home(args.articles, args.feeds, args.seed, Path(args.cache or default_cache()))
        if source is None:
            print(f"no cached library of {args.articles:,} articles: those figures are skipped", file=sys.stderr)
        else:
            large = copy_library(source, Path(scratch) / "large")
            run(large, ["list", "--limit", "1"], env)  # upgrades a copy made by older store code
            figures += measure(large, f"{args.articles // 1000}k", LARGE_GOAL, args.runs, env, large=True)
        # Inside the folder: the profiles run the commands again on the same libraries.
        misses = report(figures, profile=args.profile, as_json=args.json,
                        header={"runs": args.runs, "seconds": time.perf_counter() - started})
    return 1 if misses else 0


def _bare(env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", "pass"], env=env, check=True)
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
