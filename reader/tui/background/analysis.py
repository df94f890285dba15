"""Entity analysis for the app: the analyser's worker process, rebuilding the entity library, progress."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.dom import DOMNode
from textual.message import Message

from ...entities.analyser import EntityAnalyser
from ...entities.library import EntityLibrary
from ...store import Store, StoreError
from ..messages import Notice
from ..workers import run_in_thread

#: The pause after a rebuild of the entity library, as a multiple of how long it took, so
#: rebuilding takes at most a third of one core; small libraries rebuild at once.
REBUILD_PAUSE = 2.0


class Analysis:
    """The analyser extracts in a worker process and reports from its own thread; the entity
    library (canonical entities over every stored result, with the user's corrections) is
    rebuilt in a worker of the app after each batch. Everything comes back as messages to
    the app, which keeps the library in its ``entity_library`` reactive for the screens."""

    @dataclass
    class Analysed(Message):
        article_ids: list[str]

    @dataclass
    class Progressed(Message):
        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Analysis.Progressed)  # only the latest count matters

    @dataclass
    class Problem(Message):
        text: str

    @dataclass
    class LibraryBuilt(Message):
        library: EntityLibrary | None
        seconds: float

    @dataclass
    class ArticleBuilt(Message):
        """One article's entities from its own result, while the library catches up."""

        article_id: str
        library: EntityLibrary

    def __init__(self, store: Store, app: DOMNode, *, enabled: bool, use_model: bool) -> None:
        self._store = store
        self._app = app
        self._enabled = enabled
        self._use_model = use_model
        self._analyser: EntityAnalyser | None = None
        #: Whether results arrived while a rebuild was running or pausing after one.
        self._rebuild_wanted = False
        self._rebuilding = False

    def start(self) -> None:
        self.rebuild()
        if not self._enabled:
            return
        post = self._app.post_message

        def analysed(ids: list[str]) -> None:
            post(self.Analysed(ids))

        def progressed(done: int, total: int) -> None:
            post(self.Progressed(done, total))

        def problem(text: str) -> None:
            post(self.Problem(text))

        self._analyser = EntityAnalyser(self._store, on_analysed=analysed, on_progress=progressed,
                                        on_problem=problem, use_model=self._use_model)
        self._analyser.start()

    def stop(self) -> None:
        if self._analyser is not None:
            self._analyser.stop()

    def prioritise(self, article_id: str) -> None:
        """The open article jumps the queue, so its sidebar fills within a second."""
        if self._analyser is not None:
            self._analyser.prioritise(article_id)

    def enqueue(self, article_ids: list[str]) -> None:
        if self._analyser is not None and article_ids:
            self._analyser.enqueue(article_ids)

    # The entity library ---------------------------------------------------------------------

    def build_for_article(self, article_id: str) -> None:
        """Rebuilding a big library takes seconds: the open article's own entities are built
        from its result alone, to be shown at once and replaced by the library's."""
        run_in_thread(self._app, lambda: self._build_one(article_id), group="entities.article", exclusive=True)

    def _build_one(self, article_id: str) -> None:
        try:
            library = EntityLibrary.build(self._store.entity_results([article_id]), self._store.entity_corrections())
        except StoreError:
            return
        self._app.post_message(self.ArticleBuilt(article_id, library))

    def rebuild(self) -> None:
        """Rebuild the library off the UI thread; requests during a rebuild fold into one more."""
        if self._rebuilding:
            self._rebuild_wanted = True
            return
        self._rebuilding = True
        run_in_thread(self._app, self._build_library, group="entities.library")

    def _build_library(self) -> None:
        started = time.perf_counter()
        try:
            library = EntityLibrary.build(self._store.entity_results(), self._store.entity_corrections())
        except StoreError as error:
            library = None
            self._app.post_message(Notice(f"Entities cannot be read: {error}", severity="error"))
        self._app.post_message(self.LibraryBuilt(library, time.perf_counter() - started))

    def built(self, seconds: float) -> None:
        """After a rebuild: during a long analysis results arrive every second, and a rebuild of a
        big library takes seconds, so the next one waits in proportion to keep the app's process
        from staying busy."""
        if seconds < 0.05:
            self._pause_over()
        else:
            self._app.set_timer(REBUILD_PAUSE * seconds, self._pause_over)

    def _pause_over(self) -> None:
        self._rebuilding = False
        if self._rebuild_wanted:
            self._rebuild_wanted = False
            self.rebuild()
