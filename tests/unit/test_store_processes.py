"""The store shared between processes: kill -9 mid-write, two writers at once, an app seeing changes."""

from __future__ import annotations

import random
import subprocess
import sys
import time

import pytest

from reader.store import Store
from tests.processkit import child, run_together

#: Shared by the child scripts: open the library named in argv[1] and build drafts by number.
PRELUDE = """
import sys
from datetime import datetime, timedelta, timezone
from reader.models import ArticleDraft, Block, Body
from reader.store import Store

def draft(n):
    return ArticleDraft(
        source="feed:child", guid=f"child-{n}", title=f"Child article {n}",
        body=Body(blocks=(Block("paragraph", f"Body of child article {n}."),)),
        url=f"https://child.example/{n}",
        published=datetime(2024, 1, 1, tzinfo=timezone.utc) - timedelta(days=n % 400),
    )

store = Store.open(sys.argv[1])
"""

#: Writes forever, one acknowledgement line per write, printed only after the call returned.
WRITE_FOREVER = PRELUDE + """
target = sys.argv[3]
n = int(sys.argv[2])
while True:
    kind = ("read", "tag", "add")[n % 3]
    if kind == "read":
        store.mark_read([f"r{n}"])
    elif kind == "tag":
        store.add_tags(target, [f"t{n}"])
    else:
        store.add_articles([draft(n)])
    print(kind, n, flush=True)
    n += 1
"""


def acknowledged(output: str) -> dict[str, set[int]]:
    acks: dict[str, set[int]] = {"read": set(), "tag": set(), "add": set()}
    # A line cut off by the kill was never acknowledged.
    for line in output.splitlines(keepends=True):
        if line.endswith("\n"):
            kind, n = line.split()
            acks[kind].add(int(n))
    return acks


@pytest.mark.slow
def test_every_acknowledged_write_survives_kill_9(home, make_draft):
    store = Store.open(home)
    target = store.add_articles([make_draft(0)]).added[0]
    rng = random.Random(20240328)
    expected: dict[str, set[int]] = {"read": set(), "tag": set(), "add": set()}

    for round_ in range(10):
        writer = child(WRITE_FOREVER, home, round_ * 100_000, target)
        first = writer.stdout.readline()
        assert first, "the writer died before its first write"
        time.sleep(rng.uniform(0.0, 0.3))
        writer.kill()
        rest, _ = writer.communicate()
        acks = acknowledged(first + rest)
        for kind in expected:
            expected[kind] |= acks[kind]

        after = Store.open(home)
        read_ids, marks = after.states()
        assert {f"r{n}" for n in expected["read"]} <= read_ids
        assert {f"t{n}" for n in expected["tag"]} <= set(marks[target].tags)
        titles = {a.title for a in after.articles()}
        assert {f"Child article {n}" for n in expected["add"]} <= titles
        # Whatever is listed can be opened, including an article whose write was cut short.
        for article in after.articles():
            assert after.article(article.id).title == article.title
        for n in sorted(acks["add"])[-3:]:
            assert after.body(after.resolve(_id_of(after, n))).text == f"Body of child article {n}."
        after.add_tags(target, [f"parent-{round_}"])

    assert sum(map(len, expected.values())) > 30, "the writers should have acknowledged plenty of writes"
    assert {f"parent-{r}" for r in range(10)} <= set(Store.open(home).state(target).tags)


def _id_of(store: Store, n: int) -> str:
    return next(a.id for a in store.articles() if a.title == f"Child article {n}")


#: Waits for "go" on stdin so that both writers start together, then writes its share.
WRITE_SHARE = PRELUDE + """
name, target = sys.argv[2], sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()
for n in range(200):
    store.mark_read([f"{name}-{n}"])
    if n % 4 == 0:
        store.add_tags(target, [f"{name}-tag-{n // 4}"])
print("done", flush=True)
"""


@pytest.mark.slow
def test_two_processes_writing_at_once_lose_nothing(home, make_draft):
    store = Store.open(home)
    target = store.add_articles([make_draft(0)]).added[0]
    writers = [child(WRITE_SHARE, home, name, target) for name in ("left", "right")]
    run_together(writers, timeout=60)

    after = Store.open(home)
    read_ids, marks = after.states()
    assert read_ids == {f"{name}-{n}" for name in ("left", "right") for n in range(200)}
    assert set(marks[target].tags) == {f"{name}-tag-{n}" for name in ("left", "right") for n in range(50)}
    assert after.tag_counts().total() == 100


#: One write of each kind, made while the parent's store is open.
WRITE_ONCE = PRELUDE + """
target = sys.argv[2]
store.mark_read([target])
store.set_starred(target, True)
store.add_tags(target, ["from-elsewhere"])
store.add_articles([draft(7)])
store.save_session(article=target)
"""


def test_a_running_store_sees_writes_made_by_another_process(home, make_draft):
    app = Store.open(home)
    target = app.add_articles([make_draft(0)]).added[0]
    # Warm every cache the app would hold.
    assert not app.state(target).read
    assert [a.title for a in app.newest(10)] == ["Article number 0"]
    assert app.session() == {}
    generation = app.generation()

    subprocess.run([sys.executable, "-c", WRITE_ONCE, str(home), target], check=True, timeout=30)

    assert app.generation() > generation
    state = app.state(target)
    assert state.read and state.starred and state.tags == ("from-elsewhere",)
    assert [a.title for a in app.newest(10)] == ["Article number 0", "Child article 7"]
    assert app.stats().articles == 2
    assert app.resolve(_id_of(app, 7)[:8]) == _id_of(app, 7)
    assert app.session() == {"article": target}
    # And the app's own next write builds on the other process's, not on its stale view.
    app.add_tags(target, ["mine"])
    assert Store.open(home).state(target).tags == ("from-elsewhere", "mine")


#: Rewrites the user's state as fast as it can for about a second.
CHURN = PRELUDE + """
import time
target = sys.argv[2]
print("ready", flush=True)
end = time.monotonic() + 1.0
n = 0
while time.monotonic() < end:
    store.mark_read([f"churn-{n}"])
    store.set_starred(target, n % 2 == 0)
    n += 1
print(n, flush=True)
"""


@pytest.mark.slow
def test_a_reader_never_sees_a_half_written_file(home, make_draft):
    store = Store.open(home)
    target = store.add_articles([make_draft(0)]).added[0]
    writer = child(CHURN, home, target)
    assert writer.stdout.readline().strip() == "ready"
    reads = 0
    seen = set()
    while writer.poll() is None:
        read_ids, _ = store.states()
        seen.add(len(read_ids))
        store.state(target)
        reads += 1
    out, _ = writer.communicate()
    assert writer.returncode == 0
    writes = int(out.strip())
    assert writes > 5 and reads > 5
    assert len(seen) > 1, "the reader should have watched the read set grow"
    assert len(store.states()[0]) == writes
