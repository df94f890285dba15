"""One queue for every write the app makes, applied in order by a single background thread,
and the app's side of it: what a write's caller hears back comes as a message."""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

from ..store import Store


@dataclass
class WriteJob:
    #: Runs on the writer thread; must touch only the store.
    apply: Callable[[], Any]
    #: Runs on the writer thread with the result, or with the error.
    done: Callable[[Any], None] | None = None
    failed: Callable[[Exception], None] | None = None


class SerialWriter:
    """Writes happen off the UI thread but in the order the user made them.

    Separate workers per keypress could land "star" after a quick "unstar"; one queue
    and one thread cannot. ``drain`` lets the app wait for pending writes on quit, so
    nothing the user did is lost by leaving.
    """

    def __init__(self) -> None:
        self._jobs: queue.Queue[WriteJob | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._numbering = threading.Lock()
        #: Jobs handed in, and jobs over (applied or failed). Jobs run in the order handed in, so
        #: job number n is over once ``finished`` reaches n: a read of the store begun then sees it.
        self.submitted = 0
        self.finished = 0

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="broadsheet-writer", daemon=True)
            self._thread.start()

    def submit(self, job: WriteJob) -> int:
        """Queue ``job``; its number, for comparing with ``finished``."""
        with self._numbering:
            self.submitted += 1
            self._jobs.put(job)
            return self.submitted

    def drain(self, timeout: float = 10.0) -> bool:
        """Wait until every submitted write is done; False if it took longer than ``timeout``."""
        finished = threading.Event()
        self._jobs.put(WriteJob(apply=finished.set))
        return finished.wait(timeout) if self._thread else True

    def stop(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join(timeout=10)
            self._thread = None

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            try:
                result = job.apply()
            except Exception as error:  # noqa: BLE001 - every failure is reported to the user
                self.finished += 1
                if job.failed:
                    job.failed(error)
                continue
            self.finished += 1
            if job.done:
                job.done(result)


class Writes:
    """Queue a change to the store; what happens next is said by a message to the app, which
    runs the caller's ``on_done`` or ``on_error`` on the UI thread, in the order written.
    A write is durable (fsynced) before its ``Done`` is posted."""

    @dataclass
    class Done(Message):
        then: Callable[[Any], None] | None
        result: Any

    @dataclass
    class Failed(Message):
        then: Callable[[Exception], None] | None
        error: Exception

    def __init__(self, writer: SerialWriter, store: Store, app: MessagePump) -> None:
        self._writer = writer
        self._store = store
        self._app = app

    def submit(
        self,
        apply: Callable[[Store], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> int:
        """Queue a write; its number, which ``finished`` reaches once it is over."""
        store, app = self._store, self._app

        # post_message is safe from any thread, and does nothing once the app has closed.
        def done(result: Any) -> None:
            app.post_message(Writes.Done(on_done, result))

        def failed(error: Exception) -> None:
            app.post_message(Writes.Failed(on_error, error))

        return self._writer.submit(WriteJob(apply=lambda: apply(store), done=done, failed=failed))

    @property
    def finished(self) -> int:
        """How many writes are over: a read of the store begun now sees every one of them."""
        return self._writer.finished
