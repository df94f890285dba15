"""Setting up, running and removing the library's sync account: the password from the
environment, the platform keyring or a prompt, never from a file."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from ..store import Store
from . import state as saved
from .engine import Sync, SyncReport
from .errors import SyncError
from .feeds import exchange
from .greader import GreaderClient, GreaderProvider
from .http import BoundedHttp
from .provider import Capabilities, SyncProvider
from .ttrss import TtrssClient, TtrssProvider

PASSWORD_VARIABLE = "BROADSHEET_SYNC_PASSWORD"
PROVIDERS = ("ttrss", "greader")
_KEYRING_SERVICE = "broadsheet-sync"


def _keyring_set(account: saved.Account, password: str) -> bool:
    try:
        import keyring
        from keyring.backends.fail import Keyring as NoKeyring

        if isinstance(keyring.get_keyring(), NoKeyring):
            return False
        keyring.set_password(_KEYRING_SERVICE, f"{account.user}@{account.url}", password)
        return True
    except Exception:  # noqa: BLE001 - any keyring failure means "not kept there", never a crash
        return False


def _keyring_get(account: saved.Account) -> str | None:
    try:
        import keyring

        return keyring.get_password(_KEYRING_SERVICE, f"{account.user}@{account.url}")
    except Exception:  # noqa: BLE001
        return None


def password_for(account: saved.Account, ask: Callable[[], str] | None) -> str:
    found = os.environ.get(PASSWORD_VARIABLE) or (_keyring_get(account) if account.keyring else None)
    if found:
        return found
    if ask is None:
        raise SyncError(f"no password for {account.user} at {account.url}: set ${PASSWORD_VARIABLE} "
                        "(no keyring holds it)")
    return ask()


def provider_for(account: saved.Account, password: str, http: BoundedHttp | None = None) -> SyncProvider:
    if account.provider == "ttrss":
        return TtrssProvider(TtrssClient(account.url, account.user, password, http))
    if account.provider == "greader":
        held = Capabilities(holds_tags=not account.no_tags, holds_notes=False)
        return GreaderProvider(GreaderClient(account.url, account.user, password, http), held)
    raise SyncError(f"unknown sync service {account.provider!r} (known: {', '.join(PROVIDERS)})")


def add_account(home: Path, provider: str, url: str, user: str, password: str, *,
                push_feeds: bool = False, no_tags: bool = False) -> saved.Account:
    """Check the credentials with a login, then keep the account (and the password in the keyring
    when there is one)."""
    account = saved.Account(provider, url, user, no_tags=no_tags)
    client = provider_for(account, password)
    try:
        client.login()
    finally:
        client.close()
    account = saved.Account(provider, url, user, keyring=_keyring_set(account, password), push_feeds=push_feeds,
                            no_tags=no_tags)
    saved.write_account(home, account)
    return account


def sync_now(store: Store, password: str, http: BoundedHttp | None = None, *, full: bool = False,
             connect: Callable[[saved.Account, str], SyncProvider] | None = None) -> SyncReport:
    """One sync of the library's account. ``full``: list every article's marks even if a full
    listing is not due (one is, daily). ``connect`` builds the provider (the app's tests give an
    in-process one), else the account's own service is used."""
    account = saved.read_account(store.home)
    provider = connect(account, password) if connect is not None else provider_for(account, password, http)
    try:
        report = Sync(store, provider, full=full).run()
        # After the articles, with the same login: the marks are what a sync is first for.
        state = saved.read_state(store.home)
        feeds = exchange(store, provider, state, push=account.push_feeds)
        state.notices = list(dict.fromkeys([*state.notices, *feeds.notices]))[-20:]
        with store.writing():
            saved.write_state(store.home, state)
        return replace(report, feeds_added=feeds.added, feeds_pushed=feeds.pushed,
                       notices=report.notices + feeds.notices)
    except SyncError as error:
        state = saved.read_state(store.home)
        state.last_error = str(error)
        with store.writing():
            saved.write_state(store.home, state)
        raise
    finally:
        provider.close()


def remove_account(home: Path) -> bool:
    folder = saved.folder(home)
    if not folder.exists():
        return False
    shutil.rmtree(folder)
    return True
