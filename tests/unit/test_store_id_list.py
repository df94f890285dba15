"""The sorted id list beside the index: a fresh store resolves ids with it, and never trusts a stale one."""

from __future__ import annotations

from collections import Counter

import orjson
import pytest

from reader.store import AmbiguousArticle, Store, UnknownArticle
from reader.store.files import write_atomically
from reader.store.id_list import read_id_list
from reader.store.library_index import signature


@pytest.fixture
def ids(home, make_draft):
    return list(Store.open(home).add_articles(make_draft(i) for i in range(40)).added)


def fresh(home, **options) -> Store:
    """A store that has not read the index: what a command opens."""
    store = Store.open(home, **options)
    assert store.library._index is None
    return store


def uses_id_list(store: Store) -> bool:
    return store.library._id_list() is not None


def test_a_fresh_store_resolves_ids_and_prefixes_from_the_id_list(home, ids):
    store = fresh(home)
    assert uses_id_list(store)
    for article_id in ids:
        length = next(n for n in range(1, len(article_id) + 1) if sum(i.startswith(article_id[:n]) for i in ids) == 1)
        assert store.resolve(f" {article_id[:length].upper()}") == article_id
        assert store.resolve(article_id) == article_id
    assert store.article(ids[3]).title == "Article number 3"
    assert store.article_count() == 40
    assert store.stats().articles == 40 and store.stats().unread == 40
    assert store.library._index is None, "nothing above needed the whole index"


def test_ambiguous_and_unknown_prefixes_are_reported_as_with_the_index(home, ids):
    prefix, count = Counter(i[0] for i in ids).most_common(1)[0]
    store = fresh(home)
    with pytest.raises(AmbiguousArticle) as caught:
        store.resolve(prefix)
    assert sorted(caught.value.candidates) == sorted(i for i in ids if i.startswith(prefix))
    for ref in ("zzzz", "", ids[0] + "0"):
        with pytest.raises(UnknownArticle):
            store.resolve(ref)
    with pytest.raises(UnknownArticle):
        store.article("ffffffffff" if "ffffffffff" not in ids else "0000000000")


def test_the_id_list_is_rewritten_with_the_index(home, ids, make_draft):
    store = fresh(home)
    added = store.add_articles([make_draft(100)]).added[0]
    removed = store.remove_articles([ids[0]]).removed
    assert removed == (ids[0],)
    again = fresh(home)
    assert uses_id_list(again)
    assert again.resolve(added) == added
    with pytest.raises(UnknownArticle):
        again.resolve(ids[0])
    assert again.article_count() == 40


def test_an_index_rewritten_without_the_id_list_is_not_overruled_by_it(home, ids, make_draft):
    """What an older version does: it writes index.json only, leaving the id list behind."""
    old_list = (home / "library" / "ids.txt").read_bytes()
    store = fresh(home)
    added = store.add_articles([make_draft(100)]).added[0]
    write_atomically(home / "library" / "ids.txt", old_list)
    again = fresh(home)
    assert not uses_id_list(again)
    assert again.resolve(added) == added
    assert again.article_count() == 41


def test_a_shard_changed_behind_the_index_is_not_resolved_from_the_id_list(home, ids, make_draft):
    """A writer that died between a month's file and the index: the index rebuilds in memory."""
    library = home / "library"
    saved = {name: (library / name).read_bytes() for name in ("index.json", "ids.txt")}
    added = fresh(home).add_articles([make_draft(0, guid="late")]).added[0]
    for name, data in saved.items():
        write_atomically(library / name, data)
    store = fresh(home)
    assert not uses_id_list(store)
    assert store.resolve(added) == added


@pytest.mark.parametrize("damage", [b"", b"not json\n", b'{"version": 1}\n', b"[1, 2]\n0123456789 2024-01\n"])
def test_a_damaged_or_missing_id_list_falls_back_to_the_index(home, ids, damage):
    path = home / "library" / "ids.txt"
    path.write_bytes(damage)
    store = fresh(home)
    assert not uses_id_list(store)
    assert store.resolve(ids[5]) == ids[5]
    path.unlink()
    assert fresh(home).resolve(ids[6]) == ids[6]


def test_a_truncated_id_list_is_not_used(home, ids):
    path = home / "library" / "ids.txt"
    path.write_bytes(path.read_bytes()[:-5])
    store = fresh(home)
    assert not uses_id_list(store)
    assert store.article_count() == 40


def test_the_header_records_the_index_and_the_shards(home, ids):
    library = fresh(home).library
    data = library.id_list_path.read_bytes()
    header = orjson.loads(data[:data.index(b"\n")])
    assert header["count"] == 40
    assert header["shards"] == library.shard_signatures()
    listed = read_id_list(library.id_list_path, signature(library.index_path), library.shard_signatures())
    assert listed is not None and sorted(listed.ids()) == sorted(ids)


def test_a_read_only_store_uses_the_id_list_too(home, ids):
    store = fresh(home, read_only=True)
    assert uses_id_list(store)
    assert store.resolve(ids[1]) == ids[1]


def test_a_library_without_an_id_list_gets_one_the_first_time_the_index_is_read(home, ids):
    """A library an older version wrote: the first command pays for the index, the next ones do not."""
    path = home / "library" / "ids.txt"
    path.unlink()
    assert fresh(home, read_only=True).resolve(ids[2]) == ids[2]
    assert not path.exists(), "a read-only store writes nothing"
    assert fresh(home).resolve(ids[2]) == ids[2]
    again = fresh(home)
    assert uses_id_list(again)
    assert again.resolve(ids[3]) == ids[3]
