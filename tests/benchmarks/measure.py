"""Timing, fresh-process probes, page-cache eviction and the PASS/MISS report the benchmarks share."""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

PROBE = Path(__file__).with_name("probe.py")


@dataclass
class Figure:
    """One measured number, with the goal it must stay under (None: reported for information)."""

    name: str
    value: float
    unit: str
    goal: float | None = None
    detail: str = ""
    #: Runs the measured operation under cProfile and returns a summary; used for a MISS.
    profile: Callable[[], str] | None = field(default=None, repr=False)
    profile_text: str = ""
    #: For a rate (articles/s), where the goal is a floor rather than a ceiling.
    at_least: bool = False

    @property
    def status(self) -> str:
        if self.goal is None:
            return "info"
        met = self.value >= self.goal if self.at_least else self.value <= self.goal
        return "PASS" if met else "MISS"

    def line(self) -> str:
        sign = ">=" if self.at_least else "<="
        goal = f"goal {sign} {_format(self.goal, self.unit)}" if self.goal is not None else "(no goal)"
        detail = f"  [{self.detail}]" if self.detail else ""
        return f"{self.name:<46} {_format(self.value, self.unit):>12}  {goal:<18} {self.status}{detail}"

    def to_json(self) -> dict:
        data = {"name": self.name, "value": self.value, "unit": self.unit, "goal": self.goal, "status": self.status}
        if self.at_least:
            data["at_least"] = True
        if self.detail:
            data["detail"] = self.detail
        if self.profile_text:
            data["profile"] = self.profile_text
        return data


def _format(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value:.3f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    if unit == "MB":
        return f"{value:,.1f} MB"
    if unit == "x":
        return f"{value:.2f}x"
    return f"{value:,.0f} {unit}".rstrip()


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def timed(action: Callable[[], object], cpu: list[float] | None = None) -> float:
    """Seconds one call takes; its CPU seconds go to ``cpu`` when given.

    The CPU time leaves out waiting for the disk and for other processes' turn on the
    cores, so it stays put on a busy machine where the wall time does not.
    """
    used = time.process_time()
    started = time.perf_counter()
    action()
    wall = time.perf_counter() - started
    if cpu is not None:
        cpu.append(time.process_time() - used)
    return wall


def probe(operation: str, home: Path, profile: bool = False) -> dict:
    """Run ``operation`` from probe.py in a fresh interpreter; adds the process's wall time."""
    command = [sys.executable, str(PROBE), operation, str(home)] + (["--profile"] if profile else [])
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"probe {operation} failed:\n{done.stderr}")
    return {**json.loads(done.stdout), "wall_seconds": wall}


def evict(paths: list[Path]) -> None:
    """Drop these files from the OS page cache, so the next read comes from the disk.

    Only the given files: dropping every cache would disturb the rest of the machine. On a
    virtual machine the host may still cache the disk, so this is "colder", not cold.
    """
    for path in paths:
        fd = os.open(path, os.O_RDONLY)
        try:
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        finally:
            os.close(fd)


def profile_calls(
    action: Callable[[], object], repeat: int = 1, limit: int = 18, setup: Callable[[], object] | None = None
) -> str:
    """A cProfile summary of ``repeat`` calls (``setup`` runs unprofiled before each one)."""
    profiler = cProfile.Profile()
    for _ in range(repeat):
        if setup:
            setup()
        profiler.enable()
        action()
        profiler.disable()
    out = io.StringIO()
    stats = pstats.Stats(profiler, stream=out)
    stats.sort_stats("cumulative").print_stats(limit)
    stats.sort_stats("tottime").print_stats(limit)
    return out.getvalue()


def report(figures: list[Figure], *, profile: str | None, as_json: bool, header: dict) -> int:
    """Print every figure, then profiles ("misses" or "all"); returns how many missed."""
    for figure in figures:
        print(figure.line(), flush=True)
    misses = [f for f in figures if f.status == "MISS"]
    if profile:
        for figure in misses if profile == "misses" else figures:
            if figure.profile is not None:
                figure.profile_text = figure.profile()
                print(f"\n=== profile: {figure.name} ===\n{figure.profile_text}")
    if as_json:
        print(json.dumps({**header, "figures": [f.to_json() for f in figures]}, indent=2))
    return len(misses)


def library_arguments(description: str) -> argparse.ArgumentParser:
    """A parser with the options every benchmark shares: which library, and how to report."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cache", type=Path, help="library cache (default: $BROADSHEET_BENCH_CACHE or .bench/)")
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    parser.add_argument("--profile", nargs="?", const="misses", choices=["misses", "all"],
                        help="print a cProfile summary of each figure that misses (or of all timed figures)")
    return parser
