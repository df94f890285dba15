"""The root of the feed layer's deliberate errors; each message is meant for the user."""

from __future__ import annotations

from ..errors import BroadsheetError


class FeedError(BroadsheetError):
    """A feed URL, feed document or subscription file cannot be used, and why."""
