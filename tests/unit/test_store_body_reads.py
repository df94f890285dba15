"""Reading an article's text never waits for a write: not another process's, not this one's."""

from __future__ import annotations

import threading

from reader.store import Store
from tests.processkit import child

#: Holds the library's write lock until told to let go.
HOLD_LOCK = """
import sys
from reader.store import Store

store = Store.open(sys.argv[1])
with store.writing():
    print("holding", flush=True)
    sys.stdin.readline()
print("done", flush=True)
"""


def test_bodies_are_read_while_another_process_holds_the_lock(home, make_draft):
    store = Store.open(home)
    store.add_articles([make_draft(i) for i in range(3)])
    articles = store.articles()
    holder = child(HOLD_LOCK, home)
    try:
        assert holder.stdout.readline().strip() == "holding"
        bodies = [store.body(article) for article in articles]
        assert sorted(b.text for b in bodies) == sorted(make_draft(i).body.text for i in range(3))
    finally:
        out, _ = holder.communicate("go\n", timeout=30)
    assert out.strip() == "done"


def test_bodies_are_read_while_this_process_is_writing(home, make_draft):
    store = Store.open(home)
    store.add_articles([make_draft(0)])
    article = store.articles()[0]
    read: list[str] = []
    writing, finished = threading.Event(), threading.Event()

    def writer() -> None:
        with store.writing():
            writing.set()
            finished.wait(30)

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        assert writing.wait(30)
        reader = threading.Thread(target=lambda: read.append(store.body(article).text))
        reader.start()
        reader.join(30)  # a body read that waited for the writer would still be waiting here
        assert read == [make_draft(0).body.text]
    finally:
        finished.set()
        thread.join()
