"""The app's side of entity analysis: run the analyser, rebuild the entity library, show progress."""

from __future__ import annotations

import time

from textual import work
from textual.reactive import reactive

from ...entities.analyser import EntityAnalyser
from ...entities.library import EntityLibrary
from ...store import StoreError


#: The pause after a rebuild of the entity library, as a multiple of how long it took, so
#: rebuilding takes at most a third of one core; small libraries rebuild at once.
REBUILD_PAUSE = 2.0


class EntityControl:
    """Mixed into the App. The analyser extracts in a worker process and calls back on its
    own thread; the callbacks hop onto the UI thread. The entity library (canonical entities
    over every stored result, with the user's corrections) is rebuilt off the UI thread
    after each batch, and screens watch ``entity_library``."""

    #: Canonical entities across the library; None until first built.
    entity_library: reactive[EntityLibrary | None] = reactive(None, always_update=True)
    #: "" when idle, else a progress line ("analysing 37/1,000").
    analysis_status: reactive[str] = reactive("")
    #: Why the simpler extractor is in use, when it is ("" otherwise).
    analysis_note: reactive[str] = reactive("")
    #: Whether results arrived while a rebuild was running or pausing.
    _rebuild_wanted = False
    _rebuilding = False
    analyser: EntityAnalyser | None = None

    def start_analysis(self) -> None:
        services = self.services
        self.rebuild_entities()
        if not services.analyse_entities or services.read_only_reason:
            return
        call = services.call_on_ui
        self.analyser = EntityAnalyser(
            services.store,
            on_analysed=lambda ids: call(self._analysed, ids),
            on_progress=lambda done, total: call(self._analysis_progress, done, total),
            on_problem=lambda message: call(self._analysis_problem, message),
            use_model=services.entity_model,
        )
        self.analyser.start()

    def stop_analysis(self) -> None:
        if self.analyser is not None:
            self.analyser.stop()

    def analyse_first(self, article_id: str) -> None:
        """The open article jumps the queue, so its sidebar fills within a second."""
        if self.analyser is not None:
            self.analyser.prioritise(article_id)

    def analyse_later(self, article_ids: list[str]) -> None:
        if self.analyser is not None and article_ids:
            self.analyser.enqueue(article_ids)

    def _analysed(self, article_ids: list[str]) -> None:
        main = self.screen_stack[0]
        current = getattr(main, "current", None)
        if current is not None and current.id in article_ids:
            # Rebuilding a big library takes seconds; the open article's own entities are
            # shown at once from its result alone, then replaced by the library's.
            self._build_article_entities(current.id)
        self.rebuild_entities()

    @work(thread=True, group="entities-open", exclusive=True, exit_on_error=False)
    def _build_article_entities(self, article_id: str) -> None:
        store = self.services.store
        try:
            library = EntityLibrary.build(store.entity_results([article_id]), store.entity_corrections())
        except StoreError:
            return
        self.call_from_thread(self.screen_stack[0].show_article_entities, article_id, library)

    def _analysis_progress(self, done: int, total: int) -> None:
        self.analysis_status = f"analysing {done:,}/{total:,}" if done < total else ""

    def _analysis_problem(self, message: str) -> None:
        self.analysis_note = message
        self.notify(message, title="Entities", severity="warning", timeout=10, markup=False)

    def rebuild_entities(self) -> None:
        """Rebuild the library off the UI thread; requests during a rebuild fold into one more."""
        if self._rebuilding:
            self._rebuild_wanted = True
            return
        self._rebuilding = True
        self._build_entity_library()

    @work(thread=True, group="entities", exit_on_error=False)
    def _build_entity_library(self) -> None:
        store = self.services.store
        started = time.perf_counter()
        try:
            library = EntityLibrary.build(store.entity_results(), store.entity_corrections())
        except StoreError as error:
            library = None
            self.call_from_thread(self.notify, f"Entities cannot be read: {error}", severity="error", markup=False)
        self.call_from_thread(self._built, library, time.perf_counter() - started)

    def _built(self, library: EntityLibrary | None, took: float) -> None:
        if library is not None:
            self.entity_library = library
        # During a long analysis results arrive every second, and a rebuild of a big library
        # takes seconds: the next one waits in proportion, so the app's process is not kept busy.
        if took < 0.05:
            self._rebuild_pause_over()
        else:
            self.set_timer(REBUILD_PAUSE * took, self._rebuild_pause_over)

    def _rebuild_pause_over(self) -> None:
        self._rebuilding = False
        if self._rebuild_wanted:
            self._rebuild_wanted = False
            self.rebuild_entities()
