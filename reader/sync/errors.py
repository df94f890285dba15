"""What can go wrong talking to a sync server, each a sentence the user can act on."""

from __future__ import annotations

from ..errors import BroadsheetError


class SyncError(BroadsheetError):
    """A sync that could not be done; nothing local was lost (the journal keeps every change)."""


class LoginFailed(SyncError):
    """The server refused the user name or password."""


class ApiDisabled(SyncError):
    """The account exists but has the API switched off."""


class ServerError(SyncError):
    """The server answered with something other than its API (an HTML page, an error)."""


class Unreachable(SyncError):
    """No answer, or no answer in time."""


class NotSetUp(SyncError):
    """No sync account in this library."""
