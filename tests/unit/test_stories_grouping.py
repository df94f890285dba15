"""Grouping articles into stories, measured on invented multi-outlet events (tests/data/stories):
B-cubed quality, the hard cases (distractor events, wire copies, opinion, lone articles), and
placing as articles arrive, after edits and removals, and after a regroup."""

from __future__ import annotations

from pathlib import Path

import pytest
from stories_score import bcubed, group_set, load_set

from reader.store import Store
from reader.stories import StoryIndex, StoryLibrary, index_path, rebuild, sync

#: Floors a little under what the method measures (tune 1.000, heldout 0.923): a change that
#: loses grouping quality fails here.
FLOORS = {"tune": 0.97, "heldout": 0.90}


@pytest.fixture(scope="module")
def tune(tmp_path_factory: pytest.TempPathFactory):
    gold = load_set("tune")
    store, index, found, ids = group_set(gold, tmp_path_factory.mktemp("tune"))
    return gold, store, index, found, ids


@pytest.mark.parametrize("name", sorted(FLOORS))
def test_grouping_quality_on_the_sets(name: str, tmp_path: Path) -> None:
    gold = load_set(name)
    _, _, found, _ = group_set(gold, tmp_path)
    scores = bcubed(gold.event_of, found, gold.distractors)
    print(f"{name}: {scores.line()}")
    assert scores.f1 >= FLOORS[name], scores.line()
    assert scores.merged_distractors == (), scores.line()


def test_two_events_of_the_same_people_stay_apart(tune) -> None:
    gold, _, _, found, _ = tune
    for pair in gold.distractors:
        a, b = sorted(pair)
        stories_a = {found[s] for s, e in gold.event_of.items() if e == a}
        stories_b = {found[s] for s, e in gold.event_of.items() if e == b}
        assert not stories_a & stories_b, f"{a} and {b} were grouped together"


def test_each_event_is_one_story_and_lone_articles_stay_alone(tune) -> None:
    gold, _, _, found, _ = tune
    for event in gold.events.values():
        assert len({found[s] for s in event["articles"]}) == 1, event["id"]
    lone = [s for s, e in gold.event_of.items() if e.startswith("single:")]
    assert lone
    for slug in lone:
        assert sum(1 for s in found if found[s] == found[slug]) == 1, f"{slug} was put in a story"


def test_an_opinion_column_and_a_follow_up_join_their_story(tune) -> None:
    _, _, _, found, _ = tune
    assert found["aldmere-blocked-civic-column"] == found["aldmere-blocked-northfield"]
    assert found["vastria-arrest-meridian-hearing"] == found["vastria-arrest-meridian"]


def test_wire_copies_are_one_account_also_carried_by_others(tune) -> None:
    gold, _, index, found, ids = tune
    library = StoryLibrary.load(index)
    story = library.get(ids["vastria-escape-northfield"])
    original = ids["vastria-escape-northfield"]
    copies = {a.article_id for a in story.copies_of(original)}
    assert copies == {ids["vastria-escape-harbor"], ids["vastria-escape-frontier"]}
    assert len(story.originals) == len(story.accounts) - 2
    # Accounts that merely tell the same event are not copies.
    assert story.account(ids["vastria-escape-sentinel"]).copy_of is None


def test_every_link_keeps_its_evidence(tune) -> None:
    _, _, index, _, ids = tune
    story = StoryLibrary.load(index).get(ids["maravia-runoff-northfield"])
    linked = [a for a in story.accounts if a.link is not None]
    assert len(linked) == len(story.accounts) - 1  # all but the first
    for account in linked:
        link = account.link
        assert link.nearest in story.article_ids and link.nearest != account.article_id
        assert link.score > 0 and link.core > 0
        assert link.shared_terms and link.hours >= 0
    assert any("maravia" in name for a in linked for name in a.link.shared_names)


def test_a_story_is_titled_by_a_central_headline_and_spans_its_days(tune) -> None:
    gold, store, index, _, ids = tune
    story = StoryLibrary.load(index).get(ids["aldmere-merger-northfield"])
    titles = {store.article(i).title for i in story.article_ids}
    assert story.title in titles
    assert story.first <= story.last
    assert story.first == min(store.article(i).published for i in story.article_ids)


def test_articles_arriving_in_several_fetches_are_placed_without_regrouping(tmp_path: Path) -> None:
    gold = load_set("tune")
    store = Store.open(tmp_path)
    index = StoryIndex.open(index_path(tmp_path))
    drafts = sorted(gold.drafts.items(), key=lambda kv: kv[1].published)
    slugs = [s for s, _ in drafts]
    for start in range(0, len(drafts), 7):  # seven at a time, as fetches would bring them
        store.add_articles([d for _, d in drafts[start:start + 7]])
        report = sync(index, store)
        assert report.placed == len(drafts[start:start + 7])
    assert sync(index, store).placed == 0  # nothing new: nothing placed
    library = StoryLibrary.load(index)
    ids = {s: store.library.id_for("import", gold.drafts[s].guid) for s in slugs}
    found = {s: library.get(ids[s]).id for s in slugs}
    scores = bcubed(gold.event_of, found, gold.distractors)
    assert scores.f1 >= FLOORS["tune"] and not scores.merged_distractors, scores.line()


def test_a_regroup_gives_the_same_stories(tmp_path: Path) -> None:
    gold = load_set("tune")
    store, index, _, _ = group_set(gold, tmp_path)
    before = StoryLibrary.load(index)
    report = rebuild(index, store)
    assert report.placed == len(gold.drafts)
    after = StoryLibrary.load(index)
    assert sorted(s.article_ids for s in before.stories) == sorted(s.article_ids for s in after.stories)
    assert [s.id for s in before.stories] == [s.id for s in after.stories]  # ids are stable too


def test_removed_articles_leave_their_story_and_edited_ones_stay(tmp_path: Path) -> None:
    gold = load_set("tune")
    store, index, _, ids = group_set(gold, tmp_path)
    story = StoryLibrary.load(index).get(ids["bristol-bus-strike-northfield"])
    gone = ids["bristol-bus-strike-sentinel"]
    with store.writing():
        store.library.remove([gone])
    report = sync(index, store)
    assert report.removed == 1
    after = StoryLibrary.load(index).get(ids["bristol-bus-strike-northfield"])
    assert set(after.article_ids) == set(story.article_ids) - {gone}
    assert after.id == story.id


def test_a_damaged_index_is_rebuilt_with_a_notice(tmp_path: Path) -> None:
    path = index_path(tmp_path)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"this is not a database" * 100)
    index = StoryIndex.open(path)
    assert "rebuilt" in index.notice
    assert index.count() == 0
