"""Entity analysis for the app: the analyser's worker process, rebuilding the entity library, progress."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.dom import DOMNode
from textual.message import Message

from ...entities.analyser import EntityAnalyser
from ...entities.library import EntityLibrary
from ...models import Article
from ...store import Store, StoreError
from ..messages import Notice
from ..workers import run_in_thread

#: The pause after work on the entity library, as a multiple of how long it took, so that it
#: takes at most a third of one core; small libraries are done at once. After a full build
#: the pause holds back only the next full build: batches go on being taken in.
REBUILD_PAUSE = 2.0
#: Batches taken in between two full builds, which catch up on the rules across articles.
BATCHES_PER_BUILD = 20


class Analysis:
    """The analyser extracts in a worker process and reports from its own thread; each batch
    it writes is taken into the entity library (canonical entities over every stored result,
    with the user's corrections) in a worker of the app, which takes a fraction of a second
    (``EntityLibrary.taking_in``). The library is built again from every result, with every
    merging rule, at the start, after a correction, when the analysis goes idle and every
    ``BATCHES_PER_BUILD`` batches. Everything comes back as messages to the app, which keeps
    the library in its ``entity_library`` reactive for the screens."""

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
        #: Built from every result (else a batch taken in).
        full: bool = True
        #: The results files' identities as the work read them (None: not read), for the next look
        #: at what another process saved.
        signatures: dict[str, object] | None = None

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
        #: The latest library made here, which the next batch is taken into.
        self._library: EntityLibrary | None = None
        #: Ids analysed and not yet in the library, in the order they came.
        self._arrived: dict[str, None] = {}
        self._batches = 0  # taken in since the last full build
        self._build_wanted = False
        self._busy = False  # a build or an intake running, or pausing after one
        self._build_after = 0.0  # when the next full build may start (time.monotonic)
        self._timed = False  # a timer is set for then
        #: Another process wrote to the store: look for entity results it saved.
        self._look_wanted = False
        #: Each month's results file as the last full build or look read it.
        self._signatures: dict[str, object] = {}

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

    def prioritise(self, article: Article) -> None:
        """The open article jumps the queue, so its sidebar fills within a second."""
        if self._analyser is not None:
            self._analyser.prioritise(article.id, article)

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
        """Build the library again from every result off the UI thread, as soon as the work
        in hand is done (requests meanwhile fold into one)."""
        self._build_wanted = True
        self._build_after = 0.0
        self._next()

    def analysed(self, article_ids: list[str]) -> None:
        """A batch was written: it is taken into the library, and every few batches the whole
        library is built again."""
        self._arrived.update(dict.fromkeys(article_ids))
        self._batches += 1
        if self._batches >= BATCHES_PER_BUILD:
            self._build_wanted = True
        self._next()

    def changed_elsewhere(self) -> None:
        """Another process wrote to the store (``broadsheet analyse`` perhaps): the results it
        saved are taken into the library, and its corrections make a full build."""
        self._look_wanted = True
        self._next()

    def progressed(self, done: int, total: int) -> None:
        """When the analysis has gone idle, a full build catches up on what the batches left."""
        if done >= total and self._batches:
            self._build_wanted = True
            self._next()

    def _next(self) -> None:
        if self._busy:
            return
        wait = self._build_after - time.monotonic()
        if self._library is None or (self._build_wanted and wait <= 0):
            self._busy, self._build_wanted, self._batches = True, False, 0
            self._look_wanted = False  # the build reads every result
            self._arrived.clear()
            run_in_thread(self._app, self._build_library, group="entities.library")
        elif self._arrived:
            library, ids = self._library, list(self._arrived)
            self._arrived.clear()
            self._busy = True
            run_in_thread(self._app, lambda: self._take_in(library, ids), group="entities.library")
        elif self._look_wanted:
            library, signatures = self._library, dict(self._signatures)  # a library: built above if none
            self._look_wanted, self._busy = False, True
            run_in_thread(self._app, lambda: self._look(library, signatures), group="entities.library")
        elif self._build_wanted and not self._timed:
            self._timed = True
            self._app.set_timer(wait, self._timer_over)

    def _timer_over(self) -> None:
        self._timed = False
        self._next()

    def _build_library(self) -> None:
        started = time.perf_counter()
        signatures = None
        try:
            # Before the results: a file written while they are read is looked at again.
            signatures = self._store.entity_signatures()
            library = EntityLibrary.build(self._store.entity_results(), self._store.entity_corrections())
        except StoreError as error:
            library = None
            self._app.post_message(Notice(f"Entities cannot be read: {error}", severity="error"))
        self._app.post_message(self.LibraryBuilt(library, time.perf_counter() - started, full=True,
                                                 signatures=signatures))

    def _look(self, library: EntityLibrary, seen: dict[str, object]) -> None:
        """Take in the results another process saved: only the months whose file moved are
        read, and only the results that differ from the library's are taken in. Our own saves
        move the files too; they were taken in already, so they compare equal."""
        started = time.perf_counter()
        try:
            signatures = self._store.entity_signatures()
            if library.corrections != tuple(self._store.entity_corrections()):
                self._build_library()  # a correction made elsewhere: every rule again
                return
            months = [month for month, signature in signatures.items() if seen.get(month) != signature]
            results = self._store.entity_results(months=months) if months else {}
            new = {i: stored for i, stored in results.items() if library.result(i) != stored}
            grown = library.taking_in(new) if new else None
        except StoreError as error:
            grown, signatures = None, None
            self._app.post_message(Notice(f"Entities cannot be read: {error}", severity="error"))
        self._app.post_message(self.LibraryBuilt(grown, time.perf_counter() - started, full=False,
                                                 signatures=signatures))

    def _take_in(self, library: EntityLibrary, article_ids: list[str]) -> None:
        started = time.perf_counter()
        try:
            grown: EntityLibrary | None = library.taking_in(self._store.entity_results(article_ids))
        except StoreError as error:
            grown = None
            self._app.post_message(Notice(f"Entities cannot be read: {error}", severity="error"))
        self._app.post_message(self.LibraryBuilt(grown, time.perf_counter() - started, full=False))

    def built(self, message: Analysis.LibraryBuilt) -> None:
        """After a build or an intake: during a long analysis results arrive every second, so
        the next piece of work waits in proportion to this one's time, to keep the app's
        process from staying busy; after a full build only the next full build waits."""
        if message.library is not None:
            self._library = message.library
        if message.signatures is not None:
            self._signatures = message.signatures
        pause = REBUILD_PAUSE * message.seconds if message.seconds >= 0.05 else 0.0
        if message.full:
            self._build_after = time.monotonic() + pause
            pause = 0.0
        if pause:
            self._app.set_timer(pause, self._pause_over)
        else:
            self._pause_over()

    def _pause_over(self) -> None:
        self._busy = False
        self._next()
