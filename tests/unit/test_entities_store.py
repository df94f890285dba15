"""Entity results and corrections in the store: per-month files, stale hashes, damage, durability."""

from __future__ import annotations

import orjson
import pytest

from reader.entities import ArticleEntities, Correction, EntityLibrary, Mention, StoredEntities
from reader.models import Block, Body
from reader.store import CorruptFile, ReadOnlyStore, Store


@pytest.fixture
def store(home):
    return Store.open(home)


@pytest.fixture
def filled(store, make_draft):
    """Six articles over three months, newest first; none analysed."""
    result = store.add_articles(make_draft(i) for i in range(6))
    return store, list(result.added)


def found(article_id: str, *names: str, extractor: str = "test") -> ArticleEntities:
    mentions = tuple(Mention(name, "person", 10 * i, 10 * i + len(name)) for i, name in enumerate(names))
    return ArticleEntities(article_id, mentions, extractor)


def save(store: Store, ids: list[str], *names: str, extractor: str = "test") -> list[str]:
    items = [(store.article(i), found(i, *names, extractor=extractor), 12) for i in ids]
    return store.save_entity_results(items)


def test_results_are_saved_per_month_and_read_back(filled, home):
    store, ids = filled
    assert store.unanalysed_ids() == ids
    assert store.entity_results() == {}
    assert save(store, ids, "Ada Lovelace", "Lovelace") == ids
    results = store.entity_results()
    assert set(results) == set(ids)
    stored = results[ids[0]]
    assert isinstance(stored, StoredEntities) and stored.lead_end == 12
    assert stored.article == found(ids[0], "Ada Lovelace", "Lovelace")
    months = {store.article(i).shard for i in ids}
    assert {p.stem for p in (home / "entities").glob("*.json")} == months
    record = orjson.loads((home / "entities" / f"{store.article(ids[0]).shard}.json").read_bytes())["results"][ids[0]]
    assert record["hash"] == store.article(ids[0]).content_hash and record["lead_end"] == 12
    assert store.unanalysed_ids() == [] and store.analysed_ids() == set(ids)
    assert store.entity_results(ids[:2]).keys() == set(ids[:2])


def test_a_save_rewrites_only_the_months_it_touches(filled, home):
    store, ids = filled
    save(store, ids, "Ada Lovelace")
    before = {p.name: p.stat().st_mtime_ns for p in (home / "entities").glob("*.json")}
    save(store, ids[:1], "Grace Hopper")
    after = {p.name: p.stat().st_mtime_ns for p in (home / "entities").glob("*.json")}
    changed = {name for name in before if before[name] != after[name]}
    assert changed == {f"{store.article(ids[0]).shard}.json"}


def test_unanalysed_ids_are_newest_first_and_limited(filled):
    store, ids = filled
    save(store, [ids[1], ids[4]], "Ada Lovelace")
    assert store.unanalysed_ids() == [ids[0], ids[2], ids[3], ids[5]]
    assert store.unanalysed_ids(limit=2) == [ids[0], ids[2]]


def test_an_article_that_changed_is_analysed_again(filled, make_draft):
    store, ids = filled
    save(store, ids, "Ada Lovelace")
    edited = make_draft(0, body=Body(blocks=(Block("paragraph", "A new text about Grace Hopper."),)))
    assert store.add_articles([edited]).updated == (ids[0],)
    assert store.unanalysed_ids() == [ids[0]]
    assert ids[0] not in store.entity_results() and ids[0] not in store.analysed_ids()
    save(store, ids[:1], "Grace Hopper")
    assert store.entity_results()[ids[0]].article.mentions[0].text == "Grace Hopper"


def test_results_of_another_extractor_count_as_missing_when_asked(filled):
    store, ids = filled
    save(store, ids[:3], "Ada Lovelace", extractor="fallback")
    save(store, ids[3:], "Ada Lovelace", extractor="spacy:model-1")
    assert store.unanalysed_ids() == []
    assert store.unanalysed_ids(extractor="spacy:model-1") == ids[:3]


def test_results_for_an_article_removed_meanwhile_are_skipped(store, make_draft):
    feed, _ = store.add_feed("https://example.com/feed.xml")
    kept = store.add_articles([make_draft(0, source=feed.id)]).added[0]
    article = store.article(kept)
    store.remove_feed(feed.id)
    assert store.save_entity_results([(article, found(kept, "Ada Lovelace"), 0)]) == []
    assert store.entity_results() == {}


def test_removing_a_feed_drops_its_articles_results(store, make_draft, home):
    feed, _ = store.add_feed("https://example.com/feed.xml")
    ids = list(store.add_articles([make_draft(i, source=feed.id) for i in range(3)]).added)
    store.set_starred(ids[2], True)  # starred: kept, with its results
    save(store, ids, "Ada Lovelace")
    store.remove_feed(feed.id)
    assert set(store.entity_results()) == {ids[2]}
    on_disk = {i for p in (home / "entities").glob("*.json") for i in orjson.loads(p.read_bytes())["results"]}
    assert on_disk == {ids[2]}


def test_a_damaged_results_file_counts_as_not_analysed_and_is_reported_once(filled, home):
    store, ids = filled
    save(store, ids, "Ada Lovelace")
    month = store.article(ids[0]).shard
    (home / "entities" / f"{month}.json").write_text("{ not json")
    reopened = Store.open(home)
    in_month = [i for i in ids if reopened.article(i).shard == month]
    assert set(reopened.entity_results()) == set(ids) - set(in_month)
    assert reopened.unanalysed_ids() == in_month
    problems = reopened.entity_problems()
    assert len(problems) == 1 and f"{month}.json" in problems[0] and "analysed again" in problems[0]
    reopened.entity_results()
    assert reopened.entity_problems() == []
    # The next write for that month replaces the damaged file.
    save(reopened, in_month, "Grace Hopper")
    assert set(reopened.entity_results()) == set(ids)
    assert set(Store.open(home).entity_results()) == set(ids)


def test_a_malformed_record_is_one_article_to_analyse_again(filled, home):
    store, ids = filled
    save(store, ids, "Ada Lovelace")
    path = home / "entities" / f"{store.article(ids[0]).shard}.json"
    data = orjson.loads(path.read_bytes())
    data["results"][ids[0]] = {"hash": 5}
    path.write_bytes(orjson.dumps(data))
    reopened = Store.open(home)
    assert ids[0] not in reopened.entity_results()
    assert reopened.unanalysed_ids() == [ids[0]]


def test_another_process_sees_new_results(filled, home):
    store, ids = filled
    other = Store.open(home)
    assert other.entity_results() == {}
    save(store, ids[:1], "Ada Lovelace")
    assert set(other.entity_results()) == {ids[0]}
    save(store, ids[:1], "Grace Hopper")
    assert other.entity_results()[ids[0]].article.mentions[0].text == "Grace Hopper"


def test_corrections_are_kept_in_order_and_undone_last_first(store, home):
    assert store.entity_corrections() == [] and store.remove_last_entity_correction() is None
    first, second = Correction("rename", "Ada", "Ada Lovelace"), Correction("hide", "Lovelace")
    store.add_entity_correction(first)
    store.add_entity_correction(second)
    # Durable when the call returns: another store on the same folder reads them.
    assert Store.open(home).entity_corrections() == [first, second]
    assert (home / "state" / "entity_corrections.json").exists()
    assert store.remove_last_entity_correction() == second
    assert Store.open(home).entity_corrections() == [first]
    for number in range(11):
        store.add_entity_correction(Correction("retype", f"name {number}", "place"))
    assert [c.alias for c in store.entity_corrections()][-2:] == ["name 9", "name 10"]


def test_corrections_survive_re_extraction(filled):
    store, ids = filled
    save(store, ids, "Ada Lovelace")
    store.add_entity_correction(Correction("rename", "Ada Lovelace", "Countess Lovelace"))
    save(store, ids, "Ada Lovelace", "Lovelace")  # analysed again, by a newer extractor say
    library = EntityLibrary.build(store.entity_results(), store.entity_corrections())
    assert library.find("Lovelace").name == "Countess Lovelace"


def test_a_damaged_corrections_file_is_user_data_and_never_overwritten(store, home):
    store.add_entity_correction(Correction("hide", "Lovelace"))
    path = home / "state" / "entity_corrections.json"
    path.write_text("{ broken")
    reopened = Store.open(home)
    with pytest.raises(CorruptFile):
        reopened.entity_corrections()
    with pytest.raises(CorruptFile):
        reopened.add_entity_correction(Correction("hide", "Hopper"))
    assert path.read_text() == "{ broken"


def test_a_read_only_store_reads_results_but_refuses_to_write(filled, home):
    store, ids = filled
    save(store, ids, "Ada Lovelace")
    reader = Store.open(home, read_only=True)
    assert set(reader.entity_results()) == set(ids)
    with pytest.raises(ReadOnlyStore):
        save(reader, ids, "Grace Hopper")
    with pytest.raises(ReadOnlyStore):
        reader.add_entity_correction(Correction("hide", "Lovelace"))


def test_a_result_saved_again_replaces_the_old_one_and_leaves_the_rest(filled):
    store, ids = filled
    save(store, ids, "Ada Lovelace")
    assert store.entity_results()[ids[1]].article.mentions[0].text == "Ada Lovelace"
    save(store, ids[:1], "Grace Hopper", extractor="newer")
    results = store.entity_results()
    assert results[ids[0]].article.mentions[0].text == "Grace Hopper"
    assert {results[i].article.mentions[0].text for i in ids[1:]} == {"Ada Lovelace"}
    assert store.unanalysed_ids(extractor="newer") == ids[1:]


def test_results_another_process_wrote_in_between_are_kept_by_our_next_write(filled):
    store, ids = filled
    same_month = [i for i in ids if store.article(i).shard == store.article(ids[0]).shard]
    assert len(same_month) >= 2
    first, second = same_month[:2]
    save(store, [first], "Ada Lovelace")
    assert set(store.entity_results()) == {first}
    save(Store.open(store.home), [second], "Grace Hopper")
    save(store, [first], "Mary Somerville")
    results = store.entity_results()
    assert results[first].article.mentions[0].text == "Mary Somerville"
    assert results[second].article.mentions[0].text == "Grace Hopper"
    assert store.analysed_ids() == {first, second}
