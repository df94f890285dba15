"""Newly analysed articles taken into the entity library, against building it again."""

from __future__ import annotations

import pytest

from reader.entities import Correction, EntityLibrary
from tests.unit.test_entities_library import ORG, L, P, stored, synthetic


@pytest.fixture
def results() -> dict:
    return {
        "a1": stored("a1", [("Ledezma", P)],
                     [("Antonio Ledezma", P), ("Caracas", L), ("Ledezma", P), ("Maduro", P), ("Maduro", P),
                      ("Madrid", L)],
                     links=(("Antonio Ledezma", "Ledezma"),)),
        "a2": stored("a2", [], [("Nicolás Maduro", P), ("Caracas", L), ("Antonio Ledezma", P), ("MUD", ORG)]),
        "a3": stored("a3", [("Caracas", L)], [("Caracas", L), ("Nicolas Maduro", P), ("Bogotá", L)]),
    }


def known_names() -> dict:
    """An article naming only people and places the library knows, one by its surname."""
    return {"a5": stored("a5", [("Maduro", P)],
                         [("Nicolás Maduro", P), ("Caracas", L), ("Antonio Ledezma", P), ("Ledezma", P),
                          ("Bogotá", L), ("Bogotá", L)],
                         links=(("Antonio Ledezma", "Ledezma"),))}


def shown(library: EntityLibrary) -> list[tuple]:
    return [(e.key, e.name, e.kind, e.occurrences, e.hidden) for e in library.entities]


def test_an_article_of_known_names_gives_what_building_again_gives(results):
    library = EntityLibrary.build(results)
    grown = library.taking_in(known_names())
    rebuilt = EntityLibrary.build({**results, **known_names()})
    assert shown(grown) == shown(rebuilt)
    assert [(r.entity.name, r.mentions) for r in grown.for_article("a5")] == [
        (r.entity.name, r.mentions) for r in rebuilt.for_article("a5")]
    assert grown.across(["a1", "a5"]) == rebuilt.across(["a1", "a5"])
    assert grown.articles_mentioning("Ledezma") == {"a1", "a2", "a5"}
    assert [m.text for m in grown.mentions("a5", grown.find("Maduro").key)] == ["Maduro", "Nicolás Maduro"]
    # The library taken from is left as it was.
    assert library.articles_mentioning("Ledezma") == {"a1", "a2"} and "a5" not in library.article_ids


def test_an_article_analysed_again_replaces_its_mentions(results):
    library = EntityLibrary.build(results)
    again = {"a1": stored("a1", [], [("Nicolás Maduro", P), ("Madrid", L)])}
    grown = library.taking_in(again)
    rebuilt = EntityLibrary.build({**results, **again})
    assert shown(grown) == shown(rebuilt)
    assert grown.find("Nicolás Maduro").articles == {"a1": 1, "a2": 1, "a3": 1} and grown.find("Maduro") is None
    assert grown.find("Antonio Ledezma").articles == {"a2": 1}
    assert len(grown.article_ids) == 3
    # Taking the same batch in twice counts it once.
    assert shown(grown.taking_in(again)) == shown(grown)


def test_corrections_go_on_applying_to_new_mentions(results):
    corrections = [Correction("merge", "Caracas", "Bogotá"), Correction("hide", "Madrid"),
                   Correction("rename", "Antonio Ledezma", "Mayor Ledezma")]
    library = EntityLibrary.build(results, corrections)
    new = {"a5": stored("a5", [], [("Bogotá", L), ("Madrid", L), ("Ledezma", P), ("Antonio Ledezma", P)],
                        links=(("Antonio Ledezma", "Ledezma"),))}
    grown = library.taking_in(new)
    caracas = grown.find("Caracas")
    assert caracas is grown.find("Bogotá") and caracas.articles["a5"] == 1  # merged: it takes the new mention
    assert grown.find("Mayor Ledezma").articles["a5"] == 2
    assert grown.find("Madrid").hidden and "Madrid" not in [e.name for e, _, _ in grown.across(["a5"])]
    assert shown(grown) == shown(EntityLibrary.build({**results, **new}, corrections))


def test_names_the_library_does_not_know_become_entities(results):
    library = EntityLibrary.build(results)
    new = {
        "a5": stored("a5", [("Rodríguez", P)], [("Delcy Rodríguez", P), ("Rodríguez", P), ("Pan Gongsheng", P)],
                     links=(("Delcy Rodríguez", "Rodríguez"),)),
        "a6": stored("a6", [], [("Pan Gongsheng", P), ("Democratic Unity Roundtable", ORG)],
                     links=(("Democratic Unity Roundtable", "MUD"),)),
    }
    grown = library.taking_in(new)
    delcy = grown.find("Rodríguez")
    assert (delcy.name, delcy.kind, delcy.aliases) == ("Delcy Rodríguez", P, {"Rodríguez": 2, "Delcy Rodríguez": 1})
    pan = grown.find("Pan Gongsheng")
    assert pan.articles == {"a5": 1, "a6": 1} and len(grown.named("pan gongsheng")) == 1  # one entity, not two
    assert grown.find("Democratic Unity Roundtable") is grown.find("MUD")  # linked to a name already known
    assert [e.name for e in grown.search("gong")] == ["Pan Gongsheng"]
    assert {r.entity.name for r in grown.for_article("a5")} == {"Delcy Rodríguez", "Pan Gongsheng"}
    assert len(grown) == len(library) + 2 and grown.cooccurring(pan.key)[0][0] is delcy


def test_taking_in_the_last_tenth_agrees_with_building_for_nearly_every_entity():
    results = synthetic(1000)
    ids = list(results)
    grown = EntityLibrary.build({i: results[i] for i in ids[:900]}).taking_in({i: results[i] for i in ids[900:]})
    rebuilt = {e.key: e for e in EntityLibrary.build(results).entities}
    same = [e for e in grown.entities if rebuilt.get(e.key) == e]
    assert len(same) >= 0.99 * len(rebuilt)
    assert sum(e.mention_count for e in grown.entities) == sum(e.mention_count for e in rebuilt.values())
