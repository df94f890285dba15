"""Progress of long work: a bar on a terminal, and on a pipe or with --quiet nothing but errors.

The bar (Rich's) goes to stderr with the count, the rate and the time left, and vanishes when
the work is done, leaving the summary the command prints. It appears at the first count, so
work that turns out to be nothing draws nothing. Rich leaves colour out when NO_COLOR is set,
and is imported only when a bar is drawn.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


class Quiet:
    """No bar: counts are dropped, errors and notes go to stderr a line each."""

    def update(self, done: int, total: int) -> None:
        pass

    def log(self, line: str) -> None:
        print(line, file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


class Bar(Quiet):
    """A live bar; ``log`` prints above it, so an error never tears the bar's line."""

    def __init__(self, what: str) -> None:
        self.what = what
        self._progress: Any = None
        self._task: Any = None

    def update(self, done: int, total: int) -> None:
        if self._progress is None:
            self._progress = _rich_progress()
            self._progress.start()
            self._task = self._progress.add_task(self.what, total=total)
        self._progress.update(self._task, completed=done, total=total)

    def log(self, line: str) -> None:
        if self._progress is None:
            super().log(line)
        else:
            self._progress.console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)

    def close(self) -> None:
        if self._progress is not None:
            self._progress.stop()


def on_terminal() -> bool:
    """Whether stderr is a terminal that can draw a bar."""
    return sys.stderr.isatty() and os.environ.get("TERM") != "dumb"


@contextmanager
def progress(what: str, *, quiet: bool = False) -> Iterator[Quiet]:
    """A reporter for one piece of work named ``what`` ("fetching feeds")."""
    reporter = Quiet() if quiet or not on_terminal() else Bar(what)
    try:
        yield reporter
    finally:
        reporter.close()


def _rich_progress() -> Any:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        ProgressColumn,
        Task,
        TextColumn,
        TimeRemainingColumn,
    )
    from rich.text import Text

    class Rate(ProgressColumn):
        def render(self, task: Task) -> Text:
            speed = task.finished_speed or task.speed
            return Text(f"{speed:,.1f}/s" if speed else "", style="progress.data.speed")

    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), Rate(),
               TimeRemainingColumn(), TextColumn("left"))
    return Progress(*columns, console=Console(stderr=True), transient=True)
