"""Stories for the app: new articles placed in their stories in a worker after each change, the
grouping loaded for the list and the reader, and a story's comparison made in the background
(the parse in a worker process of its own, so the screen never waits on spaCy)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from ...entities.model import ModelUnavailable
from ...store import Store
from ...stories.errors import StoryError
from ..activity import GiveWay, giving_way
from ..messages import Notice
from ..workers import run_in_thread
from ..writer import Writes

# The grouping, the comparison and the parser's process (NumPy and more) load in the workers
# that first use them, after the list is up, not with the app.
if TYPE_CHECKING:
    from ...entities.library import EntityLibrary
    from ...stories import Story, StoryCorrection, StoryLibrary
    from ...stories.comparison import Comparison
    from ...stories.desk import StoryDesk
    from ...stories.parsing import ParseProcess


class Storying:
    """The desk is opened on first use; updates during an update fold into one more after it."""

    @dataclass
    class Loaded(Message):
        #: None when nothing changed since the last one (the list keeps what it has).
        library: StoryLibrary | None

    @dataclass
    class Compared(Message):
        story_id: str
        comparison: Comparison | None
        #: Why there is no comparison ("" when there is).
        error: str = ""

    @dataclass
    class Progressed(Message):
        story_id: str
        done: int
        total: int

        def can_replace(self, message: Message) -> bool:
            return isinstance(message, Storying.Progressed) and message.story_id == self.story_id

    @dataclass
    class Corrected(Message):
        #: What was done, for the notification ("" when it failed: ``error`` says why).
        done: str
        error: str = ""

    def __init__(self, store: Store, app: DOMNode, writes: Writes, writable: Callable[[], bool],
                 give_way: GiveWay | None = None) -> None:
        self._store = store
        self._app = app
        self._writes = writes
        self._writable = writable
        self._desk: StoryDesk | None = None
        self._lock = threading.Lock()
        self._updating = False
        self._again = False
        self._stop = threading.Event()
        #: Called between articles placed: waits while the user is moving (see activity.py).
        self._pause_for_user = giving_way(give_way, self._stop.is_set)
        self._parser: ParseProcess | None = None  # started by the first comparison
        self._loaded_once = False
        #: The story index's placed_version at the last update.
        self._version = ""

    def _open(self) -> StoryDesk:
        with self._lock:
            if self._desk is None:
                from ...stories.desk import StoryDesk

                self._desk = StoryDesk.open(self._store)
                if self._desk.index.notice:
                    self._app.post_message(Notice(self._desk.index.notice, title="Stories", severity="warning"))
            return self._desk

    def update(self) -> None:
        """Place what arrived and reload the stories; calls during an update fold into one."""
        if self._updating:
            self._again = True
            return
        self._updating = True
        run_in_thread(self._app, self._update, group="stories.update")

    def _update(self) -> None:
        library: StoryLibrary | None = None
        try:
            desk = self._open()
            placed = False
            if self._writable():
                report = desk.update(cancelled=self._stop.is_set, give_way=self._pause_for_user)
                placed = bool(report.placed or report.updated or report.removed)
            # Another process may have placed them (a fetch's detached placer, which this
            # update waited for): then this one placed nothing, yet the stories changed.
            version = desk.placed_version()
            changed = placed or version != self._version
            self._version = version
            if changed or not self._loaded_once:
                # Loading the stories of a big library takes a moment of the GIL: not for nothing.
                library = desk.library(lone=False)
                self._loaded_once = True
        except StoryError as error:
            self._app.post_message(Notice(f"Stories could not be updated: {error}", severity="warning"))
        finally:
            if self._desk is not None:
                self._desk.index.release()
            self._app.post_message(self.Loaded(library))

    def check_placings(self) -> None:
        """The store poll's look at the stories: another process may have placed (a fetch's
        detached placer, after this app last looked). Only the index's placed version is read,
        in a worker; the stories update only when it moved. (Updating at every poll made the
        app look for new articles at 100,000 each second, and moves took a third longer.)"""
        if self._updating or not self._loaded_once:
            return
        run_in_thread(self._app, self._check_placings, group="stories.check", exclusive=True)

    def _check_placings(self) -> None:
        try:
            desk = self._open()
            version = desk.placed_version()
        except StoryError:
            return  # the next update says why
        finally:
            if self._desk is not None:
                self._desk.index.release()
        if version != self._version:
            self._app.app.call_from_thread(self.update)

    def reload(self) -> None:
        """Load the stories again even if no article changed (after a correction)."""
        self._loaded_once = False
        self.update()

    def loaded(self) -> None:
        self._updating = False
        if self._again:
            self._again = False
            self.update()

    def compare(self, story: Story, entities: EntityLibrary | None) -> None:
        """Compare a story's accounts in a worker; Compared (and Progressed) come back."""
        def work() -> None:
            post = self._app.post_message

            def progress(done: int, total: int) -> None:
                post(self.Progressed(story.id, done, total))

            try:
                desk = self._open()
                comparison = desk.compare(story, entities, progress=progress, reader=self._parse_process().read)
            except ModelUnavailable as error:
                post(self.Compared(story.id, None, f"the parser is unavailable: {error.reason}"))
            except StoryError as error:
                post(self.Compared(story.id, None, str(error)))
            else:
                post(self.Compared(story.id, comparison))
            finally:
                if self._desk is not None:
                    self._desk.index.release()

        run_in_thread(self._app, work, group="stories.compare", exclusive=True)

    def correct(self, correction: StoryCorrection | None, undo: bool = False) -> None:
        """Make a correction (or undo the last) through the app's writer, in order with the
        user's other writes; Corrected comes back, and the stories are loaded again."""
        def apply(store: Store) -> str:
            from ...stories.corrections import StoryCorrections

            corrections = StoryCorrections(store)
            if undo:
                undone = corrections.undo()
                return f"Undid: {undone.describe()}." if undone else "There is no story correction to undo."
            assert correction is not None
            done = corrections.add(correction).describe()
            return f"{done[:1].upper()}{done[1:]}."  # "Renamed a story to 'X'.", a sentence of its own

        self._writes.submit(apply, on_done=self._corrected, on_error=self._not_corrected)

    def set_group(self, outlet: str, group: str) -> None:
        def apply(store: Store) -> str:
            from ...stories.outlets import OutletGroups

            OutletGroups(store).set(outlet, group)
            return f"{outlet} is in the group {group!r}." if group else f"{outlet} is in no group."

        self._writes.submit(apply, on_done=self._corrected, on_error=self._not_corrected)

    def _corrected(self, done: str) -> None:
        self._app.post_message(self.Corrected(done))
        self.reload()

    def _not_corrected(self, error: Exception) -> None:
        self._app.post_message(self.Corrected("", str(error)))

    def _parse_process(self) -> ParseProcess:
        with self._lock:
            if self._parser is None:
                from ...stories.parsing import ParseProcess

                self._parser = ParseProcess()
            return self._parser

    def stop(self) -> None:
        self._stop.set()
        with self._lock:
            parser = self._parser
        if parser is not None:
            parser.close()
