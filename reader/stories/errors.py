"""Stories' exceptions: one root, a subclass for each thing a user or the app can act on."""

from __future__ import annotations

from ..errors import BroadsheetError


class StoryError(BroadsheetError):
    """Root of every error stories raise on purpose; its message is meant for the user."""


class StoryIndexBusy(StoryError):
    """Another process held the story index's write lock for longer than we would wait."""


class StoryIndexDamaged(StoryError):
    """The story index cannot be read; it is derived data, so the cure is to rebuild it."""


class NoSuchStory(StoryError):
    """A story id (or article id) that names no story."""


class BadCorrection(StoryError):
    """A correction that cannot be made (an article into its own story, a story into itself...)."""
