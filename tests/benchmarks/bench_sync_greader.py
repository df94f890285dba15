"""Sync benchmark against the in-process Google Reader API server (tests/greaderkit.py): a first
sync of 10,000 items into an empty library (goal: 60 s on loopback, as for tt-rss) and a sync with
nothing changed (goal: 1 s).

    PYTHONPATH=. python tests/benchmarks/bench_sync_greader.py [ITEMS]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from reader.store import Store
from reader.sync import service
from tests.greaderkit import FakeGreader


def main(count: int = 10_000) -> None:
    with FakeGreader() as server:
        for i in range(count):
            item = server.add_item(f"https://bench.example/{i}", f"Story {i}")
            item.read, item.starred = i % 2 == 0, i % 10 == 0
            if i % 20 == 0:
                item.labels.add("economy")
        home = Path(tempfile.mkdtemp()) / "library"
        store = Store.open(home)
        service.add_account(home, "greader", server.url, server.user, server.password)
        first = service.sync_now(store, server.password)
        print(f"first sync: {first.added} items added in {first.seconds:.1f} s (goal 60 s), "
              f"{len(server.log)} requests")
        requests = len(server.log)
        idle = service.sync_now(store, server.password)
        print(f"nothing changed: {idle.articles} items checked in {idle.seconds:.2f} s (goal 1 s), "
              f"{len(server.log) - requests} requests")
        store.mark_read([store.article_id_for_url(f"https://bench.example/{i}") for i in range(1, 200, 2)])
        some = service.sync_now(store, server.password)
        print(f"100 marked read here: sent {some.pushed} in {some.seconds:.2f} s")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 10_000)
