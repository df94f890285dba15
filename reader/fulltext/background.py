"""Full text in the background for a long-lived program (the app): a thread with its own loop
that takes articles as fetches bring them and reports each one as it is done."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterable

from ..feeds.http import FetchLimits
from ..store import Store
from .errors import FullTextError
from .pages import PAGE_LIMITS
from .upgrade import Done, HostPacer, Upgrade, full_texts


class FullTextRunner:
    """Articles submitted while others are being fetched join the same run: the pacing per host
    holds across them. ``done`` is called on the runner's thread; the app hops back to its own."""

    def __init__(self, store: Store, limits: FetchLimits = PAGE_LIMITS, *, done: Done, pause: float = 1.0) -> None:
        self.store = store
        self.limits = limits
        self._done = done
        self._guard = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._pending = 0
        self._pacer = HostPacer(pause)

    @property
    def busy(self) -> int:
        """Articles submitted and not yet done."""
        return self._pending

    def submit(self, article_ids: Iterable[str]) -> None:
        ids = list(dict.fromkeys(article_ids))
        if not ids:
            return
        with self._guard:
            if self._loop is None:
                self._start()
            loop = self._loop
            self._pending += len(ids)
        assert loop is not None
        loop.call_soon_threadsafe(lambda: loop.create_task(self._run(ids)))

    def _start(self) -> None:
        ready = threading.Event()

        def serve() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            ready.set()
            try:
                loop.run_forever()
            finally:
                for task in asyncio.all_tasks(loop):
                    task.cancel()
                loop.run_until_complete(asyncio.sleep(0))
                loop.close()

        self._thread = threading.Thread(target=serve, name="full-text", daemon=True)
        self._thread.start()
        ready.wait()

    async def _run(self, ids: list[str]) -> None:
        def done(article_id: str, upgrade: Upgrade | None, error: FullTextError | None) -> None:
            self._pending -= 1
            self._done(article_id, upgrade, error)

        await full_texts(self.store, ids, self.limits, done=done, pacer=self._pacer)

    def close(self, wait: float = 2.0) -> None:
        """Stop: pages being fetched are given up on, and nothing more is stored."""
        with self._guard:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is not None:
            loop.call_soon_threadsafe(loop.stop)
        if thread is not None:
            thread.join(wait)
