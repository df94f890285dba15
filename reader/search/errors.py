"""Search's exceptions: one root, a subclass for each thing a user or the app can act on."""

from __future__ import annotations

import unicodedata

from ..errors import BroadsheetError


class SearchError(BroadsheetError):
    """Root of every error search raises on purpose; its message is meant for the user."""


class QueryError(SearchError):
    """A query that cannot be parsed: what is wrong, and where (0-based, in characters)."""

    def __init__(self, message: str, position: int, query: str) -> None:
        self.message = message
        self.position = max(0, min(position, len(query)))
        self.query = query
        super().__init__(f"{message} (column {self.position + 1})")

    def caret_lines(self) -> tuple[str, str]:
        """The query on one line and a caret under the offending character on the next."""
        # One character for one, so the caret stays in place: spaces for line breaks and tabs,
        # "?" for control characters a terminal would act on.
        shown = "".join(" " if c.isspace() else c if c.isprintable() else "?" for c in self.query)
        # Wide characters take two terminal cells, so the caret is placed by cells, not characters.
        cells = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in shown[: self.position])
        return shown, " " * cells + "^"


class IndexBusy(SearchError):
    """Another process held the index's write lock for longer than we were willing to wait."""


class IndexDamaged(SearchError):
    """The index file cannot be read; it is derived data, so the cure is to rebuild it."""


class ViewError(SearchError):
    """A saved view cannot be added, renamed or found."""
