"""The analyser's worker processes: a second one for a long queue on an idle machine, given
back when the machine is wanted, and none after an idle spell (their memory released)."""

from __future__ import annotations

import threading
from dataclasses import replace

import psutil

from reader.entities.analyser import EntityAnalyser
from reader.entities.crew import Staffing, spare_cores
from reader.seeds import seed_drafts
from reader.store import Store
from tests.unit.test_entities_analyser import Events, many_articles, wait_until


class Machine:
    """Cores to spare, as a test says, and the most workers seen at once."""

    def __init__(self, spare: float) -> None:
        self.spare = spare
        self.most_seen = 0
        self.seen: set[int] = set()
        self._lock = threading.Lock()

    def __call__(self, ours: int) -> float:
        return self.spare

    def watch(self, analyser: EntityAnalyser) -> None:
        pids = analyser.worker_pids
        with self._lock:
            self.most_seen = max(self.most_seen, len(pids))
            self.seen.update(pids)


def run(store: Store, machine: Machine, events: Events, **rules) -> EntityAnalyser:
    staffing = Staffing(**{"most": 2, "spare": machine, "queue_per_extra": 5, "settle_seconds": 0.0, **rules})
    holder: list[EntityAnalyser] = []
    callbacks = events.callbacks()
    analysed = callbacks["on_analysed"]

    def on_analysed(ids: list[str]) -> None:  # before the test hears of them
        if holder:
            machine.watch(holder[0])
        analysed(ids)

    analyser = EntityAnalyser(store, use_model=False, batch_seconds=0.2, staffing=staffing,
                              **{**callbacks, "on_analysed": on_analysed})
    holder.append(analyser)
    analyser.start()
    return analyser


def alive(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def assert_each_analysed_once(store: Store, events: Events, ids: list[str]) -> None:
    reported = events.ids()
    assert len(reported) == len(set(reported)), "an article was reported twice"
    assert set(reported) == set(ids) and store.unanalysed_ids() == []


def analyse_a_long_queue(home, spare: float, **rules) -> Machine:
    """Sixty articles analysed to the end on a machine with ``spare`` cores; each exactly once."""
    store = Store.open(home)
    ids = many_articles(store, 60)
    events, machine = Events(), Machine(spare=spare)
    analyser = run(store, machine, events, **rules)
    try:
        assert events.wait_for(lambda: set(events.ids()) == set(ids), 240), events.problems
    finally:
        analyser.stop()
    assert_each_analysed_once(store, events, ids)
    assert events.problems == []
    return machine


def test_a_long_queue_on_an_idle_machine_gets_a_second_worker(home):
    machine = analyse_a_long_queue(home, spare=1.0)
    assert machine.most_seen == 2 and len(machine.seen) == 2


def test_a_long_queue_on_an_idle_machine_starts_two_workers_at_once(home):
    # Never settled, so only a start with two can show two: the load average has none of
    # ours in it before the first starts, and a long wait would leave a free core idle.
    machine = analyse_a_long_queue(home, spare=2.0, settle_seconds=3600.0)
    assert machine.most_seen == 2


def test_a_machine_with_one_core_to_spare_starts_one_worker(home):
    machine = analyse_a_long_queue(home, spare=1.0, settle_seconds=3600.0)
    assert machine.most_seen == 1


def test_a_busy_machine_keeps_one_worker(home):
    machine = analyse_a_long_queue(home, spare=0.0)
    assert machine.most_seen == 1


def test_the_second_worker_is_given_back_when_others_want_the_machine(home):
    store = Store.open(home)
    ids = many_articles(store, 100)
    events, machine = Events(), Machine(spare=1.0)
    analyser = run(store, machine, events)
    try:
        assert wait_until(lambda: len(analyser.worker_pids) == 2, 60)
        first, second = analyser.worker_pids
        machine.spare = -1.0  # another program started working
        assert wait_until(lambda: analyser.worker_pids == [first], 60)
        assert wait_until(lambda: not alive(second), 30), "the worker given back still runs"
        assert events.wait_for(lambda: set(events.ids()) == set(ids), 240), events.problems
    finally:
        analyser.stop()
    assert_each_analysed_once(store, events, ids)


def test_after_an_idle_spell_no_worker_is_left_and_new_work_brings_one_back(home):
    store = Store.open(home)
    ids = many_articles(store, 6)
    events, machine = Events(), Machine(spare=0.0)
    analyser = run(store, machine, events, idle_seconds=0.5)
    try:
        assert events.wait_for(lambda: set(events.ids()) == set(ids), 240), events.problems
        first = analyser.worker_pid
        assert wait_until(lambda: analyser.worker_pids == [], 30), "the idle worker kept its memory"
        assert first is not None and wait_until(lambda: not alive(first), 30)
        assert analyser.running
        seed = seed_drafts()[0]  # the first of many_articles' copies, retitled
        again = replace(seed, source="test", guid="copy-0", url="https://example.com/0", title="A changed title")
        [changed] = store.add_articles([again]).updated
        analyser.enqueue([changed])
        assert events.wait_for(lambda: events.ids().count(changed) == 2, 240), events.problems
        assert len(machine.seen) == 2 and first in machine.seen, "no new worker took the new work"
    finally:
        analyser.stop()
    assert not analyser.running


def test_spare_cores_counts_our_own_workers_out_of_the_load():
    # Whatever the machine does, a worker more of ours leaves at most one core fewer.
    assert spare_cores(1) <= spare_cores(0) + 0.01
    assert spare_cores(0) <= (psutil.cpu_count() or 1)
