"""Stories for the command line and the app alike: the index kept up to date, the grouping with
the user's corrections, and the comparison of a story with everything it is built from."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..store import Store
from .corrections import StoryCorrection, StoryCorrections
from .extracting import Read
from .index import StoryIndex, index_path
from .library import Story, StoryLibrary
from .outlets import OutletGroups
from .placing import PlaceReport, sync

# Comparing loads the entity library and the parser; placing after a fetch needs neither.
if TYPE_CHECKING:
    from ..entities.library import EntityLibrary
    from .comparison import Comparison


class StoryDesk:
    """One library's stories. Safe to use from a worker thread; each call reads afresh."""

    def __init__(self, store: Store, index: StoryIndex) -> None:
        self.store = store
        self.index = index
        self.corrections = StoryCorrections(store)
        self.outlets = OutletGroups(store)

    @classmethod
    def open(cls, store: Store) -> StoryDesk:
        return cls(store, StoryIndex.open(index_path(store.home)))

    def update(self, progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None, known: dict[bytes, Read] | None = None,
               give_way: Callable[[], None] | None = None,
               waiting: Callable[[str], None] | None = None) -> PlaceReport:
        """Place what arrived since the last update (a no-op costs a few file stats); ``known``
        are readings made already, as a fetch makes them while it downloads (read_drafts).
        Waits for a placing running elsewhere (a fetch's detached one, the app's) to finish
        first, telling ``waiting`` who it waits for."""
        return sync(self.index, self.store, progress=progress, cancelled=cancelled, known=known, give_way=give_way,
                    waiting=waiting)

    def placed_version(self) -> str:
        """What the index was last brought up to, by whichever process placed: it changes with
        every placing that changed something (a fetch's detached placer's too)."""
        with self.index.errors():
            return self.index.meta("shards", "")

    def library(self, *, lone: bool = True) -> StoryLibrary:
        return StoryLibrary.load(self.index, self.corrections.all(), lone=lone)

    def correct(self, correction: StoryCorrection) -> StoryCorrection:
        return self.corrections.add(correction)

    def compare(
        self,
        story: Story,
        entities: EntityLibrary | None = None,
        progress: Callable[[int, int], None] | None = None,
        reader: Callable[[list[tuple[str, str]]], list[bytes]] | None = None,
    ) -> Comparison:
        """The comparison of one story: its accounts parsed (cached by content, so a second
        opening parses nothing) and their entities canonical across the story. Raises
        ModelUnavailable when parsing is needed and spaCy's model cannot be had."""
        from ..entities.library import EntityLibrary
        from .comparison import compare
        from .parsing import read_now, read_texts, texts_of

        texts = texts_of(self.store, story.article_ids)
        readings = read_now(self.index, texts, progress, reader or read_texts)
        if entities is None:
            entities = EntityLibrary.build(self.store.entity_results(story.article_ids),
                                           self.store.entity_corrections())
        shares, documents = self.index.word_shares()
        groups = self.outlets.of(story.outlets)
        return compare(story, {i: (t[1], t[2]) for i, t in texts.items()}, readings, entities, groups,
                       shares.get, documents)
