"""Placing at scale: a big placing reads articles in other processes with the same result, keeps
going when a process dies, and a crowded week still groups its events."""

from __future__ import annotations

import random
from concurrent.futures.process import BrokenProcessPool
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from stories_score import group_set, load_set

from reader.stories import StoryLibrary, extracting, rebuild
from reader.stories.extracting import Extractor, read_texts
from reader.stories.grouping import CANDIDATES, CROWDED, WINDOW, Grouping
from reader.stories.vectors import Features, Vectors, cosine

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_a_regroup_read_in_other_processes_gives_the_same_stories(tmp_path: Path, monkeypatch) -> None:
    gold = load_set("tune")
    store, index, _, _ = group_set(gold, tmp_path)
    alone = sorted(s.article_ids for s in StoryLibrary.load(index).stories)
    monkeypatch.setattr(extracting, "PARALLEL_FROM", 1)
    monkeypatch.setattr(extracting, "CHUNK", 7)
    started: list[int] = []
    real_start = Extractor._start

    def start(self: Extractor):
        started.append(self.processes)
        return real_start(self)

    monkeypatch.setattr(Extractor, "_start", start)
    report = rebuild(index, store)
    assert started, "the regroup read in-process"
    assert report.placed == len(gold.drafts) and report.complete
    assert sorted(s.article_ids for s in StoryLibrary.load(index).stories) == alone


class _Broken:
    def submit(self, *args, **kwargs):
        raise BrokenProcessPool("a worker was killed")

    def shutdown(self, **kwargs) -> None:
        pass


def test_a_dead_worker_process_only_slows_the_placing(monkeypatch) -> None:
    monkeypatch.setattr(extracting, "PARALLEL_FROM", 1)
    items = [(n, (f"Council votes on the harbour plan {n}", "The council voted on Tuesday. " * 20))
             for n in range(30)]
    with Extractor(processes=1) as extractor:
        monkeypatch.setattr(extractor, "_start", lambda: _Broken())
        read = list(extractor.read(items, len(items)))
        assert extractor.processes == 0  # given up on the pool, not retried for every chunk
    assert [key for key, _ in read] == list(range(30))
    assert [r for _, r in read] == read_texts([text for _, text in items])


def test_scores_are_the_cosines_of_the_vectors() -> None:
    rng = random.Random(4)
    words = [f"w{n}" for n in range(60)]
    vectors = Vectors()
    features = [Features(str(n), START, "", {w: rng.choice((0.35, 1, 2)) for w in rng.sample(words, 12)},
                         frozenset(rng.sample(["ana", "bo", "cy"], 1))) for n in range(20)]
    for f in features:
        vectors.count(f)
        vectors.hold(f)
    scores = vectors.scores(features[0], [f.article_id for f in features])
    expected = [cosine(vectors.vector(features[0]), vectors.vector(f)) for f in features]
    assert scores == pytest.approx(expected)
    assert scores[0] == pytest.approx(1.0)


def _filler(n: int, rng: random.Random, when: datetime | None = None) -> Features:
    """One of a busy week's unrelated articles: common words, and a few of its own."""
    terms = {w: 1.0 for w in rng.sample(["council", "weather", "market", "school", "police", "budget"], 3)}
    terms.update({f"own{n}-{k}": 1.0 for k in range(6)})
    return Features(f"f{n}", when or START + timedelta(minutes=10 * n), f"Outlet {n % 40}", terms,
                    frozenset({f"person {n}"}))


def test_a_crowded_week_still_groups_its_event() -> None:
    rng = random.Random(7)
    grouping = Grouping()
    event = {"harbour": 2.0, "bridg": 2.0, "collaps": 2.0, "ferri": 1.0, "council": 1.0, "rescu": 1.0}
    fillers = [_filler(n, rng) for n in range(3 * CROWDED)]
    for f in fillers[:2 * CROWDED]:
        grouping.place(f)
    first = Features("e1", START + timedelta(hours=30), "Coast Herald", event, frozenset({"hanna vik", "port edda"}))
    second = Features("e2", START + timedelta(hours=33), "Daily Wire", {**event, "inquiri": 1.0},
                      frozenset({"hanna vik", "port edda"}))
    grouping.place(first)
    for f in fillers[2 * CROWDED:]:
        grouping.place(f)
    story, link = grouping.place(second)
    assert story == "e1" and link is not None and link.nearest == "e1"
    assert {grouping.story_of[f.article_id] for f in fillers} == {f.article_id for f in fillers}  # all alone


EVENT = {"harbour": 2.0, "bridg": 2.0, "collaps": 2.0, "ferri": 1.0, "council": 1.0, "rescu": 1.0}


def _near_miss(n: int, when: datetime) -> Features:
    """An article of the same days sharing two of the event's words, and otherwise its own."""
    terms = {"harbour": 1.0, "ferri": 1.0, **{f"miss{n}-{k}": 1.0 for k in range(8)}}
    return Features(f"m{n}", when, f"Outlet {n % 40}", terms, frozenset({f"person {n}"}))


def test_an_event_is_found_among_more_alike_articles_than_are_scored() -> None:
    grouping = Grouping()
    first = Features("e1", START, "Coast Herald", EVENT, frozenset({"hanna vik", "port edda"}))
    grouping.place(first)
    for n in range(4 * CANDIDATES):
        grouping.place(_near_miss(n, START + timedelta(minutes=n + 1)))
    second = Features("e2", START + timedelta(hours=8), "Daily Wire", {**EVENT, "inquiri": 1.0},
                      frozenset({"hanna vik", "port edda"}))
    story, link = grouping.place(second)
    assert story == "e1" and link is not None and link.nearest == "e1"
    assert "harbour" in link.shared_terms and link.shared_names == ("hanna vik", "port edda")


def test_after_weeks_of_news_let_go_events_still_group() -> None:
    grouping = Grouping()
    rng = random.Random(3)
    when = START
    for n in range(3000):  # four months of an article an hour, let go as placing goes on
        when = START + timedelta(hours=n)
        grouping.place(_filler(n, rng, when))
        if n % 100 == 99:
            grouping.expire(when)
    assert len(grouping.features) < 24 * 2 * WINDOW.days  # only the last days are held
    first = Features("e1", when, "Coast Herald", EVENT, frozenset({"hanna vik", "port edda"}))
    grouping.place(first)
    for n in range(3000, 3100):
        grouping.place(_filler(n, rng, when + timedelta(minutes=n - 2999)))
    second = Features("e2", when + timedelta(hours=3), "Daily Wire", {**EVENT, "inquiri": 1.0},
                      frozenset({"hanna vik", "port edda"}))
    story, link = grouping.place(second)
    assert story == "e1" and link is not None and link.nearest == "e1"


def test_the_app_loads_only_the_stories_it_can_compare(tmp_path: Path) -> None:
    from reader.stories import StoryCorrection, StoryCorrections, new_story_id

    gold = load_set("tune")
    store, index, _, _ = group_set(gold, tmp_path)
    every = StoryLibrary.load(index)
    shared = StoryLibrary.load(index, lone=False)
    assert not shared.lone and every.lone
    assert sorted(s.article_ids for s in shared.stories) == sorted(s.article_ids for s in every.shared())
    lone = next(s for s in every.stories if len(s.accounts) == 1)
    assert shared.story_of(lone.article_ids[0]) is None
    # A story split down to one account by the user is still there to see (and undo).
    story = max(shared.stories, key=lambda s: len(s.accounts))
    split_off = story.article_ids[-1]
    corrections = StoryCorrections(store)
    corrections.add(StoryCorrection("split", (split_off,), new=new_story_id()))
    after = StoryLibrary.load(index, corrections.all(), lone=False)
    alone = after.story_of(split_off)
    assert alone is not None and alone.article_ids == (split_off,) and alone.corrected


def test_the_list_by_story_gives_lone_articles_rows_of_their_own_in_date_order(tmp_path: Path) -> None:
    from reader.tui.widgets.story_list_rows import story_rows

    gold = load_set("tune")
    store, index, _, _ = group_set(gold, tmp_path)
    library = StoryLibrary.load(index, lone=False)
    listed = sorted(store.articles(), key=lambda a: a.title)  # the list's own order does not matter
    rows = story_rows(library, listed, set())
    lone = [r for r in rows if r.story is None]
    assert {r.article.id for r in lone} == {a.id for a in listed} - {i for s in library.stories for i in s.article_ids}
    assert len(rows) == len(lone) + len(library.stories)
    dates = [r.story.last if r.story else r.article.published for r in rows]
    assert dates == sorted(dates, reverse=True)
    story = library.stories[0]
    opened = story_rows(library, listed, {story.id})
    at = next(i for i, r in enumerate(opened) if r.story is story)
    assert [r.article.id for r in opened[at + 1:at + 1 + len(story.accounts)]] == list(story.article_ids)


def test_accounts_whose_heaviest_words_differ_are_found_by_the_names_they_share() -> None:
    # Each headline's own words outweigh the names (as in a small library, where a word only
    # one article has is rarer than a name both have): the names and the background they share
    # still make them one event, as the seeds' Breitbart account is one with the other three.
    grouping = Grouping()
    background = {f"shore{k}": 0.35 for k in range(100)}
    names = frozenset({"hanna vik", "port edda", "tor lund"})
    first = Features("e1", START, "Coast Herald", {**{f"a{k}": 2.0 for k in range(20)}, **background}, names)
    second = Features("e2", START + timedelta(hours=20), "Daily Wire",
                      {**{f"b{k}": 2.0 for k in range(20)}, **background}, names)
    grouping.place(first)
    story, link = grouping.place(second)
    assert story == "e1" and link is not None and link.shared_names == tuple(sorted(names))
