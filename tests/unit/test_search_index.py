"""Searching the seeds: ranking, stems and accents, phrases and prefixes, filters, snippets and offsets."""

from __future__ import annotations

import pytest

from reader.models import Marks
from reader.search import Searcher, SearchIndex, UserFacts, body_matches, index_path, sync
from reader.search.highlight import sentence_around
from reader.seeds import ensure_seeded
from reader.store import Store
from reader.text import fold

WIKI = "Antonio Ledezma"
BREITBART = "Exiled Caracas Mayor: Military Intervention Has Already Begun in Venezuela"
VA = "Escaped Venezuelan Opposition Leader Welcomed in Spain, Meets with Rajoy"
CC = "Ledezma Lands in Madrid; Opposition Sets Talks in the Dominican Republic"
PANAM = "Caracas Mayor Ledezma, Venezuela’s Most Inconvenient Political Prisoner, Flees to Colombia"


@pytest.fixture
def store(home):
    store = Store.open(home)
    ensure_seeded(store)
    return store


@pytest.fixture
def index(store):
    index = SearchIndex.open(index_path(store.home))
    sync(index, store)
    yield index
    index.close()


@pytest.fixture
def titles(store):
    return {a.title: a.id for a in store.articles()}


def found(searcher: Searcher, query: str) -> list[str]:
    """Titles of every match, in order."""
    titles = {a.id: a.title for a in searcher.store.articles()}
    return [titles[i] for i in searcher.matching_ids(query)]


@pytest.fixture
def searcher(index, store):
    return Searcher(index, store)


# Ranking ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "in_title", "in_body"), [
    # "Meets" is in one title; the other article says "meeting" twice in its body.
    ("meeting", VA, CC),
    ("lands", CC, WIKI),
])
def test_a_title_match_outranks_a_body_match(searcher, query, in_title, in_body):
    assert found(searcher, query) == [in_title, in_body]


def test_a_rare_word_outranks_a_common_one(searcher):
    # "Cúcuta" is in one article (twice); "military" in two, seven times in one of them.
    ranked = found(searcher, "cucuta OR military")
    assert ranked[0] == PANAM
    assert ranked.index(PANAM) < ranked.index(BREITBART)


def test_results_are_ranked_and_scored_best_first(searcher):
    results = searcher.search("rajoy")
    assert results.ranked and results.total == 2
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores) and scores[0] < 0


def test_a_query_without_words_lists_newest_first(searcher, store):
    results = searcher.search("is:unread")
    assert not results.ranked and results.total == 5
    dates = [h.published for h in results.hits]
    assert dates == sorted(dates, reverse=True)
    assert all(h.score == 0.0 for h in results.hits)


# Words: stems, accents, apostrophes, phrases, prefixes --------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("nicolas", {BREITBART, PANAM, CC, WIKI}),  # written Nicolás
    ("NICOLÁS", {BREITBART, PANAM, CC, WIKI}),
    ("cucuta", {PANAM}),  # written Cúcuta
    ("bogotá", {VA, BREITBART}),  # written Bogota
    ("escaping", {VA, PANAM, BREITBART, CC, WIKI}),  # escape, escaped, escaping
    ("dominicans", {CC}),
    ("vene*", {VA, PANAM, BREITBART, CC, WIKI}),
    ("extradit*", {WIKI}),
    ('"political prisoner"', {PANAM, CC, WIKI}),
    ('"prisoner political"', set()),
    ("maduro", {VA, PANAM, BREITBART, CC, WIKI}),
])
def test_stems_accents_phrases_and_prefixes(searcher, query, expected):
    assert set(found(searcher, query)) >= expected
    if not expected:
        assert found(searcher, query) == []


def test_words_must_all_match_unless_ored(searcher):
    assert set(found(searcher, "rajoy dominican")) == {CC}
    assert set(found(searcher, "rajoy OR dominican")) == {VA, CC}
    assert set(found(searcher, "rajoy -dominican")) == {VA}
    assert set(found(searcher, "-rajoy extradition")) == {WIKI}
    assert len(found(searcher, "-rajoy")) == 3


def test_maduro_is_found_in_maduros(searcher, store, titles):
    text = store.body(titles[PANAM]).text
    marks = body_matches("maduro", text)
    assert any(text[end:end + 2] == "’s" for _, end in marks)
    assert all(fold(text[start:end]) == "maduro" for start, end in marks)


# Offsets and snippets --------------------------------------------------------------------------


def test_body_matches_are_offsets_into_body_text_in_order(store, titles):
    text = store.body(titles[BREITBART]).text
    marks = body_matches('"nicolás maduro" escap* -colombia', text)
    assert marks and list(marks) == sorted(marks)
    words = [fold(text[s:e]) for s, e in marks]
    assert "nicolas maduro" in words
    assert any(w.startswith("escap") for w in words)
    assert not any("colombia" in w for w in words)


def test_body_matches_without_words_or_match_are_empty(store, titles):
    text = store.body(titles[WIKI]).text
    assert body_matches("is:unread", text) == ()
    assert body_matches("zzzz", text) == ()


def test_hits_mark_the_title_and_a_one_line_snippet(searcher):
    hit = searcher.search("rajoy").hits[0]
    assert hit.title.text == VA
    assert [hit.title.text[s:e] for s, e in hit.title.marks] == ["Rajoy"]
    assert "\n" not in hit.snippet.text and hit.snippet.marks
    assert {fold(hit.snippet.text[s:e]) for s, e in hit.snippet.marks} == {"rajoy"}
    assert hit.outlet == "Venezuelanalysis" and hit.published.year == 2017


def test_without_words_the_snippet_is_the_opening(searcher):
    hit = searcher.search("outlet:breitbart").hits[0]
    assert hit.snippet.marks == () and hit.snippet.text.startswith("Ousted Caracas Mayor")
    assert len(hit.snippet.text) <= 201


TEXT = ("The mayor fled on Friday. Later, Mr. Rajoy met him in Madrid and said so.\n\n"
        "A new paragraph names Rajoy again.")


@pytest.mark.parametrize(("name", "length", "shown"), [
    # The whole sentence, an abbreviation's full stop not taken for its end.
    ("Rajoy", 200, "Later, Mr. Rajoy met him in Madrid and said so."),
    # The first sentence, alone.
    ("mayor", 200, "The mayor fled on Friday."),
    # A sentence of its own paragraph.
    ("names", 200, "A new paragraph names Rajoy again."),
    # Too long: cut at spaces around the name, a third of the room before it, said with "…".
    ("Madrid", 24, "…him in Madrid and said…"),
])
def test_the_sentence_around_a_passage(name, length, shown):
    start = TEXT.find(name)
    snippet = sentence_around(TEXT, start, start + len(name), length)
    assert snippet.text == shown
    [(a, b)] = snippet.marks
    assert snippet.text[a:b] == name


def test_an_entity_search_shows_where_the_article_names_it(index, store, titles):
    class Naming(FakeEntities):
        """Says each article first names Maduro where its text first has the word."""

        def first_mention(self, article_id, name):
            text = store.body(article_id).text
            at = text.find("Maduro")
            return (at, at + len("Maduro")) if at >= 0 else None

    searcher = Searcher(index, store, entities=lambda: Naming(titles))
    for hit in searcher.search('entity:"Nicolás Maduro"').hits:
        [(a, b)] = hit.snippet.marks
        assert hit.snippet.text[a:b] == "Maduro"
        opening = store.body(hit.article_id).text[:40]
        assert not hit.snippet.text.startswith(opening), "the snippet is still the article's opening"
    # Where the query's words match in the text, their passage is the snippet, as before; where
    # only the title has them, the name's.
    shown = {fold(h.snippet.text[a:b]) for h in searcher.search('entity:"Nicolás Maduro" military').hits
             for a, b in h.snippet.marks}
    assert "military" in shown and shown <= {"military", "militaries", "maduro"}
    # And hits_for, which the app's list uses, does the same.
    [hit] = searcher.hits_for('entity:"Nicolás Maduro"', [titles[CC]])
    assert [hit.snippet.text[a:b] for a, b in hit.snippet.marks] == ["Maduro"]


def test_hits_for_given_articles(searcher, titles):
    hits = searcher.hits_for("maduro", [titles[WIKI], "nonexistent", titles[PANAM]])
    assert [h.article_id for h in hits] == [titles[WIKI], titles[PANAM]]
    assert all(h.snippet.marks for h in hits)


def test_pages(searcher):
    everything = searcher.matching_ids("ledezma")
    assert len(everything) == 5
    page = searcher.search("ledezma", limit=2, offset=2)
    assert page.total == 5 and [h.article_id for h in page.hits] == everything[2:4]


# Filters ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("query", "expected"), [
    ("outlet:panam", [PANAM]),
    ("outlet:post", [PANAM]),
    ('feed:"caracas chron"', [CC]),
    ("outlet:chronicles OR outlet:wikipedia", [WIKI, CC]),
    ("outlet:seed", [WIKI, BREITBART, VA, CC, PANAM]),  # the source the seeds are stored under
    ("author:kew", [BREITBART]),
    ("author:ben", [BREITBART]),
    ("author:en", []),
    ("after:2018", [WIKI]),
    ("after:2017-11-21", [WIKI, BREITBART]),
    ("before:2017-11-18", [PANAM]),
    ("after:2017-11-18 before:2017-11-21", [VA, CC]),
    ("-after:2017-11-18", [PANAM]),
    ("madrid -outlet:wikipedia after:2017-11-20", [BREITBART, VA, CC]),
])
def test_metadata_filters(searcher, query, expected):
    assert set(found(searcher, query)) == set(expected)


def test_marks_filters_read_the_users_data(searcher, store, titles):
    store.mark_read([titles[WIKI], titles[CC]])
    store.set_starred(titles[PANAM], True)
    store.add_tags(titles[VA], ["Spain"])
    with store.writing():
        store.user.annotations.put("n1", {"article": titles[BREITBART], "quote": "x", "note": "y"})
        store.user.annotations.put("n2", {"quote": "no article"})
    assert set(found(searcher, "is:read")) == {WIKI, CC}
    assert set(found(searcher, "is:unread")) == {BREITBART, VA, PANAM}
    assert found(searcher, "is:starred") == [PANAM]
    assert found(searcher, "tag:spain") == [VA]
    assert found(searcher, "tag:nothing") == []
    assert found(searcher, "is:annotated") == [BREITBART]
    assert set(found(searcher, "is:unread -is:starred")) == {BREITBART, VA}
    assert set(found(searcher, "tag:spain OR is:starred OR dominican")) == {VA, PANAM, CC}
    assert found(searcher, "rajoy is:unread") == [VA]


def test_the_app_may_hand_over_its_own_marks(index, store, titles):
    searcher = Searcher(
        index, store, facts=lambda: UserFacts(read={titles[WIKI]}, marks={titles[CC]: Marks(tags=("x",))})
    )
    assert found(searcher, "is:read") == [WIKI]
    assert found(searcher, "tag:x") == [CC]


class FakeEntities:
    """A stand-in resolver: search works with any, and without one."""

    def __init__(self, titles, pending=0):
        self.names = {"nicolás maduro": {titles[BREITBART], titles[CC]}}
        self.kinds = {"person": {titles[WIKI]}}
        self.pending = pending

    def articles_named(self, name):
        return self.names.get(name.lower())

    def articles_of_kind(self, kind):
        return self.kinds.get(kind, set())

    def first_mention(self, article_id, name):
        return None


def test_entity_terms_go_through_the_resolver(index, store, titles):
    searcher = Searcher(index, store, entities=lambda: FakeEntities(titles))
    assert set(found(searcher, 'entity:"Nicolás Maduro"')) == {BREITBART, CC}
    assert found(searcher, "type:person") == [WIKI]
    assert found(searcher, "type:place") == []
    results = searcher.search("entity:nobody OR rajoy")
    assert results.total == 2
    assert results.notes == ("no person, organisation or place is called 'nobody'",)


def test_entity_results_say_how_many_articles_are_not_analysed_yet(index, store, titles):
    searcher = Searcher(index, store, entities=lambda: FakeEntities(titles, pending=12))
    results = searcher.search('entity:"Nicolás Maduro"')
    assert results.notes[0].startswith("12 articles not analysed yet: entity: and type: leave them out")
    assert Searcher(index, store, entities=lambda: FakeEntities(titles)).search("type:person").notes == ()


def test_without_entities_entity_terms_match_nothing_and_say_why(searcher):
    results = searcher.search('entity:"Nicolás Maduro"')
    assert results.total == 0 and "analysed" in results.notes[0]
    assert searcher.search("-type:person").total == 5
