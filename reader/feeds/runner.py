"""Runs fetches for a long-lived program (the app) on a thread of their own, one at a time.

The app's event loop must never wait on the network or a parser, so each run gets its
own asyncio loop on a background thread. Callbacks are called on that thread; the app
wraps them to hop back onto its own.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..models import Feed
from ..store import Store
from .http_types import DEFAULT_LIMITS, FetchLimits
from .pool import ParserPool

# HTTP (httpx) and the fetch itself load on the fetch thread, at the first run: the app that
# makes a runner at its start has its list up before anything is fetched.
if TYPE_CHECKING:
    from .refresh import FeedOutcome, RefreshReport


class FeedRunner:
    def __init__(self, store: Store, limits: FetchLimits = DEFAULT_LIMITS) -> None:
        self.store = store
        self.limits = limits
        # Kept between runs: starting parser processes costs a third of a second each.
        self._pool = ParserPool()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[RefreshReport] | None = None
        self._guard = threading.Lock()
        self._cancel_asked = False

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(
        self,
        feeds: list[Feed],
        on_progress: Callable[[FeedOutcome, int, int], None],
        on_done: Callable[[RefreshReport | None, BaseException | None], None],
    ) -> bool:
        """Begin fetching ``feeds``; False (and nothing started) if a run is already going."""
        with self._guard:
            if self.running:
                return False
            self._cancel_asked = False
            self._thread = threading.Thread(
                target=self._run, args=(feeds, on_progress, on_done), name="feed-fetch", daemon=True
            )
            self._thread.start()
            return True

    def _run(
        self,
        feeds: list[Feed],
        on_progress: Callable[[FeedOutcome, int, int], None],
        on_done: Callable[[RefreshReport | None, BaseException | None], None],
    ) -> None:
        loop = asyncio.new_event_loop()
        try:
            from .refresh import refresh_feeds

            task = loop.create_task(
                refresh_feeds(self.store, feeds, self.limits, progress=on_progress, pool=self._pool)
            )
            with self._guard:
                self._loop, self._task = loop, task
                if self._cancel_asked:  # quit came before the run had begun
                    task.cancel()
            report = loop.run_until_complete(task)
        except asyncio.CancelledError:
            on_done(None, None)
        except Exception as error:  # reported to the user, never lost in a thread
            on_done(None, error)
        else:
            on_done(report, None)
        finally:
            with self._guard:
                self._loop = self._task = None
            loop.close()

    def cancel(self, wait: float = 0.0) -> None:
        """Stop the current run (downloads stop at once; what was parsed is still saved)."""
        with self._guard:
            self._cancel_asked = True
            loop, task = self._loop, self._task
        if loop is not None and task is not None:
            loop.call_soon_threadsafe(task.cancel)
        if wait and self._thread is not None:
            self._thread.join(wait)

    def close(self, wait: float = 2.0) -> None:
        self.cancel(wait)
        self._pool.close()
