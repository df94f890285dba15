"""Why a local document could not be imported: one root error, a subclass per cause."""

from __future__ import annotations

from pathlib import Path

from ..errors import BroadsheetError


class IngestError(BroadsheetError):
    """A document could not be read; the message names the file and says why."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedDocument(IngestError):
    """The file is of a kind we do not read (judged by its suffix)."""


class UnreadableDocument(IngestError):
    """The file is missing, unreadable, too large, or not UTF-8 text."""
