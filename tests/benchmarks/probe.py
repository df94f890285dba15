"""One measured operation in a fresh process, so no cache of an earlier run can help it.

    python tests/benchmarks/probe.py open-newest HOME [--profile]

Prints one JSON object: the seconds the operation took (imports excluded and timed
apart), what it returned and the process's peak memory.
"""

import time

STARTED = time.perf_counter()

import cProfile  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import pstats  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def open_newest(store_class, home: Path) -> int:
    store = store_class.open(home)
    return len(store.newest(100))


def all_articles(store_class, home: Path) -> int:
    store = store_class.open(home)
    return len(store.articles())


OPERATIONS = {"open-newest": open_newest, "all-articles": all_articles}


def peak_rss_mb() -> float:
    """This process's peak resident memory.

    VmHWM, not ru_maxrss: Linux carries ru_maxrss over an exec, so a child started by a
    big parent would report the parent's size.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def profile_summary(profiler: cProfile.Profile, limit: int = 18) -> str:
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


def main(argv: list[str]) -> int:
    operation, home = OPERATIONS[argv[0]], Path(argv[1])
    before_import = time.perf_counter()
    from reader.store import Store

    imported = time.perf_counter()
    profiler = cProfile.Profile() if "--profile" in argv else None
    if profiler:
        profiler.enable()
    count = operation(Store, home)
    if profiler:
        profiler.disable()
    done = time.perf_counter()
    print(
        json.dumps(
            {
                "seconds": done - imported,
                "import_seconds": imported - before_import,
                "since_start_seconds": done - STARTED,
                "count": count,
                "max_rss_mb": peak_rss_mb(),
                "profile": profile_summary(profiler) if profiler else "",
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
