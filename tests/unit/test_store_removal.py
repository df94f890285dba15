"""Deleting articles from the store, and changing many articles' marks in one write."""

from __future__ import annotations

from dataclasses import replace

from reader.store import FeedUpdate, Store


def test_remove_articles_keeps_marked_ones_unless_forced(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    ids = list(store.add_articles([make_draft(i) for i in range(4)]).added)
    store.set_starred(ids[0], True)
    store.add_annotation(ids[1], 0, 7)
    store.mark_read(ids, True)

    removal = store.remove_articles([*ids, "not-an-id"])
    assert (set(removal.removed), set(removal.kept)) == ({ids[2], ids[3]}, {ids[0], ids[1]})
    assert store.article_count() == 2 and store.user.read_ids() == {ids[0], ids[1]}

    forced = store.remove_articles(ids, force=True)
    assert set(forced.removed) == {ids[0], ids[1]} and forced.kept == ()
    assert store.is_empty() and store.annotations() == [] and store.states() == (set(), {})


def test_a_fetch_leaves_out_what_was_deleted_by_guid_or_by_link(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    feed, _ = store.add_feed("https://example.com/feed.xml")
    drafts = [replace(make_draft(i), source=feed.id) for i in range(3)]
    first = store.save_fetches([FeedUpdate(feed.id, tuple(drafts))])[feed.id]
    store.remove_articles(first.added[:2])

    edited = replace(drafts[0], title="Edited")  # same guid
    moved = replace(drafts[1], guid="another-guid")  # same link
    new = replace(make_draft(9), source=feed.id)
    again = store.save_fetches([FeedUpdate(feed.id, (edited, moved, drafts[2], new))])
    assert len(again[feed.id].added) == 1 and store.article_count() == 2


def test_change_marks_writes_once_and_returns_only_what_changed(tmp_path, make_draft):
    store = Store.open(tmp_path / "lib")
    ids = list(store.add_articles([make_draft(i) for i in range(3)]).added)
    store.set_starred(ids[0], True)

    assert sorted(store.change_marks(ids, starred=True)) == sorted(ids[1:])
    assert sorted(store.change_marks(ids[:2], add_tags=["Latin America"])) == sorted(ids[:2])
    assert store.state(ids[0]).tags == ("latin-america",)
    assert sorted(store.change_marks(ids, remove_tags=["latin america"], starred=False)) == sorted(ids)
    assert store.states()[1] == {}
