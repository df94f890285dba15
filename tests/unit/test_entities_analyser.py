"""The background analyser: a real worker process, the open article first, prompt stops, crashes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from reader.entities import EntityLibrary
from reader.entities.analyser import EntityAnalyser, analyse_now
from reader.models import Block, Body
from reader.seeds import ensure_seeded, seed_drafts
from reader.store import Store

PROJECT_ROOT = Path(__file__).resolve().parents[2]


class Events:
    """What an analyser reported, from its thread, with when."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.analysed: list[tuple[float, list[str]]] = []
        self.progress: list[tuple[int, int]] = []
        self.problems: list[str] = []
        self._changed = threading.Condition()

    def callbacks(self) -> dict:
        return {"on_analysed": self._analysed, "on_progress": self._progress, "on_problem": self._problem}

    def _analysed(self, ids: list[str]) -> None:
        with self._changed:
            self.analysed.append((time.monotonic(), list(ids)))
            self._changed.notify_all()

    def _progress(self, done: int, total: int) -> None:
        with self._changed:
            self.progress.append((done, total))
            self._changed.notify_all()

    def _problem(self, message: str) -> None:
        with self._changed:
            self.problems.append(message)
            self._changed.notify_all()

    def ids(self) -> list[str]:
        return [i for _, ids in self.analysed for i in ids]

    def wait_for(self, condition, timeout: float = 120.0) -> bool:
        with self._changed:
            return self._changed.wait_for(condition, timeout)


def wait_until(condition, timeout: float = 120.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.fixture
def seeded(home) -> Store:
    store = Store.open(home)
    ensure_seeded(store)
    return store


# With the model, in a process of its own ------------------------------------------------------

RUN_WITH_MODEL = """
import json, sys, time
from pathlib import Path
from reader.entities.analyser import EntityAnalyser, analyse_now
from reader.seeds import ensure_seeded
from reader.store import Store

store = Store.open(Path(sys.argv[1]))
ensure_seeded(store)
newest, oldest = store.unanalysed_ids()[0], store.unanalysed_ids()[-1]
analyse_now(store, [newest], use_model=False)  # the model is there: the fallback's result is redone
events = {"analysed": [], "progress": [], "problems": []}
analyser = EntityAnalyser(store, on_analysed=lambda ids: events["analysed"].append(ids),
                          on_progress=lambda d, t: events["progress"].append([d, t]),
                          on_problem=events["problems"].append)
analyser.start()
analyser.prioritise(oldest)
deadline = time.monotonic() + 300  # the model's start is slow on a loaded machine
while time.monotonic() < deadline and (analyser.done < 5 or analyser.pending):
    time.sleep(0.05)
started = time.monotonic()
# A long wait allowed: a prompt stop does not use it, one that waits for the worker would.
analyser.stop(wait=30.0)
events.update(stop=time.monotonic() - started, name=analyser.extractor_name, note=analyser.note,
              done=analyser.done, running=analyser.running, oldest=oldest, newest=newest,
              spacy_here="spacy" in sys.modules)
print(json.dumps(events))
"""


@pytest.fixture(scope="module")
def model_run(tmp_path_factory):
    home = tmp_path_factory.mktemp("model-run") / "library"
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", RUN_WITH_MODEL, str(home)], capture_output=True, text=True,
                          timeout=420, cwd=PROJECT_ROOT, env=env)
    assert done.returncode == 0, done.stderr
    return Store.open(home), json.loads(done.stdout.splitlines()[-1])


def test_the_model_runs_in_the_worker_and_never_in_the_apps_process(model_run):
    _, events = model_run
    assert events["name"].startswith("spacy:") and events["note"] == "" and events["problems"] == []
    assert events["spacy_here"] is False


def test_every_article_is_analysed_saved_and_reported(model_run):
    store, events = model_run
    assert events["done"] == 5 and events["running"] is False
    assert sorted(i for ids in events["analysed"] for i in ids) == sorted(store.analysed_ids())
    assert store.unanalysed_ids() == [] and len(store.entity_results()) == 5
    assert events["progress"][0] == [0, 4] and events["progress"][-1] == [5, 5]
    library = EntityLibrary.build(store.entity_results())
    ledezma = library.find("Ledezma")
    assert ledezma.name == "Antonio Ledezma" and ledezma.kind == "person" and len(ledezma.articles) == 5


def test_the_open_article_is_reported_first_and_alone(model_run):
    _, events = model_run
    assert events["analysed"][0] == [events["oldest"]]


def test_results_of_the_fallback_are_redone_with_the_model(model_run):
    store, events = model_run
    assert {s.article.extractor for s in store.entity_results().values()} == {events["name"]}


def test_stopping_an_idle_analyser_is_prompt(model_run):
    _, events = model_run
    # The stop allowed 30 s: one that waited for the worker would use all of it. A prompt one
    # takes well under a second, and 12 s on a machine loaded to 15 runnable processes.
    assert events["stop"] < 25.0


def many_articles(store: Store, count: int) -> list[str]:
    """``count`` articles made from the seeds, one day apart; their ids, newest first."""
    seeds = seed_drafts()
    drafts = []
    for number in range(count):
        seed = seeds[number % len(seeds)]
        drafts.append(replace(seed, source="test", guid=f"copy-{number}", url=f"https://example.com/{number}",
                              title=f"{seed.title} ({number})", published=seed.published - timedelta(days=number)))
    store.add_articles(drafts)
    return store.unanalysed_ids()


def test_the_open_article_goes_ahead_of_a_long_queue(home):
    store = Store.open(home)
    ids = many_articles(store, 200)
    events = Events()
    analyser = EntityAnalyser(store, **events.callbacks())
    analyser.start()
    try:
        # Waits are generous: the worker starts a process and loads the model, on a machine that
        # may be loaded; the order of the batches is what is checked, not their speed.
        assert events.wait_for(lambda: events.analysed, 240), events.problems
        last = ids[-1]  # the oldest: at the back of the queue
        assert last not in events.ids() and analyser.pending > 150
        analyser.prioritise(last)
        assert events.wait_for(lambda: last in events.ids(), 120)
        _, reported = next((t, batch) for t, batch in events.analysed if last in batch)
        assert reported == [last]
        assert len(events.ids()) < 100, "the open article waited behind the queue"
    finally:
        started = time.monotonic()
        analyser.stop()
        stopped = time.monotonic() - started
    assert stopped < 10.0 and not analyser.running
    reported = events.ids()
    assert len(reported) == len(set(reported)), "an article was reported twice"
    assert set(reported) <= set(store.entity_results()), "a reported result was not saved"


def test_stopping_while_the_model_loads_is_prompt(seeded):
    events = Events()
    analyser = EntityAnalyser(seeded, **events.callbacks())
    analyser.start()
    time.sleep(0.3)
    started = time.monotonic()
    analyser.stop(wait=30.0)  # were it to wait for the model, this would show
    assert time.monotonic() - started < 10.0 and not analyser.running


# Without the model: quick, for the behaviour around the worker -------------------------------


def run_fallback(store: Store, events: Events) -> EntityAnalyser:
    analyser = EntityAnalyser(store, use_model=False, batch_seconds=0.2, **events.callbacks())
    analyser.start()
    return analyser


def test_the_fallback_analyses_everything_and_says_why_without_complaining(seeded):
    events = Events()
    analyser = run_fallback(seeded, events)
    try:
        assert events.wait_for(lambda: len(events.ids()) == 5)
        assert analyser.extractor_name == "fallback" and analyser.note == "the model is switched off"
        assert events.problems == []
        assert {s.article.extractor for s in seeded.entity_results().values()} == {"fallback"}
        assert wait_until(lambda: analyser.pending == 0) and events.progress[-1] == (5, 5)
    finally:
        analyser.stop()


def test_a_changed_article_is_analysed_again_and_an_analysed_one_is_not(seeded):
    events = Events()
    analyser = run_fallback(seeded, events)
    try:
        assert events.wait_for(lambda: len(events.ids()) == 5)
        article_id = seeded.unanalysed_ids() or seeded.newest(1)[0].id
        analyser.prioritise(article_id)  # analysed already: nothing to do
        time.sleep(0.5)
        assert len(events.ids()) == 5
        draft = seed_drafts()[0]
        edited = replace(draft, body=Body(blocks=(Block("paragraph", "Grace Hopper visited Lisbon."),)))
        changed = seeded.add_articles([edited]).updated[0]
        analyser.enqueue([changed])
        assert events.wait_for(lambda: len(events.ids()) == 6)
        assert events.ids()[-1] == changed
        stored = seeded.entity_results([changed])[changed]
        assert {m.text for m in stored.article.mentions} >= {"Grace Hopper", "Lisbon"}
    finally:
        analyser.stop()


def test_a_worker_that_dies_is_restarted_once_then_the_user_is_told(seeded):
    events = Events()
    analyser = run_fallback(seeded, events)
    try:
        assert events.wait_for(lambda: len(events.ids()) == 5)
        first = analyser.worker_pid
        os.kill(first, signal.SIGKILL)
        assert wait_until(lambda: analyser.worker_pid not in (None, first) and analyser.extractor_name)
        changed = seeded.add_articles([replace(seed_drafts()[1], title="A new title")]).updated[0]
        analyser.enqueue([changed])
        assert events.wait_for(lambda: changed in events.ids()), "the restarted worker does not work"
        os.kill(analyser.worker_pid, signal.SIGKILL)
        assert wait_until(lambda: not analyser.running)
        assert len(events.problems) == 1 and "died twice" in events.problems[0]
    finally:
        analyser.stop()


def test_a_damaged_results_file_is_reported_once_and_its_articles_analysed_again(seeded, home):
    assert analyse_now(seeded, use_model=False) == 5
    month = seeded.article(seeded.newest(1)[0].id).shard
    (home / "entities" / f"{month}.json").write_text("garbage")
    store = Store.open(home)
    again = [i for i in store.unanalysed_ids()]
    assert again and all(store.article(i).shard == month for i in again)
    events = Events()
    analyser = run_fallback(store, events)
    try:
        assert events.wait_for(lambda: set(events.ids()) == set(again))
        assert len(events.problems) == 1 and f"{month}.json" in events.problems[0]
    finally:
        analyser.stop()
    assert store.unanalysed_ids() == []


def test_stop_before_start_and_twice_is_harmless(seeded):
    analyser = EntityAnalyser(seeded, on_analysed=lambda ids: None, use_model=False)
    analyser.stop()
    started = EntityAnalyser(seeded, on_analysed=lambda ids: None, use_model=False)
    started.start()
    started.stop()
    started.stop()
    assert not started.running


def test_analyse_now_does_what_is_left_in_this_process(seeded, make_draft):
    progress = []
    assert analyse_now(seeded, progress=lambda d, t: progress.append((d, t)), use_model=False, limit=2) == 2
    assert progress == [(1, 2), (2, 2)]
    assert len(seeded.unanalysed_ids()) == 3
    assert analyse_now(seeded, use_model=False) == 3
    assert analyse_now(seeded, use_model=False) == 0
    assert analyse_now(seeded, ["no-such-article"], use_model=False) == 0
