"""The background entity analyser on generated libraries: throughput, memory, the open article first.

Used by bench_entities.py, which prints these figures after the extractor's own.
"""

from __future__ import annotations

import statistics
import tempfile
import threading
import time
from pathlib import Path

import psutil

from reader.entities import EntityLibrary
from reader.entities.analyser import EntityAnalyser, analyse_now
from reader.entities.crew import Staffing
from reader.store import Store
from tests.benchmarks.bench_intake import intake_figures
from tests.benchmarks.generate import cached_library, copy_library
from tests.benchmarks.measure import Figure

#: Feeds of the generated libraries: the articles spread over two years of monthly shards.
FEEDS = 50
#: The open article must fill the sidebar within a second, whatever is queued.
PRIORITY_SECONDS = 1.0
BUILD_SECONDS = 1.0
PRIORITY_RUNS = 5
#: Articles analysed before the idle spell whose end the memory figures look at.
IDLE_ARTICLES = 60


class Reports:
    """The analyser's callbacks, with the time each batch of ids was reported."""

    def __init__(self) -> None:
        self.when: dict[str, float] = {}
        self.problems: list[str] = []
        self._changed = threading.Condition()

    def analysed(self, ids: list[str]) -> None:
        now = time.perf_counter()
        with self._changed:
            for article_id in ids:
                self.when.setdefault(article_id, now)
            self._changed.notify_all()

    def wait_for(self, condition, timeout: float) -> bool:
        with self._changed:
            return self._changed.wait_for(condition, timeout)


def analyser_figures(count: int, build_count: int, intake_count: int = 100_000) -> tuple[list[Figure], dict]:
    source, info = cached_library(count, FEEDS)
    build_source, _ = cached_library(build_count, FEEDS)
    print(f"analyser: generated libraries of {count:,} and {build_count:,} articles", flush=True)
    with tempfile.TemporaryDirectory(prefix="broadsheet-bench-entities-") as scratch:
        scratch = Path(scratch)
        figures = throughput(copy_library(source, scratch / "throughput"), count)
        figures += priority(copy_library(source, scratch / "priority"))
        figures += idle(copy_library(cached_library(IDLE_ARTICLES, FEEDS)[0], scratch / "idle"))
        figures += build(copy_library(build_source, scratch / "build"), build_count)
    # Beside the build: a batch taken into a large library, from synthetic results (analysing
    # 100,000 generated articles would take the benchmark hours).
    if intake_count:
        figures += intake_figures(intake_count)
    return figures, {"articles": count, "build_articles": build_count, "intake_articles": intake_count, "feeds": FEEDS}


def throughput(home: Path, count: int) -> list[Figure]:
    """Every article of a library analysed by EntityAnalyser, writes included: as the app runs
    it (a second worker while the machine has a core to spare), and with one worker."""
    alone = copy_library(home, home.parent / f"{home.name}-one-worker")
    one = _analyse_all(alone, count, Staffing(most=1))
    started, ready, finished, peaks, analyser, cpu = _analyse_all(home, count, Staffing())
    rate, one_rate = count / (finished - ready), count / (one[2] - one[1])
    return [
        Figure("analyser start (spawn + model load)", ready - started, "s",
               detail=f"extractor {analyser.extractor_name}{'; ' + analyser.note if analyser.note else ''}"),
        Figure(f"analyser throughput, {count:,} articles", rate, "articles/s",
               detail=f"{rate:.1f}/s after start, writes included, {len(peaks)} worker(s) at most; "
                      f"{count / (finished - started):.1f}/s with start; one worker alone {one_rate:.1f}/s"),
        # Beside the rates, which follow the machine's load: what an article costs the workers.
        Figure("analyser CPU per article (workers, after start)", cpu, "s",
               detail=f"one worker alone {one[5]:.3f} s"),
        Figure("analyser worker peak RSS (VmHWM)", max(peaks.values(), default=0.0), "MB",
               detail=f"each worker; {sum(peaks.values()):.0f} MB for all of them"),
    ]


def _analyse_all(home: Path, count: int, staffing: Staffing) -> tuple[float, float, float, dict, EntityAnalyser, float]:
    store = Store.open(home)
    reports = Reports()
    analyser = EntityAnalyser(store, on_analysed=reports.analysed, on_problem=reports.problems.append,
                              staffing=staffing)
    started = time.perf_counter()
    analyser.start()
    while not analyser.extractor_name:
        time.sleep(0.01)
    ready = time.perf_counter()
    peaks: dict[int, float] = {}
    # CPU seconds of each worker: when first seen (its model loaded) and lately.
    first: dict[int, float] = {}
    latest: dict[int, float] = {}

    def look() -> None:
        for pid in analyser.worker_pids:
            peaks[pid] = max(peaks.get(pid, 0.0), _peak_rss(pid))
            used = _cpu_seconds(pid)
            if used is not None:
                first.setdefault(pid, used)
                latest[pid] = used

    look()
    while not reports.wait_for(lambda: len(reports.when) >= count, 1.0):
        look()
    finished = time.perf_counter()
    look()
    analyser.stop()
    assert store.unanalysed_ids() == [], "the analyser left articles unanalysed"
    cpu = sum(latest[pid] - first[pid] for pid in latest) / count
    return started, ready, finished, peaks, analyser, cpu


def idle(home: Path, idle_seconds: float = 5.0) -> list[Figure]:
    """The workers' memory before and after an idle spell: they end, and their memory goes back.

    The app waits two minutes (``Staffing.idle_seconds``); here the spell is made short.
    """
    store = Store.open(home)
    count = len(store.unanalysed_ids())
    reports = Reports()
    analyser = EntityAnalyser(store, on_analysed=reports.analysed, staffing=Staffing(idle_seconds=idle_seconds))
    analyser.start()
    try:
        reports.wait_for(lambda: len(reports.when) >= count, 600)
        before = sum(_rss(pid) for pid in analyser.worker_pids)
        went = time.perf_counter()
        while analyser.worker_pids and time.perf_counter() - went < idle_seconds + 60:
            time.sleep(0.2)
        gone = time.perf_counter() - went
        after = sum(_rss(pid) for pid in analyser.worker_pids)
    finally:
        analyser.stop()
    return [
        Figure("analyser workers' RSS as the queue empties", before, "MB"),
        Figure(f"analyser workers' RSS after {idle_seconds:.0f} s idle", after, "MB",
               detail=f"workers ended {gone:.1f} s after the queue emptied"),
    ]


def priority(home: Path) -> list[Figure]:
    """How soon an unanalysed article the reader opens is reported, with the library queued."""
    store = Store.open(home)
    queued = store.unanalysed_ids()
    reports = Reports()
    analyser = EntityAnalyser(store, on_analysed=reports.analysed)
    analyser.start()
    try:
        reports.wait_for(lambda: reports.when, 60)  # the worker is up and working through the queue
        waits = []
        for run in range(PRIORITY_RUNS):
            article_id = queued[-1 - run]  # oldest first: at the back of the queue
            pending = analyser.pending
            asked = time.perf_counter()
            analyser.prioritise(article_id)
            assert reports.wait_for(lambda article_id=article_id: article_id in reports.when, 30), (
                "the open article was never analysed"
            )
            waits.append(reports.when[article_id] - asked)
            time.sleep(0.3)
    finally:
        analyser.stop()
    return [
        Figure(f"open article analysed, {pending:,} queued (median of {PRIORITY_RUNS})", statistics.median(waits), "s",
               goal=PRIORITY_SECONDS, detail="each: " + ", ".join(f"{w:.2f}" for w in waits)),
    ]


def build(home: Path, count: int) -> list[Figure]:
    """Reading every stored result and building the library view, as the app does after a batch.

    The results come from the fallback, which names more (and noisier) entities than the
    model and so gives merging more to do.
    """
    store = Store.open(home)
    analyse_now(store, use_model=False)
    started = time.perf_counter()
    results = Store.open(home).entity_results()
    read = time.perf_counter() - started
    times = []
    for _ in range(3):
        started = time.perf_counter()
        library = EntityLibrary.build(results, store.entity_corrections())
        times.append(time.perf_counter() - started)
    ids = list(results) * (5000 // len(results) + 1)
    started = time.perf_counter()
    library.across(ids[:5000])
    across = time.perf_counter() - started
    return [
        Figure(f"read {count:,} stored results (fresh store)", read, "s"),
        Figure(f"EntityLibrary.build, {count:,} articles (best of 3)", min(times), "s", goal=BUILD_SECONDS,
               detail=f"{len(library):,} entities; each: " + ", ".join(f"{t:.2f}" for t in times)),
        Figure("across() over 5,000 article ids", across * 1000, "ms"),
    ]


def _cpu_seconds(pid: int) -> float | None:
    try:
        times = psutil.Process(pid).cpu_times()
    except psutil.Error:
        return None
    return times.user + times.system


def _rss(pid: int) -> float:
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except psutil.Error:
        return 0.0


def _peak_rss(pid: int | None) -> float:
    """VmHWM of a process in MB (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, TypeError):
        pass
    try:
        return psutil.Process(pid).memory_info().rss / 2**20
    except (psutil.Error, TypeError, ValueError):
        return 0.0
