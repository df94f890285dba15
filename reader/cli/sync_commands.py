"""`broadsheet sync add|status|now|remove`: the library's account on a sync server."""

from __future__ import annotations

import getpass
import os
import sys
from argparse import Namespace

from ..store import Store
from ..sync import service
from ..sync import state as saved
from ..text import counted
from . import exits
from .output import print_json


def _ask() -> str:
    if not sys.stdin.isatty():
        raise exits.UsageError(f"no password: set ${service.PASSWORD_VARIABLE} or run in a terminal")
    return getpass.getpass("sync password: ")


def add(store: Store, args: Namespace) -> int:
    password = os.environ.get(service.PASSWORD_VARIABLE) or _ask()
    account = service.add_account(store.home, args.provider, args.url, args.user, password,
                                  push_feeds=args.push_feeds, no_tags=args.no_tags)
    kept = "password kept in the keyring" if account.keyring else (
        f"no keyring here, so the password is not kept: give it with ${service.PASSWORD_VARIABLE} or at the prompt")
    print(f"sync: {account.user} at {account.url} ({account.provider}); {kept}", file=sys.stderr)
    return exits.OK


def status(store: Store, args: Namespace) -> int:
    account = saved.read_account(store.home)
    state = saved.read_state(store.home)
    pending = len(store.journal.read()[0])
    conflicts = saved.read_conflicts(store.home)
    doc = {"provider": account.provider, "url": account.url, "user": account.user, "keyring": account.keyring,
           "push_feeds": account.push_feeds, "no_tags": account.no_tags,
           "last_sync": state.last_sync or None, "last_error": state.last_error or None, "pending": pending,
           "articles": len(state.articles), "conflicts": conflicts, "notices": state.notices}
    if args.json:
        print_json(doc)
        return exits.OK
    print(f"{account.provider} {account.url} as {account.user}")
    print(f"last sync: {state.last_sync or 'never'}; {counted(pending, 'change')} waiting; "
          f"{counted(len(state.articles), 'article')} linked")
    if state.last_error:
        print(f"last error: {state.last_error}")
    for notice in state.notices:
        print(f"note: {notice}")
    for c in conflicts:
        print(f"conflict {c['at']}: {c['article']} {c['field']}: kept {c['kept']} "
              f"(here {c['local']!r} at {c['local_at']}, server {c['server']!r} at {c['server_at']})")
    return exits.OK


def now(store: Store, args: Namespace) -> int:
    account = saved.read_account(store.home)
    report = service.sync_now(store, service.password_for(account, _ask if sys.stdin.isatty() else None),
                              full=args.full)
    doc = {"articles": report.articles, "added": report.added, "pushed": report.pushed, "pulled": report.pulled,
           "conflicts": len(report.conflicts), "feeds_added": report.feeds_added, "feeds_pushed": report.feeds_pushed,
           "notices": list(report.notices), "seconds": round(report.seconds, 3)}
    if args.json:
        print_json(doc)
    else:
        print(f"synced {counted(report.articles, 'article')} in {report.seconds:.1f} s: {report.added} added, "
              f"{counted(report.pushed, 'change')} sent, {report.pulled} taken, "
              f"{counted(len(report.conflicts), 'conflict')}; {counted(report.feeds_added, 'feed')} subscribed here, "
              f"{report.feeds_pushed} there", file=sys.stderr)
        for notice in report.notices:
            print(f"note: {notice}", file=sys.stderr)
    return exits.OK


def remove(store: Store, args: Namespace) -> int:
    removed = service.remove_account(store.home)
    print("sync: account removed" if removed else "sync: no account was set up", file=sys.stderr)
    return exits.OK
