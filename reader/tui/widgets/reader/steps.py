"""What > < and m step through in the reader pane: the matches of the search in the open article,
or the mentions of an entity the sidebar asked for."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ....entities.library import EntityLibrary
from ....search import SearchError, body_matches, parse
from ....search.query import positive_entities

if TYPE_CHECKING:
    from .pane import ReaderPane


class Steps:
    def __init__(self, pane: ReaderPane) -> None:
        self._pane = pane
        #: The search whose words are marked in each article shown, and its matches in this one.
        self.query = ""
        self._matches: list[tuple[int, int]] = []
        self._match_index = -1
        #: The entity (article id, key) whose mentions m steps through, and where it is.
        self._mentions_of: tuple[str, str] | None = None
        self._mention_index = -1
        #: The last "mention 3 of 7" shown: the next step replaces it rather than piling on it.
        self._said = ""

    def _say(self, message: str, timeout: float) -> None:
        """Show where a step landed, in place of the step's toast before it: holding m or > would
        otherwise stack a column of toasts over the text being read. (Textual 8.2 has no public
        call to withdraw one toast; the version is pinned, and this is the call its own timer uses.)"""
        app = self._pane.app
        for shown in [n for n in app._notifications if n.message == self._said]:
            app._unnotify(shown, refresh=False)
        self._said = message
        app.notify(message, timeout=timeout, markup=False)

    def forget_mentions(self) -> None:
        self._mentions_of = None

    def set_query(self, query: str) -> None:
        """Mark the words of this search in the article (and in each article shown after)."""
        self.query = query
        self.mark_query()

    def mark_query(self) -> None:
        self._matches, self._match_index = [], -1
        if not self.query or not self._pane.body_text:
            return
        try:
            node = parse(self.query)
            words = list(body_matches(node, self._pane.body_text))
        except SearchError:
            return
        # An entity: term matches where the article names the entity (any of its spellings).
        self._matches = sorted({*words, *self._mentions_named(positive_entities(node))})
        if self._matches:
            self._pane.highlight(self._matches, None)

    def _mentions_named(self, names: list[str]) -> list[tuple[int, int]]:
        library = self._pane.entities() if names else None
        if library is None:
            return []
        found = [entity for entity in map(library.find, names) if entity is not None]
        return [(m.start, m.end) for entity in found for m in library.mentions(self._pane.article_id, entity.key)
                if m.part == "body"]

    def step_match(self, step: int) -> None:
        """> and <: the next or previous match of the search in the article."""
        if not self._matches and self.query:
            self.mark_query()  # the entity library may have come since the article was shown
        if not self._matches:
            self._say("No search matches in this article." if self.query else
                      "Search first (/): > and < step through its matches.", timeout=3)
            return
        self._match_index = (self._match_index + step) % len(self._matches)
        self._pane.highlight(self._matches, self._match_index)
        self._say(f"Match {self._match_index + 1} of {len(self._matches)} (> next, < previous)", timeout=2)

    def step_mentions(self, library: EntityLibrary, key: str, name: str, step: int = 1) -> None:
        """Mark an entity's mentions in the article and move to the next one."""
        if not self._pane.article_id or not self._pane.body_text:
            return
        if library.get(key) is None and (found := library.find(name)) is not None:
            key = found.key
        ranges = [(m.start, m.end) for m in library.mentions(self._pane.article_id, key) if m.part == "body"]
        if not ranges:
            self._say(f"{name} is named only in the headline.", timeout=3)
            return
        if self._mentions_of != (self._pane.article_id, key):
            self._mentions_of, self._mention_index = (self._pane.article_id, key), -1
        self._mention_index = (self._mention_index + step) % len(ranges)
        self._pane.highlight(ranges, self._mention_index)
        self._say(f"{name}: mention {self._mention_index + 1} of {len(ranges)} (m: next)", timeout=2)
