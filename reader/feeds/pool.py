"""Where feeds are parsed: worker processes for big jobs, so every core parses; a thread for small ones."""

from __future__ import annotations

import asyncio
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from ..spawning import quiet_child, real_stderr
from .parsed import ParsedFeed, ParseJob, ParseOutcome
from .worker import load_parser, parse_job

#: Below this many bytes (a few items) a feed is parsed in a thread while no worker process
#: runs yet: starting one costs about a third of a second. Anything bigger goes to the
#: workers, because threads parse one at a time (the GIL) and slow the downloads too.
INLINE_BELOW = 32 * 1024
#: And only so many bytes in all: a fetch that brings a few new items from each of a few dozen
#: feeds (a fetch of new items only parses those) is parsed in a fraction of what starting the
#: workers costs; past this, there is enough to parse for the workers to be worth starting.
INLINE_TOTAL = 512 * 1024


#: What a caller may have done with each parsed feed (see ParserPool.extras).
AfterParse = Callable[[ParsedFeed], Any]


class ParserPool:
    """Parses ParseJobs off the event loop. Worker processes start on first need and are reused."""

    def __init__(self, workers: int | None = None, inline_below: int = INLINE_BELOW,
                 after: AfterParse | None = None, after_items: int = 0) -> None:
        """``after`` is run on each parsed feed, as long as fewer than ``after_items`` items
        have been through it (past that, its answers would cost the caller more memory than
        redoing the work would cost time). It runs in this process, in a thread of its own, and
        nothing waits for it but extras(): while the parser processes are busy, a fetch's own
        process mostly waits for answers, and there ``after`` keeps the caches of everything it
        ran on before."""
        self.workers = workers or os.cpu_count() or 1
        self.inline_below = inline_below
        self.after = after
        self.after_items = after_items
        self._executor: ProcessPoolExecutor | None = None
        self._inline_left = INLINE_TOTAL
        # One thread: the feeds are taken one after another, as placing would take them.
        self._after_thread: ThreadPoolExecutor | None = None
        self._afters: list[Future[Any]] = []

    async def parse(self, job: ParseJob) -> ParseOutcome:
        outcome = await self._parse(job)
        if self.after is not None and self.after_items > 0 and outcome.feed is not None:
            self.after_items -= len(outcome.feed.drafts)
            if self._after_thread is None:
                self._after_thread = ThreadPoolExecutor(1, thread_name_prefix="after-parse")
            # Not waited for: the feed is stored meanwhile, and extras() collects the answers.
            self._afters.append(self._after_thread.submit(self.after, outcome.feed))
        return outcome

    def extras(self) -> list[Any]:
        """What ``after`` made of each feed parsed so far, in no order, once it is all made
        (one that failed is left out: it was only an extra)."""
        found = []
        for future in self._afters:
            try:
                found.append(future.result())
            except Exception:
                continue
        return found

    async def _parse(self, job: ParseJob) -> ParseOutcome:
        inline = self._executor is None and len(job.content) < min(self.inline_below, self._inline_left)
        if self.workers < 2 or inline:
            self._inline_left -= len(job.content)
            return await asyncio.to_thread(parse_job, job)
        loop = asyncio.get_running_loop()
        try:
            # The first job starts the worker processes (see real_stderr).
            with real_stderr():
                pending = loop.run_in_executor(self._start(), parse_job, job)
            return await pending
        except BrokenProcessPool:
            # A worker died (out of memory, killed): this feed fails, the next one gets a new pool.
            self.close()
            return ParseOutcome(feed=None, error="the feed parser crashed on this feed")

    @property
    def running(self) -> bool:
        """Whether the worker processes are started (they are kept until close)."""
        return self._executor is not None

    def begin(self, *, warm: bool = False) -> None:
        """A fetch starts: its own allowance of in-process parsing (the app keeps one pool for
        all its fetches), and with ``warm`` the worker processes started now."""
        self._inline_left = INLINE_TOTAL
        if warm:
            self.warm()

    def warm(self) -> None:
        """Start the worker processes now rather than with the first big feed: a first fetch
        of a library has them ready while it waits for the first answers."""
        if self.workers < 2 or self._executor is not None:
            return
        with real_stderr():
            executor = self._start()
            # One job each: the pool starts a process for every job that finds none idle.
            for _ in range(self.workers):
                executor.submit(load_parser)

    def _start(self) -> ProcessPoolExecutor:
        if self._executor is None:
            # "spawn", not fork: the app has threads running, and forking a threaded process
            # can copy a held lock into the child and hang it.
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=multiprocessing.get_context("spawn"), initializer=quiet_child
            )
        return self._executor

    def close(self) -> None:
        if self._after_thread is not None:
            self._after_thread.shutdown(wait=False, cancel_futures=True)
            self._after_thread = None
        if self._executor is not None:
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = None
