"""The one root of broadsheet's own errors: what the command line and the app catch as expected.

Each package raises its own subclass (StoreError, FeedError, SearchError, AnnotationError,
IngestError, the entity model's ModelUnavailable...), always with a message a user can act on.
Anything else that escapes is a bug, and is reported as one.
"""

from __future__ import annotations


class BroadsheetError(Exception):
    """An expected failure; ``str(error)`` is a sentence for the user."""
