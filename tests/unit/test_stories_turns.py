"""Placings take turns: two processes placing one library at once place each article once, and a
fetch that leaves placing to a process of its own has every article in a story by the time a
story command lists them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from reader.store import Store
from reader.stories import StoryIndex, detached, index_path, sync
from reader.stories.turn import placing_turn
from tests.conftest import BASE_DATE, PROJECT_ROOT, draft
from tests.feedkit import Item, cli_runner, rss

# Opens the desk first (so making the index is not what serialises them), then waits for "go".
_PLACER = """
import json, sys
from pathlib import Path
from reader.store import Store
from reader.stories.desk import StoryDesk
desk = StoryDesk.open(Store.open(Path(sys.argv[1])))
sys.stdin.readline()
print(json.dumps({"placed": desk.update().placed}))
"""


def _stored(home: Path, count: int) -> Store:
    store = Store.open(home)
    # One month of similar headlines: every article is new to both placers, and they group.
    store.add_articles(draft(i, title=f"Harbour council votes on the plan, day {i % 7}", outlet=f"Outlet {i % 5}",
                             published=BASE_DATE - timedelta(minutes=7 * i)) for i in range(count))
    return store


@pytest.mark.slow
def test_two_processes_placing_at_once_place_each_article_once(home: Path) -> None:
    count = 400
    _stored(home, count)
    placers = [subprocess.Popen([sys.executable, "-c", _PLACER, str(home)], cwd=PROJECT_ROOT, stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for placer in placers:
        assert placer.stdin is not None
        placer.stdin.write("go\n")
        placer.stdin.flush()
    results = [placer.communicate(timeout=300) for placer in placers]
    assert [placer.returncode for placer in placers] == [0, 0], [err for _, err in results]

    placed = [json.loads(out)["placed"] for out, _ in results]
    assert sum(placed) == count, placed
    index = StoryIndex.open(index_path(home))
    assert index.count() == count
    # Each placing counts an article's words once: placed twice, the library would seem twice its size.
    assert index.doc_freq()[1] == count
    assert sum(row.size for row in index.stories().values()) == count


def test_a_fetch_leaves_placing_to_a_process_and_story_commands_see_it_done(capsys, monkeypatch, feed_server,
                                                                           home: Path) -> None:
    cli = cli_runner(capsys, monkeypatch)
    started: list[int | None] = []
    real = detached.place_detached
    monkeypatch.setattr(detached, "place_detached", lambda home: started.append(real(home)) or started[-1])
    items = [Item(f"h{n}", f"Harbour council votes on the plan, part {n}") for n in range(12)]
    cli("feeds", "add", feed_server.route("/harbour.xml", body=rss("Harbour News", *items)), "--no-check")
    run = cli("fetch", "--json")
    assert run.code == 0 and run.json()["added"] == 12

    listed = cli("stories", "--all", "--json").json()
    in_stories = [article for story in listed for article in story["articles"]]
    stored = [a["id"] for a in cli("list", "--json").json()]
    assert sorted(in_stories) == sorted(stored)

    [pid] = started
    assert pid is not None, "the fetch placed in-process"
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert (index_path(home).parent / detached.LOG).read_text() == ""
    assert StoryIndex.open(index_path(home)).count() == len(stored)



def test_a_placing_waiting_its_turn_says_for_whom_and_stops_when_cancelled(home: Path) -> None:
    store = _stored(home, 3)
    index = StoryIndex.open(index_path(home))
    told: list[str] = []
    with placing_turn(index_path(home).parent):  # another placing holds it
        report = sync(index, store, cancelled=lambda: bool(told), waiting=told.append)
    assert told == [f"pid {os.getpid()}"]
    assert not report.complete and report.placed == 0 and index.count() == 0
    assert sync(index, store).placed == 3  # its turn come, it places them all
