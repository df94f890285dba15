"""A store that keeps few months parsed (as the app's does) answers as one that keeps them all."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from reader.models import Block, Body
from reader.models.entities import ArticleEntities, Mention
from reader.store import Store


def spread(make_draft, count: int = 12):
    """Drafts a month apart, so that each is in a month of its own."""
    start = datetime(2025, 1, 15, tzinfo=UTC)
    return [make_draft(i, published=start + timedelta(days=31 * i)) for i in range(count)]


def test_few_months_held_give_the_same_articles_and_results(home, make_draft):
    ids = list(Store.open(home).add_articles(spread(make_draft)).added)
    store = Store.open(home)
    store.hold_months(2)
    assert len(store.months()) == 12
    assert [a.id for a in store.articles()] == [a.id for a in Store.open(home).articles()]
    # Ids in no order, each from another month: every one is found, however few months are held.
    shuffled = ids[::3] + ids[1::3] + ids[2::3]
    assert {i: a.title for i, a in store.articles_by_id(shuffled).items()} == {
        i: store.article(i).title for i in ids}
    items = [(store.article(i), ArticleEntities(i, (Mention("Ada Lovelace", "person", 0, 12),), "test"), 5)
             for i in shuffled]
    assert sorted(store.save_entity_results(items)) == sorted(ids)
    assert store.entity_results(shuffled).keys() == set(ids)
    assert store.analysed_ids() == set(ids) and store.unanalysed_ids() == []
    assert len([db for db in store.library.months.opened.values() if db.storage.parsed_signature]) <= 2
    assert store.library._index is None, "the id list told each id's month"


def test_an_edit_in_a_month_let_go_is_seen(home, make_draft):
    drafts = spread(make_draft, 4)
    ids = list(Store.open(home).add_articles(drafts).added)
    store = Store.open(home)
    store.hold_months(1)
    items = [(store.article(i), ArticleEntities(i, (), "test"), 0) for i in ids]
    store.save_entity_results(items)
    assert store.analysed_ids() == set(ids)
    edited = make_draft(0, published=drafts[0].published, body=Body(blocks=(Block("paragraph", "New words."),)))
    assert Store.open(home).add_articles([edited]).updated == (ids[0],)
    store.changed_elsewhere()
    assert store.analysed_ids() == set(ids[1:]), "the edited article's hash is read again"
    assert store.unanalysed_ids() == [ids[0]]


def test_month_sizes_from_the_id_list_match_the_index(home, make_draft):
    Store.open(home).add_articles(spread(make_draft, 5) + [make_draft(20 + i) for i in range(3)])
    fresh = Store.open(home)
    from_list = fresh.month_sizes()
    assert fresh.library._index is None
    fresh.library.index()
    assert from_list == fresh.month_sizes() and sum(from_list.values()) == 8
