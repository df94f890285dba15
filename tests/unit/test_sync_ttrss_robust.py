"""Sync against a real Tiny Tiny RSS under stress: a sync killed midway loses nothing, and random
changes from two libraries and the server's API end with all three agreeing."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time

import pytest

from reader.store import Store
from reader.sync import service
from reader.sync.ttrss import TtrssClient, TtrssProvider
from tests.conftest import PROJECT_ROOT


def marks_of(store: Store) -> dict[str, tuple]:
    read_ids, marks = store.states()
    notes = {a.article: a.note for a in store.annotations() if a.is_article_note}
    out = {}
    for chunk in store.iter_articles():
        for a in chunk:
            m = marks.get(a.id)
            if not a.url.startswith("https://news.example/"):
                continue  # the seed articles a first command-line run adds
            out[a.url] = (a.id in read_ids, bool(m and m.starred), tuple(sorted(m.tags)) if m else (),
                          notes.get(a.id, ""))
    return out


def server_marks(provider) -> dict[str, tuple]:
    return {r.link: (r.marks.read, r.marks.starred, tuple(sorted(r.marks.labels)), r.marks.note)
            for r in provider.articles()}


@pytest.mark.slow
def test_ttrss_a_sync_killed_midway_loses_no_change(ttrss_server, ttrss_account, home, tmp_path):
    ttrss_account.add_articles([(f"g{i}", f"https://news.example/{i}", f"Story {i}") for i in range(300)])
    store = Store.open(home)
    service.add_account(home, "ttrss", ttrss_server.url, ttrss_account.user, ttrss_account.password)
    service.sync_now(store, ttrss_account.password)
    ids = [store.article_id_for_url(f"https://news.example/{i}") for i in range(300)]
    for i, article in enumerate(ids):
        if i % 3 == 0:
            store.set_article_note(article, f"note {i}")  # one request each: a long push to cut short
        store.set_starred(article, i % 2 == 0)
    store.mark_read(ids[::5])
    expected = marks_of(store)
    env = {**os.environ, "BROADSHEET_SYNC_PASSWORD": ttrss_account.password, "PYTHONPATH": str(PROJECT_ROOT)}
    child = subprocess.Popen([sys.executable, "-m", "reader", "--home", str(home), "sync", "now"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Killed once some of the notes are on the server but not all: really in the middle of the push.
    def notes_on_server() -> int:
        return int(ttrss_account.server.sql(
            f"select count(*) from ttrss_user_entries where owner_uid = {ttrss_account.uid} and note like 'note %'"))

    deadline = time.monotonic() + 60
    while notes_on_server() == 0 and child.poll() is None and time.monotonic() < deadline:
        pass  # each count is a psql round trip: the loop waits on the server, not on a timer
    child.send_signal(signal.SIGKILL)
    child.wait()
    pushed = notes_on_server()
    assert 0 < pushed < 100, f"the kill came {'before' if not pushed else 'after'} the push it should cut short"
    after = Store.open(home)
    assert marks_of(after) == expected
    service.sync_now(after, ttrss_account.password)
    provider = TtrssProvider(TtrssClient(ttrss_server.url, ttrss_account.user, ttrss_account.password))
    assert server_marks(provider) == expected == marks_of(after)
    assert after.journal.read()[0] == []


def killed_midway(home, password: str, account) -> int:
    """`sync now` in a child process, killed with SIGKILL once its push has reached the server
    but before it ended: the journal and the sync state must carry the rest to the next sync."""
    env = {**os.environ, "BROADSHEET_SYNC_PASSWORD": password, "PYTHONPATH": str(PROJECT_ROOT)}
    before = int(account.server.sql(f"select count(*) from ttrss_user_entries where owner_uid = {account.uid} "
                                     f"and note like 'kill %'"))
    child = subprocess.Popen([sys.executable, "-m", "reader", "--home", str(home), "sync", "now"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while child.poll() is None and time.monotonic() < deadline and int(account.server.sql(
            f"select count(*) from ttrss_user_entries where owner_uid = {account.uid} "
            f"and note like 'kill %'")) == before:
        pass  # each count is a psql round trip: the loop waits on the server, not on a timer
    child.send_signal(signal.SIGKILL)
    child.wait()
    return int(account.server.sql(f"select count(*) from ttrss_user_entries where owner_uid = {account.uid} "
                                  f"and note like 'kill %'")) - before


@pytest.mark.slow
def test_ttrss_random_changes_from_two_libraries_and_the_server_end_in_agreement(ttrss_server, ttrss_account,
                                                                                   tmp_path):
    """1,000 random operations: marks changed in two libraries and through the server's own API,
    syncs of either library in between, and one sync killed with SIGKILL in the middle of its
    push. At the end every mark agrees on all three."""
    rng = random.Random(20240328)
    ttrss_account.add_articles([(f"g{i}", f"https://news.example/{i}", f"Story {i}") for i in range(60)])
    password = ttrss_account.password
    libraries = []
    for name in ("a", "b"):
        store = Store.open(tmp_path / name)
        service.add_account(store.home, "ttrss", ttrss_server.url, ttrss_account.user, password)
        service.sync_now(store, password)
        libraries.append(store)
    api = TtrssProvider(TtrssClient(ttrss_server.url, ttrss_account.user, password))
    api.login()
    remote_ids = {r.link: r.remote_id for r in api.articles()}
    links = sorted(remote_ids)
    tags = ["alpha", "beta", "gamma"]
    for step in range(1000):
        if step == 500:
            # Many notes, one request each: a push long enough to be cut short.
            store = libraries[0]
            for i, link in enumerate(links):
                store.set_article_note(store.article_id_for_url(link), f"kill {step} {i}")
            pushed = killed_midway(store.home, password, ttrss_account)
            assert 0 < pushed < len(links), f"the kill came {'before' if not pushed else 'after'} the push"
            libraries[0] = Store.open(store.home)
            continue
        link = rng.choice(links)
        who = rng.randrange(20)
        if who < 2:
            service.sync_now(libraries[who], password, full=rng.random() < 0.1)
            continue
        field = rng.choice(["read", "starred", "tags", "note"])
        if who < 8:
            rid = remote_ids[link]
            if field == "read":
                api.set_read([rid], rng.random() < 0.5)
            elif field == "starred":
                api.set_starred([rid], rng.random() < 0.5)
            elif field == "tags":
                api.set_labels(rid, [rng.choice(tags)], [rng.choice(tags)])
            else:
                api.set_note(rid, f"server {step}")
            continue
        store = libraries[who % 2]
        article = store.article_id_for_url(link)
        if field == "read":
            store.mark_read([article], rng.random() < 0.5)
        elif field == "starred":
            store.set_starred(article, rng.random() < 0.5)
        elif field == "tags":
            store.set_tags(article, rng.sample(tags, rng.randrange(3)))
        else:
            store.set_article_note(article, f"{'ab'[who % 2]} {step}")
    for store in (*libraries, libraries[0]):
        service.sync_now(store, password)
    server = server_marks(api)
    assert marks_of(libraries[0]) == server == marks_of(libraries[1])
    assert all(store.journal.read()[0] == [] for store in libraries)
