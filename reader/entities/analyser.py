"""Background entity analysis: worker processes extract, a thread here saves and reports."""

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
from .crew import Hand, Roster, Staffing
from .jobs import Jobs
from .model import FALLBACK
from .worker import Outcome, WorkerProcess, analyse_now

__all__ = ["EntityAnalyser", "analyse_now"]

def _ignore(*_args: object) -> None:
    pass


class EntityAnalyser:
    """Extracts the entities of every unanalysed article, newest first, without blocking the UI.

    spaCy runs in worker processes (spawned, so it never loads in this one), each taking one
    article at a time: one while there is work, two while a long queue waits on an idle
    machine, none after a long idle spell (see :class:`Staffing`). A thread here picks what
    each gets next (the article being read before the queue), writes the results in batches
    at most every ``batch_seconds`` and calls back, from that thread: ``on_analysed(ids)``
    after each write, ``on_progress(done, total)``, and ``on_problem(message)`` for anything
    the user should hear about once.
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
        staffing: Staffing | None = None,
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
        self._jobs = Jobs()
        #: The open article as the app holds it (see ``prioritise``).
        self._given: Article | None = None
        self._unsaved: list[tuple[Article, ArticleEntities, int]] = []
        self._last_write = time.monotonic()
        self._stopping = threading.Event()
        self._wake_in, self._wake_out = socket.socketpair()
        self._wake_out.setblocking(False)
        self._thread: threading.Thread | None = None
        self._hands: list[Hand] = []
        self._crashes = 0
        self._roster = Roster(staffing or Staffing())
        self._redone = False
        self._stop_wait = 2.0
        self._told: set[str] = set()

    @property
    def pending(self) -> int:
        """Articles waiting or being extracted."""
        return self._jobs.pending(self._hands)

    @property
    def worker_pid(self) -> int | None:
        """The first worker process's id while it runs (for measuring it)."""
        pids = self.worker_pids
        return pids[0] if pids else None

    @property
    def worker_pids(self) -> list[int]:
        """The ids of the worker processes running now."""
        return [pid for pid in (hand.pid for hand in list(self._hands)) if pid is not None]

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
        self._jobs.add(article_ids)
        self._wake()

    def prioritise(self, article_id: str, article: Article | None = None) -> None:
        """The open article: analysed next, ahead of the queue (unless it already is). The
        caller may hand over the article as it holds it, which spares reading its month again."""
        self._given = article if article is not None and article.id == article_id else None
        self._jobs.prioritise(article_id, self._hands)
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
            self._spawn_crew()
            while not self._stopping.is_set():
                self._staff()
                for hand in list(self._hands):
                    self._dispatch(hand)
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

    def _spawn_crew(self) -> None:
        """The first worker, and a second beside it when a long queue waits on an idle machine."""
        self._spawn()
        if self._roster.staffing.wants_two_at_once(self._jobs.waiting()):
            self._spawn()

    def _spawn(self) -> None:
        self._hands.append(Hand(WorkerProcess(self._store.home, self._use_model)))
        self._roster.started()

    def _staff(self) -> None:
        if not self._hands:
            if self._jobs.waiting():
                self._spawn_crew()
            return
        busy = bool(self._jobs.waiting() or self._unsaved or any(hand.in_flight for hand in self._hands))
        change = self._roster.change(self._hands, self._jobs.waiting(), busy)
        if change > 0:
            self._spawn()
        for hand in self._hands[len(self._hands) + change:] if change < 0 else ():
            self._end(hand)

    def _end(self, hand: Hand) -> None:
        """End one worker; what it was given and did not finish goes back to the queue."""
        self._hands.remove(hand)
        self._stop(hand, self._stop_wait)
        self._jobs.take_back(hand)

    def _stop(self, hand: Hand, wait: float) -> None:
        def handle(message: tuple[Any, ...]) -> None:
            self._handle(hand, message)

        hand.worker.stop(wait, handle)

    def _timeout(self) -> float | None:
        if self._unsaved:
            return max(0.0, self._last_write + self._batch_seconds - time.monotonic())
        if self._hands:  # to notice the idle spell's end, or the time to add a worker
            return self._roster.look_again
        return None

    def _dispatch(self, hand: Hand) -> None:
        """Send a worker what it does next: the open article first, then the queue."""
        while hand.ready and (job := self._jobs.next_for(hand)) is not None:
            article_id, urgent = job
            if urgent and self._store.analysed_ids([article_id]):
                continue
            given = self._given
            try:
                article = given if given is not None and given.id == article_id else self._store.article(article_id)
            except StoreError:  # removed meanwhile (or unreadable: the list says so)
                continue
            self._jobs.hand_over(hand, article_id, urgent)
            hand.worker.send(article, urgent)

    def _receive(self, timeout: float | None) -> None:
        waited: list[Any] = [self._wake_in]
        for hand in self._hands:
            waited += [hand.worker.conn, hand.worker.sentinel]
        ready = wait(waited, timeout)
        if self._wake_in in ready:
            self._wake_in.recv(4096)
        for hand in list(self._hands):
            try:
                while hand.worker.conn.poll():
                    self._handle(hand, hand.worker.conn.recv())
            except (EOFError, OSError):
                self._crashed(hand)
                continue
            if hand.worker.sentinel in ready and not self._stopping.is_set():
                self._crashed(hand)

    def _handle(self, hand: Hand, message: tuple[Any, ...]) -> None:
        if message[0] == "ready":
            _, name, note = message
            hand.ready = True
            self.extractor_name, self.note = name, note
            if note and self._use_model:  # switched off on purpose is no problem
                self._problem(f"entities are found by simpler rules: {note}")
            if name != FALLBACK and not self._redone:
                # Results the fallback made are redone now that the model is here.
                self._redone = True
                unsaved = {item[0].id for item in self._unsaved}
                self._jobs.add_new(self._store.unanalysed_ids(extractor=name), self._hands, unsaved)
            return
        outcome: Outcome = message[1]
        urgent = self._jobs.came_back(hand, outcome.article_id)
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

    def _progress(self) -> None:
        _call(self._on_progress, self.done, self.done + self.pending + len(self._unsaved))

    def _crashed(self, hand: Hand) -> None:
        """A worker died: start it again once; the second time, give up and say so."""
        code = hand.worker.exit_code()
        self._crashes += 1
        self._hands.remove(hand)
        hand.worker.conn.close()
        self._jobs.take_back(hand)
        if self._crashes >= 2:
            self._problem(
                f"entity analysis stopped: its worker process died twice (exit code {code}); "
                "restart broadsheet to try again"
            )
            raise _GaveUp
        if not self._hands:
            self._spawn()

    def _shut_down(self) -> None:
        """Let each worker finish the article in hand (its result is saved), then end it."""
        for hand in list(self._hands):
            # Until the model has loaded nothing is computed, so nothing is worth waiting for.
            self._stop(hand, self._stop_wait if hand.ready else 0.0)
        self._hands.clear()
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
    """Workers died twice; the user has been told."""
