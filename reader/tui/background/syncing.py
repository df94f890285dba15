"""Syncing with the library's sync account for the app (at start, every sync_minutes, on Y): in a
thread worker that reports by message; the header and the feeds screen show what it reported."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from textual.dom import DOMNode
from textual.message import Message

from ...ingest.sanitize import clean_line
from ...store import Store, StoreError
from ...sync import state as saved
from ...sync.errors import NotSetUp, SyncError
from ...text import counted
from ..messages import Notice
from ..workers import run_in_thread

# The sync clients (and httpx) load on the sync's thread, with the first sync.
if TYPE_CHECKING:
    from ...sync.engine import SyncReport
    from ...sync.provider import SyncProvider
    from ..screens.main import MainScreen
    from .indexing import Indexing


@dataclass(frozen=True)
class SyncStatus:
    """What the app knows of the sync account: None when no account is set up."""

    account: saved.Account | None = None
    running: bool = False
    last_sync: datetime | None = None
    last_error: str = ""
    #: The password is neither in $BROADSHEET_SYNC_PASSWORD nor in the keyring: no sync is tried.
    no_password: bool = False

    @property
    def header(self) -> str:
        """The header's part: "" without an account, else what the last (or this) sync did."""
        if self.account is None:
            return ""
        if self.running:
            return "syncing…"
        if self.no_password:
            return "not synced: no password (F)"
        if self.last_error:
            return "sync failed (F)"
        return f"synced {self.last_sync.astimezone():%H:%M}" if self.last_sync else ""


class Syncing:
    """One sync at a time. Everything that touches the disk or the network (the account, the
    keyring, the server) happens in the worker; the UI thread only decides what to say."""

    @dataclass
    class Started(Message):
        status: SyncStatus

    @dataclass
    class Finished(Message):
        status: SyncStatus
        report: SyncReport | None
        #: Y asked for it: say how it went, even when it went as before.
        asked: bool
        #: Why nothing could be synced when no account is set up (said only when asked).
        reason: str = ""

    @dataclass
    class Looked(Message):
        """The account and its last sync as the files say (another process may have synced)."""

        status: SyncStatus

    def __init__(self, store: Store, app: DOMNode, *, connect: Callable[[saved.Account, str], SyncProvider],
                 every: float, clock: Callable[[], datetime], writable: Callable[[], bool],
                 pulled: Callable[[], None]) -> None:
        self._store = store
        self._app = app
        self._connect = connect
        self._every = every
        self._clock = clock
        self._writable = writable
        self._pulled = pulled
        self._running = False
        self._started = False
        #: The last failure told in a notification: the same one again is shown only in the header.
        self._told = ""

    @property
    def running(self) -> bool:
        """A sync has started and its end has not been reported yet."""
        return self._running

    def start(self) -> None:
        """The library is loaded: sync now, and then every ``every`` seconds (0: only on Y)."""
        if self._started:
            return
        self._started = True
        self.sync(asked=False)
        if self._every:
            self._app.set_interval(self._every, lambda: self.sync(asked=False), name="auto-sync")

    def sync(self, *, asked: bool) -> str:
        """Start a sync; the reason it did not start, or ""."""
        if self._running:
            return "A sync is already running."
        if not self._writable():
            return "The library is read-only: nothing can be synced."
        self._running = True
        run_in_thread(self._app, lambda: self._run(asked), group="sync.run")
        return ""

    def look(self) -> None:
        """Read the account and its last sync again, for a screen that shows them."""
        run_in_thread(self._app, lambda: self._app.post_message(self.Looked(self._read()[0])), group="sync.look")

    # In the worker ------------------------------------------------------------------------------

    def _read(self) -> tuple[SyncStatus, str]:
        home = self._store.home
        try:
            account = saved.read_account(home)
        except NotSetUp as error:
            return SyncStatus(), str(error)
        except (OSError, ValueError, KeyError, TypeError) as error:
            return SyncStatus(), f"the sync account cannot be read ({error})"
        try:
            state = saved.read_state(home)
        except (OSError, ValueError, TypeError) as error:
            return SyncStatus(account, last_error=f"the sync state cannot be read ({error})"), ""
        return SyncStatus(account, last_sync=_parsed(state.last_sync), last_error=clean_line(state.last_error)), ""

    def _run(self, asked: bool) -> None:
        post = self._app.post_message
        status, reason = self._read()
        if status.account is None:
            post(self.Finished(status, None, asked, reason))
            return
        from ...sync.service import password_for, sync_now

        try:
            password = password_for(status.account, None)
        except SyncError:
            post(self.Finished(replace(status, no_password=True, last_error=_no_password(status.account)), None, asked))
            return
        post(self.Started(replace(status, running=True)))
        try:
            report = sync_now(self._store, password, connect=self._connect)
        except (SyncError, StoreError) as error:
            # The server's words may be in it: one plain line, whatever it sent.
            problem = clean_line(str(error)) or type(error).__name__
            post(self.Finished(replace(status, last_error=problem), None, asked))
            return
        post(self.Finished(replace(status, last_sync=self._clock(), last_error=""), report, asked))

    # On the UI thread ---------------------------------------------------------------------------

    def reported(self, message: Started | Finished | Looked, shown: SyncStatus) -> SyncStatus:
        """What a message changes in the status shown (``shown`` now); says what needs saying."""
        if isinstance(message, self.Looked):
            status = message.status
            if shown.no_password and status.account == shown.account:
                # The files do not know the password is missing; the last try here does.
                status = replace(status, no_password=True, last_error=shown.last_error)
            return replace(status, running=True) if self._running else status
        if isinstance(message, self.Started):
            return message.status
        self._running = False
        status, report = message.status, message.report
        if status.account is None:
            if message.asked:
                self._say(f"Not synced: {message.reason}.", "warning")
        elif status.last_error:
            if message.asked or status.last_error != self._told:
                self._told = status.last_error
                self._say(_failure(status), "warning" if status.no_password else "error")
        elif report is not None:
            self._told = ""
            if message.asked:
                self._say(_summary(report), "warning" if report.conflicts else "information")
            elif report.added:
                self._say(f"The sync added {counted(report.added, 'article')} from the server.", "information")
            if report.pulled or report.added:
                self._pulled()
        return status

    def _say(self, text: str, severity: str) -> None:
        self._app.post_message(Notice(text, severity=severity, title="Sync",
                                      timeout=12 if severity == "error" else 6))


def _parsed(when: str) -> datetime | None:
    try:
        return datetime.fromisoformat(when) if when else None
    except ValueError:
        return None


def _no_password(account: saved.Account) -> str:
    from ...sync.service import PASSWORD_VARIABLE

    return (f"no password for {account.user} at {account.url}. Start broadsheet with ${PASSWORD_VARIABLE} set, "
            "or keep the password in the keyring: `broadsheet sync add` again where a keyring is available")


def _failure(status: SyncStatus) -> str:
    if status.no_password:
        return f"Not syncing: {status.last_error}."
    return f"The sync failed: {status.last_error}. The app goes on; your changes are kept for the next sync."


def _summary(report: SyncReport) -> str:
    text = (f"Synced {counted(report.articles, 'article')}: {counted(report.pulled, 'change')} taken, "
            f"{report.pushed:,} sent, {report.added:,} added.")
    if report.conflicts:
        text += f" {counted(len(report.conflicts), 'conflict')} (`broadsheet sync status` lists them)."
    return text + "".join(f"\n{clean_line(notice)}" for notice in report.notices)


def show_synced(main: MainScreen, indexing: Indexing) -> None:
    """A sync changed marks or added articles in this process, which the store's watch for other
    processes' writes does not see: read the library again, and the open article's note."""
    main.feed.check_now()
    indexing.update()  # tags and notes are searchable
    if main.current is not None:
        main.annotator.load(main.current.id)
