"""Annotations shared between processes: a writer killed with -9, and two writers at once."""

from __future__ import annotations

import time

import pytest

from reader.store import Store
from tests.processkit import child, run_together

#: Open the library named in argv[1]; annotate the article in argv[2] by character ranges.
PRELUDE = """
import sys
from reader.store import Store
store = Store.open(sys.argv[1])
article = sys.argv[2]
text = store.body(article).text
"""

#: Saves annotations forever, printing each id only once the call returned (it is durable then).
SAVE_FOREVER = PRELUDE + """
n = int(sys.argv[3])
while True:
    saved = store.add_annotation(article, 0, 7, note=f"note {n}", tags=[f"t{n % 5}"], text=text)
    print(saved.id, flush=True)
    n += 1
"""

#: Waits for "go" so that both writers start together, then adds its share.
SAVE_SHARE = PRELUDE + """
name = sys.argv[3]
print("ready", flush=True)
sys.stdin.readline()
for n in range(int(sys.argv[4])):
    store.add_annotation(article, 0, 7, note=f"{name} {n}", text=text)
print("done", flush=True)
"""


@pytest.mark.slow
def test_every_annotation_reported_saved_survives_kill_9(home, make_draft):
    store = Store.open(home)
    article = store.add_articles([make_draft(1)]).added[0]
    acknowledged: set[str] = set()
    for round_ in range(6):
        writer = child(SAVE_FOREVER, home, article, round_ * 100_000)
        first = writer.stdout.readline()
        assert first, "the writer died before its first save"
        time.sleep(0.05 + 0.05 * round_)
        writer.kill()
        rest, _ = writer.communicate()
        # A line cut off by the kill was never acknowledged.
        acknowledged |= {line.strip() for line in (first + rest).splitlines(keepends=True) if line.endswith("\n")}

        after = Store.open(home)
        stored = {a.id for a in after.annotations()}
        assert acknowledged <= stored
        assert all(
            a.quote == "Heading" and a.note.startswith("note ") for a in after.annotations() if not a.is_article_note
        )
        # The store still takes writes after the kill.
        after.set_article_note(article, f"after round {round_}")
    assert len(acknowledged) > 20, "the writer should have saved plenty of annotations"
    assert Store.open(home).article_note(article).note == "after round 5"


@pytest.mark.slow
def test_two_processes_annotating_at_once_lose_nothing(home, make_draft):
    store = Store.open(home)
    article = store.add_articles([make_draft(1)]).added[0]
    each = 60
    writers = [child(SAVE_SHARE, home, article, name, each) for name in ("left", "right")]
    run_together(writers, timeout=120)
    notes = {a.note for a in Store.open(home).annotations()}
    assert notes == {f"{name} {n}" for name in ("left", "right") for n in range(each)}
