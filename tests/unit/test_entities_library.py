"""The entity library over stored results: per-article prominence, look-ups, co-occurrence, speed."""

from __future__ import annotations

import random

import pytest

from reader.entities import ArticleEntities, Correction, EntityLibrary, Mention, StoredEntities


def stored(article_id: str, title: list[tuple[str, str]], body: list[tuple[str, str]], lead_end: int = 40,
           links: tuple = ()) -> StoredEntities:
    """Title and body mentions as (text, kind), laid out 20 characters apart."""
    mentions = [Mention(t, k, 20 * i, 20 * i + len(t), "title") for i, (t, k) in enumerate(title)]
    mentions += [Mention(t, k, 20 * i, 20 * i + len(t), "body") for i, (t, k) in enumerate(body)]
    return StoredEntities(ArticleEntities(article_id, tuple(mentions), "test", links=links), lead_end)


P, ORG, L = "person", "organisation", "place"


@pytest.fixture
def results() -> dict[str, StoredEntities]:
    return {
        "a1": stored(
            "a1",
            [("Ledezma", P)],
            [("Antonio Ledezma", P), ("Caracas", L), ("Ledezma", P), ("Maduro", P), ("Maduro", P), ("Maduro", P),
             ("Maduro", P), ("Madrid", L)],
            lead_end=40,
            links=(("Antonio Ledezma", "Ledezma"),),
        ),
        "a2": stored("a2", [], [("Nicolás Maduro", P), ("Caracas", L), ("Antonio Ledezma", P), ("MUD", ORG)]),
        "a3": stored("a3", [("Caracas", L)], [("Caracas", L), ("Nicolas Maduro", P), ("Bogotá", L)]),
        "a4": stored("a4", [], []),
    }


@pytest.fixture
def library(results) -> EntityLibrary:
    return EntityLibrary.build(results)


def names(entities) -> list[str]:
    return [e.name for e in entities]


def test_entities_are_canonical_and_most_mentioned_first(library):
    assert names(library.entities)[:3] == ["Nicolás Maduro", "Antonio Ledezma", "Caracas"]  # a tie: by key
    maduro = library.find("maduro")
    assert maduro.aliases == {"Maduro": 4, "Nicolas Maduro": 1, "Nicolás Maduro": 1}
    assert library.article_ids == {"a1", "a2", "a3", "a4"}


def test_an_articles_entities_come_most_prominent_first(library):
    ranked = library.for_article("a1")
    assert [(r.entity.name, r.mentions, r.in_headline, r.in_lead) for r in ranked] == [
        ("Antonio Ledezma", 3, True, True),
        ("Nicolás Maduro", 4, False, False),
        ("Caracas", 1, False, True),
        ("Madrid", 1, False, False),
    ]
    assert ranked[0].prominence > ranked[1].prominence
    assert library.for_article("a4") == [] and library.for_article("unknown") == []


def test_hidden_entities_are_flagged_and_left_out_of_articles(results):
    library = EntityLibrary.build(results, [Correction("hide", "Caracas")])
    assert library.find("Caracas").hidden
    assert "Caracas" not in names(r.entity for r in library.for_article("a1"))
    assert "Caracas" not in names(e for e, _, _ in library.across(["a1", "a2", "a3"]))
    assert "Caracas" not in names(library.search("car")) and names(library.search("car", include_hidden=True)) == [
        "Caracas"
    ]


def test_corrections_apply_and_unmatched_ones_are_listed(results):
    corrections = [Correction("rename", "Ledezma", "Mayor Ledezma"), Correction("hide", "Nobody Known")]
    library = EntityLibrary.build(results, corrections)
    assert library.find("Antonio Ledezma").name == "Mayor Ledezma"
    assert library.corrections == tuple(corrections) and library.unmatched == (corrections[1],)


def test_articles_mentioning_any_alias(library):
    key = library.find("Ledezma").key
    assert library.articles_mentioning(key) == {"a1", "a2"}
    assert library.articles_mentioning("Nicolas Maduro") == {"a1", "a2", "a3"}
    assert library.articles_mentioning("nobody") == set()


@pytest.mark.parametrize("name", ["nicolas maduro", "NICOLÁS MADURO", "Maduro", "nicolás maduro"])
def test_find_ignores_case_and_accents(library, name):
    assert library.find(name).name == "Nicolás Maduro"


def test_find_takes_a_key_and_the_most_mentioned_when_ambiguous(results):
    results = dict(results)
    results["a5"] = stored("a5", [], [("Rodríguez", P), ("Delcy Rodríguez", P)],
                           links=(("Delcy Rodríguez", "Rodríguez"),))
    results["a6"] = stored("a6", [], [("Jorge Rodríguez", P)] * 3 + [("Rodríguez", P)],
                           links=(("Jorge Rodríguez", "Rodríguez"),))
    library = EntityLibrary.build(results)
    assert library.find("Rodriguez").name == "Jorge Rodríguez"
    assert len(library.named("rodríguez")) == 2
    delcy = library.find("Delcy Rodríguez")
    assert library.find(delcy.key) is delcy
    assert library.get(delcy.key) is delcy and library.find("no such name") is None


def test_search_puts_whole_names_then_word_starts_first(library):
    assert names(library.search("madr")) == ["Madrid"]
    assert names(library.search("ma"))[:2] == ["Nicolás Maduro", "Madrid"]
    assert names(library.search("caracas")) == ["Caracas"]
    assert library.search("") == [] and library.search("zzz") == []


def test_cooccurring_entities_count_shared_articles(library):
    together = [(e.name, n) for e, n in library.cooccurring(library.find("Caracas").key)]
    assert together[0] == ("Nicolás Maduro", 3)
    assert ("Antonio Ledezma", 2) in together and ("Bogotá", 1) in together
    assert "Caracas" not in [name for name, _ in together]
    assert len(library.cooccurring(library.find("Caracas").key, limit=2)) == 2
    assert library.cooccurring("no such key") == []


def test_mentions_give_offsets_in_title_and_body(library):
    key = library.find("Ledezma").key
    found = library.mentions("a1", key)
    assert [(m.part, m.text, m.start) for m in found] == [
        ("title", "Ledezma", 0), ("body", "Antonio Ledezma", 0), ("body", "Ledezma", 40)
    ]
    assert library.mentions("a3", key) == [] and library.mentions("unknown", key) == []


def test_across_a_list_of_articles(library):
    rows = [(e.name, m, a) for e, m, a in library.across(["a1", "a3", "a3", "missing"])]
    assert rows[:2] == [("Nicolás Maduro", 5, 2), ("Caracas", 3, 2)]
    assert ("Antonio Ledezma", 3, 1) in rows and ("Bogotá", 1, 1) in rows


def synthetic(count: int, seed: int = 5) -> dict[str, StoredEntities]:
    """Articles naming 8-15 of a long tail of made-up people, places and organisations."""
    rng = random.Random(seed)
    syllables = ["ka", "lo", "mi", "ra", "te", "zu", "ven", "dor", "sa", "qui", "bel", "ton", "mar", "ez"]

    def coin() -> str:
        return "".join(rng.choices(syllables, k=rng.randint(2, 3))).capitalize()

    people = [f"{coin()} {coin()}" for _ in range(3000)]
    places = [coin() + rng.choice(["ville", "burg", " City", "ia"]) for _ in range(800)]
    orgs = [f"{coin()} {rng.choice(['Party', 'Bank', 'Institute', 'Union'])}" for _ in range(600)]
    def pick(pool: list[str]) -> str:
        return pool[int(len(pool) * rng.random() ** 2.5)]  # a few common names, a long tail

    results = {}
    for number in range(count):
        article_id = f"art{number:05d}"
        body, links = [], []
        for _ in range(rng.randint(8, 15)):
            roll = rng.random()
            if roll < 0.5:
                name = pick(people)
                body.append((name, P))
                surname = name.split()[-1]
                body += [(surname, P)] * rng.randint(0, 4)
                links.append((name, surname))
            elif roll < 0.8:
                body += [(pick(places), L)] * rng.randint(1, 3)
            else:
                body += [(pick(orgs), ORG)] * rng.randint(1, 3)
        results[article_id] = stored(article_id, body[:1], body, links=tuple(links))
    return results


def test_a_library_of_two_thousand_articles_counts_each_article_once():
    # How fast this is, is a benchmark figure (bench_entities.py: building the library view).
    results = synthetic(2000)
    library = EntityLibrary.build(results)
    ids = list(results) * 3  # 6,000 ids, as the sidebar's whole-list view may ask
    counted = library.across(ids)
    assert counted and counted == library.across(list(results)), "an id asked for twice counted twice"
    assert counted[0][2] <= 2000
