"""The store's everyday behaviour: what goes in comes back out, in order, with the user's marks."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest

from reader.models import Block, Body
from reader.store import AmbiguousArticle, ReadOnlyStore, Store, UnknownArticle
from reader.text import normalise_tag


@pytest.fixture
def store(home):
    return Store.open(home)


@pytest.fixture
def filled(store, make_draft):
    """A store holding six articles spread over three months; ids listed newest first."""
    result = store.add_articles(make_draft(i) for i in range(6))
    return store, list(result.added)


def snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file() and p.name != ".lock"}


# Round trips ------------------------------------------------------------------------------


def test_added_articles_come_back_newest_first_with_their_fields(filled, make_draft):
    store, ids = filled
    articles = store.articles()
    assert [a.id for a in articles] == ids
    assert [a.title for a in articles] == [f"Article number {i}" for i in range(6)]
    first = articles[0]
    expected = make_draft(0)
    assert (first.outlet, first.author, first.url, first.kind) == (
        expected.outlet, expected.author, expected.url, expected.kind
    )
    assert first.published == expected.published
    assert first.comment_count == 1
    assert len({a.shard for a in articles}) >= 3, "the drafts should span several monthly shards"


def test_newest_returns_the_latest_across_shards(filled):
    store, ids = filled
    assert [a.id for a in store.newest(2)] == ids[:2]
    assert [a.id for a in store.newest(4)] == ids[:4]
    assert [a.id for a in store.newest(100)] == ids


def test_newest_orders_as_the_whole_library_does_even_among_articles_of_one_moment(store, make_draft):
    moment = make_draft(3).published
    store.add_articles([make_draft(i) for i in range(6)] + [make_draft(i, published=moment) for i in range(6, 12)])
    everything = [a.id for a in store.articles()]
    for limit in (1, 3, 4, 8, 12, 50):
        assert [a.id for a in store.newest(limit)] == everything[:limit]
    store.mark_read(everything[:2])
    assert [a.id for a in store.newest(3, unread=True)] == everything[2:5]


def test_body_round_trips_exactly(filled, make_draft):
    store, ids = filled
    for i, article_id in enumerate(ids):
        assert store.body(article_id) == make_draft(i).body
    assert store.body(store.article(ids[3])).text.startswith("Heading 3\n\nParagraph one of article 3")


def test_a_reopened_store_holds_the_same_library(filled, home, make_draft):
    store, ids = filled
    store.mark_read([ids[1]])
    store.set_starred(ids[2], True)
    reopened = Store.open(home)
    assert [a.id for a in reopened.articles()] == ids
    assert reopened.body(ids[4]) == make_draft(4).body
    assert reopened.state(ids[1]).read and not reopened.state(ids[0]).read
    assert reopened.state(ids[2]).starred


def test_a_store_with_nothing_in_it_lists_nothing(store):
    assert store.articles() == []
    assert store.newest(10) == []
    assert store.is_empty()
    assert store.stats().articles == 0


# Ids ---------------------------------------------------------------------------------------


def test_an_id_resolves_from_any_unambiguous_prefix(store, make_draft):
    ids = list(store.add_articles(make_draft(i) for i in range(20)).added)
    target = ids[0]
    # The shortest prefix of target that no other id shares.
    length = next(n for n in range(1, len(target)) if sum(i.startswith(target[:n]) for i in ids) == 1)
    assert store.resolve(target[:length]) == target
    assert store.resolve(target) == target
    assert store.resolve(f"  {target[:length].upper()} ") == target
    assert store.article(target[:length]).title == "Article number 0"


def test_an_ambiguous_prefix_names_the_candidates(store, make_draft):
    ids = list(store.add_articles(make_draft(i) for i in range(20)).added)
    prefix, count = Counter(i[0] for i in ids).most_common(1)[0]
    assert count >= 2
    with pytest.raises(AmbiguousArticle) as caught:
        store.resolve(prefix)
    assert sorted(caught.value.candidates) == sorted(i for i in ids if i.startswith(prefix))
    assert f"matches {count} articles" in str(caught.value)
    with pytest.raises(AmbiguousArticle):
        store.article(prefix)


@pytest.mark.parametrize("ref", ["zzzz", "", "0123456789abcdef"])
def test_an_unknown_id_is_reported(filled, ref):
    store, _ = filled
    with pytest.raises(UnknownArticle):
        store.resolve(ref)
    with pytest.raises(UnknownArticle):
        store.body(ref)


# Adding the same thing again, and edits ----------------------------------------------------


def test_adding_the_same_articles_again_changes_nothing(filled, home, make_draft):
    store, ids = filled
    before = snapshot(home)
    result = store.add_articles(make_draft(i) for i in range(6))
    assert result.added == () and result.updated == ()
    assert sorted(result.unchanged) == sorted(ids)
    assert [a.id for a in store.articles()] == ids
    assert snapshot(home) == before, "a no-op import must not rewrite or grow any file"


def test_an_edited_article_keeps_its_id_marks_and_old_version(filled, make_draft):
    store, ids = filled
    target = ids[2]
    store.mark_read([target])
    store.set_starred(target, True)
    store.add_tags(target, ["politics"])
    first_seen = store.article(target).first_seen
    edited_body = Body(blocks=(Block("paragraph", "Corrected text."),))

    result = store.add_articles([make_draft(2, title="Article number 2 (corrected)", body=edited_body)])

    assert result.updated == (target,) and result.added == ()
    article = store.article(target)
    assert article.title == "Article number 2 (corrected)"
    assert store.body(target) == edited_body
    state = store.state(target)
    assert state.read and state.starred and state.tags == ("politics",)
    assert article.first_seen == first_seen
    assert article.revisions == 1
    revisions = store.revisions(article)
    assert [r.body for r in revisions] == [make_draft(2).body]
    assert [r.title for r in revisions] == ["Article number 2"]
    assert len(store.articles()) == 6


def test_the_same_story_from_another_source_shows_once(filled, make_draft):
    store, ids = filled
    copy = make_draft(3, source="feed:aggregator", guid="elsewhere-3", title="Same story, other feed")
    result = store.add_articles([copy])
    assert result.added == ()
    assert result.unchanged == (ids[3],)
    assert len(store.articles()) == 6
    assert store.article(ids[3]).title == "Article number 3"


def test_items_of_one_feed_sharing_a_link_are_all_kept(store, make_draft):
    # A podcast whose episodes all link to its home page: each is its own article.
    episodes = [make_draft(n, guid=f"episode-{n}", title=f"Episode {n}", url="https://pod.example/")
                for n in range(5)]
    result = store.add_articles(episodes[:3])
    assert len(result.added) == 3
    later = store.add_articles(episodes[3:])  # and in a later fetch
    assert len(later.added) == 2
    assert sorted(a.title for a in store.articles()) == [f"Episode {n}" for n in range(5)]
    # Another feed's copy of the link is still shown once.
    other = store.add_articles([make_draft(9, source="feed:other", guid="x", url="https://pod.example/")])
    assert other.added == () and len(store.articles()) == 5


def test_drafts_with_the_same_key_in_one_batch_make_one_article(store, make_draft):
    # A feed repeating a GUID, or `import a.txt a.txt`: the later copy wins.
    later = make_draft(1, title="Article number 1, later copy")
    result = store.add_articles([make_draft(1), later])
    assert [a.title for a in store.articles()] == ["Article number 1, later copy"]
    assert len(result.added) == 1
    assert store.body(result.added[0]) == later.body


def test_the_same_story_twice_in_one_batch_shows_once(store, make_draft):
    result = store.add_articles([make_draft(1), make_draft(1, source="feed:other", guid="other-1")])
    assert len(store.articles()) == 1
    assert len(result.added) == 1


# Marks, tags, stats, session ----------------------------------------------------------------


def test_mark_read_and_unread_report_what_changed(filled):
    store, ids = filled
    assert store.mark_read(ids[:2]) == ids[:2]
    assert store.mark_read(ids[:3]) == [ids[2]]
    assert store.mark_read([ids[0]], read=False) == [ids[0]]
    assert store.mark_read([ids[0]], read=False) == []
    read_ids, _ = store.states()
    assert read_ids == {ids[1], ids[2]}


def test_the_states_of_some_articles_are_those_of_all_of_them_cut_down(filled):
    store, ids = filled
    store.mark_read(ids[:3])
    store.change_marks(ids[1:4], starred=True)
    store.change_marks([ids[0], ids[4]], add_tags=["oil"])
    read_ids, marks = store.states()
    some = [ids[0], ids[2], ids[4], ids[5], "0000000000"]
    assert store.states_of(some) == ({i for i in some if i in read_ids}, {i: marks[i] for i in some if i in marks})


@pytest.mark.parametrize(
    ("given", "stored"),
    [
        (["Venezuela"], ("venezuela",)),
        (["Venezuela ", "venezuela", "VENEZUELA"], ("venezuela",)),
        (["Latin America", "  oil  "], ("latin-america", "oil")),
        (["", "   "], ()),
    ],
)
def test_tags_are_normalised_and_deduplicated(filled, given, stored):
    store, ids = filled
    assert store.add_tags(ids[0], given).tags == stored
    assert store.state(ids[0]).tags == stored


def test_tags_can_be_added_replaced_and_removed_in_any_case(filled):
    store, ids = filled
    store.add_tags(ids[0], ["oil"])
    assert store.add_tags(ids[0], ["Politics"]).tags == ("oil", "politics")
    assert store.remove_tags(ids[0], ["OIL"]).tags == ("politics",)
    assert store.set_tags(ids[0], ["economy", "Trade"]).tags == ("economy", "trade")
    assert store.remove_tags(ids[0], ["economy", "trade"]).tags == ()
    assert store.newest(10, tag="trade") == []


def test_tag_counts_and_stats_count_the_library(filled):
    store, ids = filled
    store.add_tags(ids[0], ["oil", "politics"])
    store.add_tags(ids[1], ["Oil"])
    store.set_starred(ids[1], True)
    store.set_starred(ids[2], True)
    store.set_starred(ids[2], False)
    store.mark_read(ids[:3])
    assert store.tag_counts() == Counter({"oil": 2, "politics": 1})
    stats = store.stats()
    assert (stats.articles, stats.unread, stats.starred, stats.feeds, stats.tags, stats.annotations) == (
        6, 3, 1, 0, 2, 0
    )


def test_newest_filters_by_unread_starred_and_tag(filled):
    store, ids = filled
    store.mark_read([ids[0], ids[2], ids[5]])
    store.set_starred(ids[1], True)
    store.set_starred(ids[5], True)
    store.add_tags(ids[4], ["Oil"])
    store.add_tags(ids[5], ["oil"])

    assert [a.id for a in store.newest(10, unread=True)] == [ids[1], ids[3], ids[4]]
    assert [a.id for a in store.newest(1, unread=True)] == [ids[1]]
    assert [a.id for a in store.newest(10, starred=True)] == [ids[1], ids[5]]
    assert [a.id for a in store.newest(10, tag="OIL ")] == [ids[4], ids[5]]
    assert [a.id for a in store.newest(10, unread=True, tag="oil")] == [ids[4]]
    assert [a.id for a in store.newest(10, unread=True, starred=True)] == [ids[1]]
    assert store.newest(10, tag="nothing-like-this") == []


def test_newest_with_a_limit_still_finds_the_newest_when_months_are_uneven(store, make_draft):
    # One old month with many articles, one new month with one article published late.
    many = [
        make_draft(10, guid=f"old-{n}", url="", published=make_draft(10).published + timedelta(minutes=n))
        for n in range(5)
    ]
    store.add_articles([*many, make_draft(0)])
    newest = store.newest(3)
    assert newest[0].title == "Article number 0"
    assert [a.published for a in newest] == sorted((a.published for a in newest), reverse=True)
    assert newest[1].guid == "old-4"


def test_session_is_saved_and_restored(store, home):
    assert store.session() == {}
    store.save_session(article="abc123", pane="reader")
    store.save_session(pane="list")
    assert store.session() == {"article": "abc123", "pane": "list"}
    assert Store.open(home).session() == {"article": "abc123", "pane": "list"}


def test_normalise_tag_joins_words_with_dashes():
    assert normalise_tag("  New   York Times ") == "new-york-times"


# Read-only ---------------------------------------------------------------------------------


def test_a_read_only_store_reads_but_refuses_every_write(filled, home, make_draft):
    store, ids = filled
    store.set_starred(ids[0], True)
    before = snapshot(home)
    reader = Store.open(home, read_only=True)

    assert [a.id for a in reader.articles()] == ids
    assert reader.body(ids[1]) == make_draft(1).body
    assert reader.state(ids[0]).starred

    writes = [
        lambda: reader.add_articles([make_draft(99)]),
        lambda: reader.mark_read([ids[0]]),
        lambda: reader.set_starred(ids[1], True),
        lambda: reader.add_tags(ids[1], ["x"]),
        lambda: reader.remove_tags(ids[0], ["x"]),
        lambda: reader.set_tags(ids[0], ["x"]),
        lambda: reader.save_session(article=ids[0]),
    ]
    for write in writes:
        with pytest.raises(ReadOnlyStore):
            write()
    assert snapshot(home) == before


def test_opening_a_missing_library_read_only_creates_nothing(home):
    store = Store.open(home, read_only=True)
    assert store.articles() == []
    assert not home.exists()
