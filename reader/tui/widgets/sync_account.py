"""The sync account on the feeds screen: where it syncs to, when it last did, and what went wrong."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from ...ingest.sanitize import clean_line
from ..background.syncing import SyncStatus


class SyncAccount(Static):
    """Follows the app's ``sync_state``; hidden while no account is set up."""

    def on_mount(self) -> None:
        self.watch(self.app, "sync_state", self.show)

    def show(self, status: SyncStatus) -> None:
        account = status.account
        self.display = account is not None
        if account is None:
            return
        text = Text()
        text.append("sync: ", style="bold")
        text.append(clean_line(f"{account.user} at {account.url} ({account.provider})"))
        if status.running:
            when = "syncing now…"
        elif status.last_sync is not None:
            when = f"last sync {status.last_sync.astimezone():%d %b %H:%M}"
        else:
            when = "never synced"
        text.append(f" · {when} · Y syncs now", style="dim")
        if status.last_error:
            label = "not syncing" if status.no_password else "last error"
            text.append(f"\n{label}: {clean_line(status.last_error)}", style="red")
        self.update(text)
