"""Background entity analysis: a worker process extracts, a thread here saves and reports."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterable
from multiprocessing.connection import wait
from typing import Any

from ..models import Article
from ..models.entities import ArticleEntities
from ..store import Store, StoreError
from .extract import FALLBACK
from .worker import Outcome, WorkerProcess, analyse_now

__all__ = ["EntityAnalyser", "analyse_now"]

#: Articles sent to the worker ahead of its results, so that it never waits for the next one.
IN_FLIGHT = 2


def _ignore(*_args: object) -> None:
    pass


class EntityAnalyser:
    """Extracts the entities of every unanalysed article, newest first, without blocking the UI.

    spaCy runs in a worker process (spawned, so it never loads in this one) that takes one
    article at a time; a thread here picks what it gets next (the article being read before
    the queue), writes the results in batches at most every ``batch_seconds`` and calls
    back, from that thread: ``on_analysed(ids)`` after each write, ``on_progress(done,
    total)``, and ``on_problem(message)`` for anything the user should hear about once.
    """

    def __init__(
        self,
        store: Store,
        *,
        on_analysed: Callable[[list[str]], None],
        on_progress: Callable[[int, int], None] = _ignore,
        on_problem: Callable[[str], None] = _ignore,
        use_model: bool = True,
        batch_seconds: float = 1.0,
    ) -> None:
        self._store = store
        self._on_analysed = on_analysed
        self._on_progress = on_progress
        self._on_problem = on_problem
        self._use_model = use_model
        self._batch_seconds = batch_seconds
        #: "" or why the model could not load (the fallback runs then).
        self.note = ""
        #: The extractor the worker uses, once it has started ("" before).
        self.extractor_name = ""
        #: Articles analysed and saved since start.
        self.done = 0
        self.running = False
        self._lock = threading.Lock()
        self._queue: dict[str, None] = {}  # an ordered set: oldest request first
        self._urgent: list[str] = []  # the latest request last
        self._in_flight: dict[str, bool] = {}  # id -> wanted at once
        self._unsaved: list[tuple[Article, ArticleEntities, int]] = []
        self._last_write = time.monotonic()
        self._stopping = threading.Event()
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_out.setblocking(False)
        self._thread: threading.Thread | None = None
        self._worker: WorkerProcess | None = None
        self._ready = False
        self._crashes = 0
        self._stop_wait = 2.0
        self._told: set[str] = set()

    @property
    def pending(self) -> int:
        """Articles waiting or being extracted."""
        with self._lock:
            return len(self._queue) + len(self._urgent) + len(self._in_flight)

    @property
    def worker_pid(self) -> int | None:
        """The worker process's id while it runs (for measuring it)."""
        worker = self._worker
        return worker.process.pid if worker is not None and worker.process.is_alive() else None

    # The caller's side ----------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker and queue every unanalysed article (found on the analyser's thread)."""
        if self._thread is not None:
            return
        self.running = True
        self._thread = threading.Thread(target=self._run, name="entity-analyser", daemon=True)
        self._thread.start()

    def enqueue(self, article_ids: Iterable[str]) -> None:
        """New or changed articles, analysed after those already waiting."""
        with self._lock:
            for article_id in article_ids:
                if article_id not in self._urgent:
                    self._queue[article_id] = None
        self._wake()

    def prioritise(self, article_id: str) -> None:
        """The open article: analysed next, ahead of the queue (unless it already is)."""
        with self._lock:
            if article_id in self._in_flight:
                self._in_flight[article_id] = True
            else:
                self._queue.pop(article_id, None)
                if article_id in self._urgent:
                    self._urgent.remove(article_id)
                self._urgent.append(article_id)
        self._wake()

    def stop(self, wait: float = 2.0) -> None:
        """Stop promptly; results already extracted are saved first."""
        self._stop_wait = wait
        self._stopping.set()
        self._wake()
        if self._thread is None:
            self._close_wake()
        elif self._thread is not threading.current_thread():
            self._thread.join(wait + 2.0)

    def _wake(self) -> None:
        try:
            self._wake_out.send(b".")
        except (BlockingIOError, OSError):
            pass  # already awake, or shut down

    # The analyser's thread ------------------------------------------------------------------

    def _run(self) -> None:
        try:
            queued = self._store.unanalysed_ids()
            self.enqueue(queued)
            self._report_store_problems()
            self._progress()
            self._spawn()
            while not self._stopping.is_set():
                self._dispatch()
                self._receive(self._timeout())
                if self._unsaved and time.monotonic() - self._last_write >= self._batch_seconds:
                    self._save(self._unsaved)
        except _GaveUp:
            pass
        except Exception as error:  # the app goes on without entities, and says why
            self._problem(f"entity analysis stopped: {error}")
        finally:
            self._shut_down()
            self.running = False

    def _spawn(self) -> None:
        self._ready = False
        self._worker = WorkerProcess(self._store.home, self._use_model)

    def _timeout(self) -> float | None:
        if not self._unsaved:
            return None
        return max(0.0, self._last_write + self._batch_seconds - time.monotonic())

    def _dispatch(self) -> None:
        """Send the worker what it does next: the open article first, then the queue.

        The open article goes at once, even with the worker's next article already sent: the
        worker takes it before that one.
        """
        assert self._worker is not None  # _run spawned it
        while self._ready:
            with self._lock:
                urgent = bool(self._urgent) and len(self._in_flight) < IN_FLIGHT + 2
                if not urgent and (len(self._in_flight) >= IN_FLIGHT or not self._queue):
                    return
                article_id = self._urgent.pop() if urgent else next(iter(self._queue))
                self._queue.pop(article_id, None)
            if urgent and self._store.analysed_ids([article_id]):
                continue
            try:
                article = self._store.article(article_id)
            except StoreError:  # removed meanwhile (or unreadable: the list says so)
                continue
            with self._lock:
                self._in_flight[article_id] = urgent or self._in_flight.get(article_id, False)
            self._worker.send(article, urgent)

    def _receive(self, timeout: float | None) -> None:
        assert self._worker is not None  # _run spawned it
        conn = self._worker.conn
        ready = wait([conn, self._worker.sentinel, self._wake_in], timeout)
        if self._wake_in in ready:
            self._wake_in.recv(4096)
        try:
            while conn.poll():
                self._handle(conn.recv())
        except (EOFError, OSError):
            self._crashed()
            return
        if self._worker.sentinel in ready and not self._stopping.is_set():
            self._crashed()

    def _handle(self, message: tuple[Any, ...]) -> None:
        if message[0] == "ready":
            _, name, note = message
            self._ready = True
            self.extractor_name, self.note = name, note
            if note and self._use_model:  # switched off on purpose is no problem
                self._problem(f"entities are found by simpler rules: {note}")
            if name != FALLBACK:
                # Results the fallback made are redone now that the model is here.
                self._enqueue_new(self._store.unanalysed_ids(extractor=name))
            return
        outcome: Outcome = message[1]
        with self._lock:
            urgent = self._in_flight.pop(outcome.article_id, False)
        if outcome.error:
            self._problem(f"some articles could not be analysed: {outcome.error}")
        if outcome.article is None:
            self._progress()
            return
        assert outcome.entities is not None  # the worker sends them with the article
        item = (outcome.article, outcome.entities, outcome.lead_end)
        if urgent:
            self._save([item])
        else:
            self._unsaved.append(item)

    def _save(self, items: list[tuple[Article, ArticleEntities, int]]) -> None:
        """Write results and report them; what cannot be written now waits for the next write."""
        batch = items is self._unsaved
        if batch:
            self._unsaved, self._last_write = [], time.monotonic()
        try:
            saved = self._store.save_entity_results(items)
        except StoreError as error:
            self._unsaved.extend(items)
            self._problem(f"entity results could not be saved: {error}")
            return
        self.done += len(saved)
        self._report_store_problems()
        if saved:
            _call(self._on_analysed, saved)
        self._progress()

    def _enqueue_new(self, article_ids: list[str]) -> None:
        """Queue articles not already waiting, in hand or extracted and not yet written."""
        unsaved = {item[0].id for item in self._unsaved}
        with self._lock:
            for article_id in article_ids:
                if article_id not in self._in_flight and article_id not in unsaved and article_id not in self._urgent:
                    self._queue.setdefault(article_id, None)

    def _progress(self) -> None:
        _call(self._on_progress, self.done, self.done + self.pending + len(self._unsaved))

    def _crashed(self) -> None:
        """The worker died: start it again once; the second time, give up and say so."""
        assert self._worker is not None  # _run spawned it
        code = self._worker.exit_code()
        self._crashes += 1
        with self._lock:
            lost = list(self._in_flight)
            self._in_flight.clear()
            # To the back: if one article kills the worker, the others are analysed first.
            for article_id in lost:
                self._queue.pop(article_id, None)
                self._queue[article_id] = None
        if self._crashes >= 2:
            self._problem(
                f"entity analysis stopped: its worker process died twice (exit code {code}); "
                "restart broadsheet to try again"
            )
            raise _GaveUp
        self._spawn()

    def _shut_down(self) -> None:
        """Let the worker finish the article in hand (its result is saved), then end it."""
        if self._worker is not None:
            # Until the model has loaded nothing is computed, so nothing is worth waiting for.
            self._worker.stop(self._stop_wait if self._ready else 0.0, self._handle)
        if self._unsaved:
            self._save(self._unsaved)
        self._close_wake()

    def _close_wake(self) -> None:
        self._wake_in.close()
        self._wake_out.close()

    def _report_store_problems(self) -> None:
        for problem in self._store.entity_problems():
            self._problem(problem)

    def _problem(self, message: str) -> None:
        if message not in self._told:
            self._told.add(message)
            _call(self._on_problem, message)


def _call(callback: Callable[..., object], *args: object) -> None:
    # A callback that fails (an app already closing) must not stop the analysis with it.
    try:
        callback(*args)
    except Exception:
        pass


class _GaveUp(Exception):
    """The worker died twice; the user has been told."""
