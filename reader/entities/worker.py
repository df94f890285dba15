"""Extracting stored articles: in a worker process for the app, or in this one for the command line."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
import warnings
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..models import Article, Body
from ..models.entities import ArticleEntities
from ..spawning import quiet_child, real_stderr
from ..store import Store, StoreError, UnknownArticle
from .model import FALLBACK
from .prominence import lead_end

# The rules, their word lists and gazetteers load in the worker process, not in the app that
# starts it.
if TYPE_CHECKING:
    from .extract import Extractor

#: Threads the numeric libraries may use: one, so extraction never takes every core from the UI.
_THREAD_VARIABLES = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")


@dataclass(frozen=True, slots=True)
class Outcome:
    """What became of one article: its entities, or why there are none."""

    article_id: str
    article: Article | None = None
    entities: ArticleEntities | None = None
    lead_end: int = 0
    #: Why the article was not analysed ("" when it was, or when it is gone from the library).
    error: str = ""


class WorkerProcess:
    """The app's handle on one worker process, spawned so that it inherits nothing (spaCy
    never loads in the app's process) and talking over a pipe."""

    def __init__(self, home: Path, use_model: bool) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(target=run, args=(child, str(home), use_model), name="broadsheet-entities",
                                       daemon=True)
        with real_stderr():  # the app's stderr has no descriptor to hand on
            self.process.start()
        child.close()  # so that a dead worker reads as end-of-file here

    @property
    def sentinel(self) -> int:
        return self.process.sentinel

    def send(self, article: Article, urgent: bool = False) -> None:
        self.conn.send(("job", article, urgent))

    def exit_code(self) -> int | None:
        self.process.join(1.0)
        return self.process.exitcode

    def stop(self, wait: float, on_message: Callable[[tuple[Any, ...]], None]) -> None:
        """Ask it to stop after the article in hand; messages still arriving (within ``wait``
        seconds) go to ``on_message``. Ended by force after that."""
        process, conn = self.process, self.conn
        try:
            conn.send(("stop",))
        except OSError:
            pass
        deadline = time.monotonic() + wait
        while process.is_alive() and time.monotonic() < deadline:
            try:
                if conn.poll(max(0.0, deadline - time.monotonic())):
                    on_message(conn.recv())
            except (EOFError, OSError):
                break
        for end in (process.terminate, process.kill):
            if process.is_alive():
                end()
                process.join(1.0)
        conn.close()


def analyse_article(extractor: Extractor, article: Article, body: Body) -> tuple[ArticleEntities, int]:
    """The article's entities and where its lead ends."""
    try:
        [entities] = extractor.extract_many([(article.id, article.title, body.text)])
    except Exception as error:  # one text the extractor chokes on must not stop the others
        entities = ArticleEntities(article.id, (), extractor.name, f"extraction failed: {error}")
    return entities, lead_end(body)


def run(conn: Connection, home: str, use_model: bool) -> None:
    """The worker's main loop (a spawned process, so it shares nothing with the app).

    Messages in: ("job", Article, urgent) and ("stop",). Out: ("ready", extractor name, note),
    then ("outcome", Outcome) for each job. Messages that arrived while it worked are read
    before the next job starts, so an urgent job goes before those waiting and a stop never
    waits behind them.
    """
    _quiet()
    # Only bodies are read here, and reading needs no lock; the app's process does the writing.
    store = Store(Path(home), read_only=True)
    from .extract import Extractor

    extractor = Extractor() if use_model else Extractor(load=None)
    conn.send(("ready", extractor.name, extractor.note))
    jobs: deque[Article] = deque()
    try:
        while True:
            while not jobs or conn.poll():
                message = conn.recv()
                if message[0] == "stop":
                    return
                _, article, urgent = message
                if urgent:
                    jobs.appendleft(article)
                else:
                    jobs.append(article)
            article = jobs.popleft()
            try:
                body = store.body(article)
            except StoreError as error:
                conn.send(("outcome", Outcome(article.id, error=str(error))))
                continue
            entities, lead = analyse_article(extractor, article, body)
            conn.send(("outcome", Outcome(article.id, article, entities, lead)))
    except (EOFError, OSError):
        return  # the app went away: nothing is left to report to


def _quiet() -> None:
    """The app draws the whole terminal, and this process shares it: anything printed here
    (library warnings, a traceback) would scribble over the screen."""
    for name in _THREAD_VARIABLES:
        os.environ.setdefault(name, "1")
    warnings.simplefilter("ignore")
    # Ctrl-C at the terminal reaches every process in its group; the app decides when this stops.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        os.nice(5)  # the reader stays responsive while this process works
    except OSError:
        pass
    quiet_child()


def analyse_now(
    store: Store,
    article_ids: Iterable[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
    use_model: bool = True,
    *,
    extractor: Extractor | None = None,
    limit: int | None = None,
    batch_seconds: float = 1.0,
) -> int:
    """Analyse in this process, for the command line: the given articles, or every unanalysed
    one (newest first, at most ``limit``). Returns how many were analysed and saved.

    Results are written at most every ``batch_seconds`` and when the run ends, however it ends.
    """
    from .extract import Extractor

    extractor = extractor or (Extractor() if use_model else Extractor(load=None))
    if article_ids is None:
        name = extractor.name
        article_ids = store.unanalysed_ids(limit, extractor=None if name == FALLBACK else name)
    ids = list(article_ids)[:limit]
    unsaved: list[tuple[Article, ArticleEntities, int]]
    done, unsaved, last_write = 0, [], time.monotonic()
    try:
        for number, article_id in enumerate(ids, 1):
            try:
                article = store.article(article_id)
            except UnknownArticle:
                continue
            entities, lead = analyse_article(extractor, article, store.body(article))
            unsaved.append((article, entities, lead))
            if time.monotonic() - last_write >= batch_seconds:
                done += len(store.save_entity_results(unsaved))
                unsaved, last_write = [], time.monotonic()
            if progress is not None:
                progress(number, len(ids))
    finally:
        if unsaved:
            done += len(store.save_entity_results(unsaved))
    return done
