"""Keys handled in the order they were typed, each by the widget focused once the key before it
is done.

Textual forwards each key to the focused widget as it arrives, but runs a (non-priority)
binding only when the key has bubbled back up to the app, later. Typed quickly, "/" then
"ledezma" sent the letters to the article list as commands before "/" had opened the search
box. So a key arriving while the one before it is still on its way is held, and sent on once
that one is done: it came back to the app (and its binding ran), or a widget kept it (an
input took the letter). A key is waited for at most WAIT_SECONDS, so none is ever stuck behind
a widget that swallows keys without saying so.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Awaitable, Callable

from textual import events
from textual.timer import Timer

WAIT_SECONDS = 1.0
#: How often held keys look whether the key before them is done (only while keys are held).
POLL_SECONDS = 0.005


class KeyOrder:
    """The app's typed keys, in order. The app calls ``hold`` before forwarding a typed key (and
    ``sent`` after), and ``returned`` when a key has bubbled back up to it."""

    def __init__(self, send: Callable[[events.Key], Awaitable[bool]],
                 every: Callable[[float, Callable[[], Awaitable[None]]], Timer],
                 ready: Callable[[], bool]) -> None:
        #: Sends a key as the app would; True when it went to a widget (not a priority binding).
        self._send = send
        self._every = every
        #: False while a screen just opened has not focused its widget yet (a dialog's input).
        self._ready = ready
        self._unready_since: float | None = None
        self._in_flight: events.Key | None = None
        self._since = 0.0
        self._held: deque[events.Key] = deque()
        self._poll: Timer | None = None

    @property
    def held(self) -> int:
        return len(self._held)

    def hold(self, key: events.Key) -> bool:
        """Whether to keep this typed key back; it is sent on later, in order."""
        if not self._held and not self._busy():
            return False
        self._held.append(key)
        if self._poll is None:
            self._poll = self._every(POLL_SECONDS, self.release)
        return True

    def sent(self, key: events.Key) -> None:
        """A typed key went to a widget: the next key waits for it."""
        if key.is_forwarded:
            self._in_flight, self._since = key, time.monotonic()

    def returned(self, key: events.Key) -> bool:
        """A key came back up to the app. Returns whether keys wait on it (then ``release``
        is to run once its binding has run)."""
        if key is not self._in_flight:
            return False
        self._in_flight = None
        return bool(self._held)

    async def release(self) -> None:
        """Send on the held keys, one at a time, each once the key before it is done."""
        while self._held and not self._busy() and self._screen_ready():
            key = self._held.popleft()
            if await self._send(key):
                self.sent(key)
        if not self._held and self._poll is not None:
            self._poll.stop()
            self._poll = None

    def _screen_ready(self) -> bool:
        if self._ready():
            self._unready_since = None
            return True
        now = time.monotonic()
        if self._unready_since is None:
            self._unready_since = now
        return now - self._unready_since > WAIT_SECONDS

    def _busy(self) -> bool:
        key = self._in_flight
        if key is None:
            return False
        if key._stop_propagation or time.monotonic() - self._since > WAIT_SECONDS:
            self._in_flight = None  # a widget kept it (done), or it is lost to us: go on
            return False
        return True
