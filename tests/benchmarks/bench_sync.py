"""Sync benchmark against the real tt-rss (.ci/ttrss.sh): a first sync of 10,000 articles into an
empty library (goal: 60 s on loopback) and a sync with nothing changed (goal: 1 s); then the
slower paths of the cheap look: one article marked unread on the server (the unread count
changes, so the unread set is listed), and the daily full listing (`sync now --full`).

    PYTHONPATH=. python tests/benchmarks/bench_sync.py [ARTICLES]
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from reader.store import Store
from reader.sync import service
from reader.sync.ttrss import TtrssClient
from tests.ttrsskit import start_server


def main(count: int = 10_000) -> None:
    server = start_server()
    account = server.new_account()
    started = time.monotonic()
    for start in range(0, count, 1000):
        account.add_articles([(f"g{i}", f"https://bench.example/{i}", f"Story {i}")
                              for i in range(start, min(count, start + 1000))])
    print(f"server: {count} articles stored in {time.monotonic() - started:.1f} s")
    home = Path(tempfile.mkdtemp()) / "library"
    store = Store.open(home)
    service.add_account(home, "ttrss", server.url, account.user, account.password)
    first = service.sync_now(store, account.password)
    print(f"first sync: {first.added} articles added in {first.seconds:.1f} s (goal 60 s)")
    idle = service.sync_now(store, account.password)
    print(f"nothing changed: {idle.articles} articles checked in {idle.seconds:.2f} s (goal 1 s)")
    store.mark_read([store.article_id_for_url(f"https://bench.example/{i}") for i in range(100)])
    some = service.sync_now(store, account.password)
    print(f"100 marked read here: sent {some.pushed} in {some.seconds:.2f} s")
    api = TtrssClient(server.url, account.user, account.password)
    first_id = min(int(doc["id"]) for doc in api.call("getHeadlines", feed_id=-4, view_mode="all_articles",
                                                       limit=1, order_by="date_reverse"))
    api.update([first_id], 2, 1)
    api.http.close()
    unread = service.sync_now(store, account.password)
    print(f"1 marked unread on the server: took {unread.pulled} in {unread.seconds:.2f} s")
    full = service.sync_now(store, account.password, full=True)
    print(f"full listing (sync now --full): {full.articles} articles checked in {full.seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
