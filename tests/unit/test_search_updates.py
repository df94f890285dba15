"""Keeping the index in step: new, edited and removed articles, tags and notes, damage, two processes."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from dataclasses import replace

import pytest

from reader.models import Block, Body
from reader.search import IndexDamaged, Searcher, SearchIndex, documents, index_path, sync, updates
from reader.search.index import SCHEMA, translate
from reader.store import Store, StoreError


@pytest.fixture
def store(home):
    return Store.open(home)


@pytest.fixture
def index(store):
    index = SearchIndex.open(index_path(store.home))
    yield index
    index.close()


def ids(index, store, query):
    return Searcher(index, store).matching_ids(query)


def with_text(draft, text: str):
    return replace(draft, body=Body(blocks=(Block("paragraph", text),)))


def fts_is_sound(index) -> bool:
    index.connection().execute("INSERT INTO fts(fts, rank) VALUES ('integrity-check', 0)")
    return True


def test_a_new_article_is_found_as_soon_as_it_is_synced(store, index, make_draft):
    store.add_articles([make_draft(1), make_draft(2)])
    assert sync(index, store).added == 2
    [new_id] = store.add_articles([with_text(make_draft(3), "A quokka escaped the zoo")]).added
    assert ids(index, store, "quokka") == []  # not until the sync
    report = sync(index, store)
    assert (report.added, report.updated, report.removed, report.complete) == (1, 0, 0, True)
    assert ids(index, store, "quokka") == [new_id]
    assert index.count() == 3


def test_a_sync_with_nothing_to_do_changes_nothing(store, index, make_draft):
    store.add_articles([make_draft(i) for i in range(5)])
    sync(index, store)
    again = sync(index, store)
    assert (again.added, again.updated, again.removed) == (0, 0, 0)


def test_only_the_months_that_changed_are_looked_at(store, index, make_draft):
    store.add_articles([make_draft(i) for i in range(6)])  # 17 days apart: several months
    sync(index, store)
    edited = with_text(make_draft(0), "Edited")
    seen = []
    sync(index, store, progress=lambda done, total: seen.append(total))
    assert seen == []
    store.add_articles([edited])
    sync(index, store, progress=lambda done, total: seen.append(total))
    month = edited.published.strftime("%Y-%m")
    assert set(seen) == {sum(1 for a in store.articles() if a.shard == month)}


def test_an_edited_article_is_indexed_again(store, index, make_draft):
    [article_id] = store.add_articles([with_text(make_draft(1), "The wombat slept")]).added
    sync(index, store)
    store.add_articles([with_text(make_draft(1), "The platypus woke")])
    report = sync(index, store)
    assert (report.added, report.updated) == (0, 1)
    assert ids(index, store, "platypus") == [article_id]
    assert ids(index, store, "wombat") == []
    assert index.orphans() == 0 and fts_is_sound(index)


def test_a_removed_article_is_gone(store, index, make_draft):
    feed, _ = store.add_feed("https://example.com/feed.xml")
    kept, doomed = store.add_articles([
        with_text(make_draft(1, source=feed.id), "A marmot kept"),
        with_text(make_draft(2, source=feed.id), "A marmot removed"),
    ]).added
    store.set_starred(kept, True)  # starred articles survive unsubscribing
    sync(index, store)
    assert set(ids(index, store, "marmot")) == {kept, doomed}
    store.remove_feed(feed.id)
    assert sync(index, store).removed == 1
    assert ids(index, store, "marmot") == [kept]
    assert index.orphans() == 0 and fts_is_sound(index)


def test_tags_and_annotations_are_searched_as_words(store, index, make_draft):
    [article_id] = store.add_articles([make_draft(1)]).added
    sync(index, store)
    store.add_tags(article_id, ["zyzzyva"])
    with store.writing():
        store.user.annotations.put(
            "a1", {"article": article_id, "quote": "Paragraph one", "note": "remember the aardvark"}
        )
    assert sync(index, store).updated == 1
    assert ids(index, store, "zyzzyva") == [article_id]
    assert ids(index, store, "aardvark") == [article_id]
    hit = Searcher(index, store).search("aardvark").hits[0]
    assert "aardvark" in hit.snippet.text
    store.remove_tags(article_id, ["zyzzyva"])
    with store.writing():
        store.user.annotations.delete("a1")
    sync(index, store)
    assert ids(index, store, "zyzzyva OR aardvark") == []
    assert index.orphans() == 0 and fts_is_sound(index)


def test_a_note_saved_through_the_store_is_found_and_its_edit_replaces_it(store, index, make_draft):
    [article_id] = store.add_articles([make_draft(1)]).added
    sync(index, store)
    text = store.body(store.article(article_id)).text
    saved = store.add_annotation(article_id, 0, text.index(" "), note="the okapi question")
    assert sync(index, store).updated == 1
    assert ids(index, store, "okapi") == [article_id]
    store.update_annotation(saved.id, note="about a pangolin")
    sync(index, store)
    assert ids(index, store, "okapi") == [] and ids(index, store, "pangolin") == [article_id]
    assert ids(index, store, "is:annotated") == [article_id]


def test_a_cancelled_sync_keeps_what_it_did_and_the_next_one_finishes(store, index, make_draft, monkeypatch):
    monkeypatch.setattr(updates, "BATCH", 2)
    store.add_articles([make_draft(i) for i in range(8)])
    calls = []
    report = sync(index, store, cancelled=lambda: calls.append(1) or len(calls) > 2)
    assert not report.complete and 0 < index.count() < 8
    assert Searcher(index, store).search("article").total == index.count()
    assert sync(index, store).complete and index.count() == 8


def test_a_body_that_cannot_be_read_back_leaves_an_orphan_that_queries_never_see(store, index, make_draft, monkeypatch):
    [article_id] = store.add_articles([with_text(make_draft(1), "An ibex")]).added
    sync(index, store)

    def unreadable(*_):
        raise StoreError("the body file is missing")

    monkeypatch.setattr(documents, "read_body", unreadable)
    store.add_articles([with_text(make_draft(1), "An okapi")])
    monkeypatch.undo()
    sync(index, store)
    assert index.orphans() == 0  # the edit above was synced after undo: a clean delete
    monkeypatch.setattr(documents, "read_body", unreadable)
    store.add_articles([with_text(make_draft(1), "An oryx")])
    report = sync(index, store)
    monkeypatch.undo()
    assert report.updated == 1 and index.orphans() == 1
    assert ids(index, store, "okapi") == []  # its FTS row is there, its docs row is not
    assert ids(index, store, "oryx") == [article_id]
    assert Searcher(index, store).search("okapi").total == 0
    assert fts_is_sound(index)


def test_too_many_orphans_start_the_index_afresh(store, index, make_draft, monkeypatch):
    store.add_articles([make_draft(1)])
    sync(index, store)
    with index.writing() as db:
        documents.save_meta(db, "orphans", "5000")
    report = sync(index, store)
    assert report.rebuilt and report.added == 1 and index.orphans() == 0


def test_a_missing_index_is_made_again(store, make_draft):
    store.add_articles([make_draft(1)])
    path = index_path(store.home)
    first = SearchIndex.open(path)
    sync(first, store)
    first.close()
    for suffix in ("", "-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    second = SearchIndex.open(path)
    assert second.notice == "" and second.count() == 0
    assert sync(second, store).added == 1


def test_a_damaged_index_is_replaced_and_says_so(store, make_draft):
    store.add_articles([make_draft(1)])
    path = index_path(store.home)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    index = SearchIndex.open(path)
    assert "unreadable" in index.notice and "rebuilt" in index.notice
    assert sync(index, store).added == 1
    assert ids(index, store, "paragraph") != []


def test_an_index_of_another_version_is_emptied(store, make_draft):
    store.add_articles([make_draft(1)])
    path = index_path(store.home)
    index = SearchIndex.open(path)
    sync(index, store)
    index.connection().execute(f"PRAGMA user_version = {SCHEMA + 1}")
    index.close()
    again = SearchIndex.open(path)
    assert again.count() == 0 and sync(again, store).added == 1


def test_sqlite_errors_become_errors_a_user_can_act_on(tmp_path):
    damaged = sqlite3.DatabaseError("database disk image is malformed")
    damaged.sqlite_errorname = "SQLITE_CORRUPT"
    assert isinstance(translate(damaged, tmp_path / "i"), IndexDamaged)
    assert "reindex" in str(translate(damaged, tmp_path / "i"))


def test_the_store_is_indexed_read_only(store, make_draft):
    store.add_articles([make_draft(1)])
    reader = Store.open(store.home, read_only=True)
    index = SearchIndex.open(store.home / "elsewhere.sqlite3")
    assert sync(index, reader).added == 1


SYNC_IN_A_PROCESS = """
import sys
from pathlib import Path
from reader.search import SearchIndex, index_path, sync
from reader.store import Store
store = Store.open(Path(sys.argv[1]))
report = sync(SearchIndex.open(index_path(store.home), timeout=60), store)
print(report.added + report.updated)
"""


def test_two_processes_syncing_at_once_index_each_article_once(store, make_draft, monkeypatch):
    store.add_articles([with_text(make_draft(i), f"Article {i} about the kakapo") for i in range(300)])
    processes = [
        subprocess.Popen([sys.executable, "-c", SYNC_IN_A_PROCESS, str(store.home)], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    written = [int(p.communicate(timeout=120)[0]) for p in processes]
    assert all(p.returncode == 0 for p in processes)
    assert sum(written) == 300  # each article written by one of them
    index = SearchIndex.open(index_path(store.home))
    assert index.count() == 300 and len(ids(index, store, "kakapo")) == 300
    assert index.orphans() == 0 and fts_is_sound(index)


def test_an_index_missing_its_tables_is_made_again(store, make_draft):
    store.add_articles([make_draft(1)])
    path = index_path(store.home)
    index = SearchIndex.open(path)
    index.connection().execute("DROP TABLE meta")
    index.close()
    again = SearchIndex.open(path)
    assert "unreadable" in again.notice and sync(again, store).added == 1


def test_unreadable_annotations_are_a_problem_not_a_failure(store, index, make_draft):
    [article_id] = store.add_articles([make_draft(1)]).added
    (store.home / "state" / "annotations.json").write_text("{broken")
    store.user.forget_caches()
    report = sync(index, store)
    assert report.added == 1 and any("annotations.json" in p for p in report.problems)
    assert ids(index, store, "paragraph") == [article_id]


def test_syncs_leave_no_connections_behind(store, index, make_draft):
    store.add_articles([make_draft(i) for i in range(3)])
    for _ in range(3):
        sync(index, store)
    assert len(index._connections) == 1  # this thread's; the reading thread closed its own


def test_indexing_gives_way_before_each_article_and_each_write(store, index, make_draft):
    store.add_articles([make_draft(i) for i in range(7)])
    calls = []
    report = sync(index, store, give_way=lambda: calls.append(1))
    # Seven articles read, and at least one batch written.
    assert report.added == 7 and len(calls) >= 8
    assert index.count() == 7
