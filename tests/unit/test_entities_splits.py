"""One entity written several ways in an article: a company's opening words, its acronym with the
legal form, a name and its translation. Invented names; model spans given by hand where a rule
mends what the model found, so that the rule is what is tested."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from reader.entities.companies import shortens
from reader.entities.expansions import spelled_out
from reader.entities.extract import analyse
from reader.entities.knowledge import Knowledge, Place
from reader.entities.model import RawSpan
from reader.entities.names import expands, middle_name_of, part_of_person, surnames
from reader.entities.recall import find_again, search_names


def span(text: str, name: str, label: str, nth: int = 0) -> RawSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return RawSpan(start, start + len(name), label)


@contextmanager
def patch_place(folded: str, place: Place) -> Iterator[None]:
    """The gazetteer knowing one more (invented) place, for the length of a test."""
    original = Knowledge.place

    def place_of(self: Knowledge, name: str) -> Place | None:
        return place if name == folded else original(self, name)

    Knowledge.place = place_of  # type: ignore[method-assign]
    try:
        yield
    finally:
        Knowledge.place = original  # type: ignore[method-assign]


def links_of(text: str, *spans: RawSpan) -> list[tuple[str, str]]:
    _, links, _ = analyse("", text, list(spans), [])
    return links


def one_entity(text: str, names: set[str], *spans: RawSpan) -> bool:
    """Whether the article takes ``names`` for one entity (its pairs join each to the longest)."""
    groups: dict[str, set[str]] = {}
    for longest, name in links_of(text, *spans):
        groups.setdefault(longest, {longest}).add(name)
    return any(names <= group for group in groups.values())


def test_a_companys_opening_words_are_the_company_when_its_name_has_a_legal_form():
    assert shortens("Varrow Tessel", "Varrow Tessel Quinlan & Hart LLP")
    assert shortens("Minera Quelana", "Minera Quelana del Norte S.A.A")


def test_opening_words_cut_inside_a_hyphenated_name_are_a_sister_company():
    assert not shortens("Vel Norda", "Vel Norda-Tarvik SA")


def test_opening_words_that_name_a_place_stay_the_place():
    assert not shortens("Abu Dhabi", "Abu Dhabi Qelvarn Holding Company")


def test_a_companys_opening_words_taken_for_a_person_join_the_company():
    text = ("The plant is run by Orvelle Tamsin Composite Ltd, which employs 3,000 people. Orvelle "
            "Tamsin said the cracks were cosmetic.")
    links = links_of(text, span(text, "Orvelle Tamsin Composite Ltd", "ORG"),
                     span(text, "Orvelle Tamsin", "PERSON", 1))
    assert ("Orvelle Tamsin Composite Ltd", "Orvelle Tamsin") in links


def test_an_acronym_spells_a_companys_name_without_its_legal_form_or_with_its_first_word():
    assert expands("QCG", "Quelvar Cement Group PCL")
    assert expands("QSMC", "Quelvar Semiconductor Manufacturing Co Ltd")
    assert expands("QSM", "Quelvar Semiconductor Manufacturing Co Ltd")
    assert not expands("QSMX", "Quelvar Semiconductor Manufacturing Co Ltd")


def test_a_companys_acronym_joins_its_full_name_in_the_article():
    text = "Shares of Quelvar Cement Group PCL rose. QCG said demand was strong."
    links = links_of(text, span(text, "Quelvar Cement Group PCL", "ORG"), span(text, "QCG", "ORG"))
    assert ("Quelvar Cement Group PCL", "QCG") in links


def test_a_name_known_in_another_language_is_one_with_its_translation():
    text = ("The protest was called by Farmers' Concord, known in Polish as Zgoda Rolników Wolnych, and "
            "by local groups.")
    spans = span(text, "Farmers' Concord", "ORG"), span(text, "Zgoda Rolników Wolnych", "ORG")
    assert one_entity(text, {"Farmers' Concord", "Zgoda Rolników Wolnych"}, *spans)


def test_a_name_known_by_its_german_name_and_the_acronym_of_that_name_are_one():
    text = ("The Federal Vessel Safety Office, known by its German name, the Schiffssicherheits-Bundesamt "
            "(SBA), ordered the recall. The SBA said it acted in June.")
    spans = (span(text, "Federal Vessel Safety Office", "ORG"), span(text, "Schiffssicherheits-Bundesamt", "ORG"),
             span(text, "SBA", "ORG", 1))
    assert one_entity(text, {"Federal Vessel Safety Office", "Schiffssicherheits-Bundesamt", "SBA"}, *spans)


def test_a_translation_in_the_description_before_known_as_is_the_name_too():
    text = ("Jaringan Pelestari Pesisir, the Coastal Guardians Network known as Jalpes, said catches "
            "had fallen.")
    spans = (span(text, "Jaringan Pelestari Pesisir", "ORG"), span(text, "Coastal Guardians Network", "ORG"),
             span(text, "Jalpes", "ORG"))
    assert one_entity(text, {"Jaringan Pelestari Pesisir", "Coastal Guardians Network", "Jalpes"}, *spans)


def test_a_nickname_known_throughout_a_sport_is_the_person():
    text = 'Tamsin Quorvell, known throughout the game as "Flint", was appointed in 2023.'
    assert one_entity(text, {"Tamsin Quorvell", "Flint"}, span(text, "Tamsin Quorvell", "PERSON"))


def test_an_acronym_after_what_kind_of_body_a_name_is_is_the_names():
    text = "The opposition Quelvan Renewal party (PoK) walked out. PoK said it would return."
    spans = span(text, "Quelvan Renewal", "ORG"), span(text, "PoK", "ORG", 1)
    assert one_entity(text, {"Quelvan Renewal", "PoK"}, *spans)


def test_a_bracket_after_a_lower_case_word_that_is_no_body_links_nothing():
    text = "Tamsin Quorvell said (PoR) was wrong. PoR said it would return."
    assert not one_entity(text, {"Tamsin Quorvell", "PoR"}, span(text, "Tamsin Quorvell", "PERSON"),
                          span(text, "PoR", "ORG", 1))


def test_a_companys_distinctive_second_word_is_the_company_when_its_name_has_a_legal_form():
    assert shortens("Quelle-Tarvin", "Alimentation Quelle-Tarvin Inc")
    assert not shortens("Energy", "Quelvar Energy AG")  # what kind of company, not which
    assert not shortens("Quelle-Tarvin", "Alimentation Quelle-Tarvin")  # no legal form: maybe a brand


def test_a_name_written_family_name_first_is_called_by_its_family_name():
    assert surnames("Quon Ji-hoon") == ["quon"]
    assert part_of_person("Quon", "Quon Ji-hoon")
    assert "Quon" in search_names({"Quon Ji-hoon": "person"})
    # A given name first and a surname of two parts.
    assert surnames("Hirokazu Kore-eda") != ["hirokazu"]


def test_a_name_and_the_full_name_the_article_gives_for_it_are_one():
    text = "Quelu scored twice. Quelu, whose full name is Tarvo Quelindo da Silva, is 21."
    spans = (span(text, "Quelu", "PERSON"), span(text, "Quelu", "PERSON", 1),
             span(text, "Tarvo Quelindo da Silva", "PERSON"))
    assert one_entity(text, {"Quelu", "Tarvo Quelindo da Silva"}, *spans)


def test_the_middle_of_three_names_alone_is_the_person_when_no_one_has_it_as_a_surname():
    assert middle_name_of("Alvaro", "Tiago Alvaro Quenteiro")
    assert not middle_name_of("G.", "Ingrid G. Quenholt")
    text = ("The coach, Tiago Alvaro Quenteiro, said he had been consulted. \"We lose goals,\" "
            "Alvaro said after training.")
    spans = span(text, "Tiago Alvaro Quenteiro", "PERSON"), span(text, "Alvaro", "PERSON", 1)
    assert one_entity(text, {"Tiago Alvaro Quenteiro", "Alvaro"}, *spans)


def test_a_lone_surname_is_the_persons_who_has_it_as_a_surname_before_one_with_it_in_the_middle():
    text = ("Tiago Alvaro Quenteiro met Marta Alvaro on Monday. Alvaro said the talks went well.")
    spans = (span(text, "Tiago Alvaro Quenteiro", "PERSON"), span(text, "Marta Alvaro", "PERSON"),
             span(text, "Alvaro", "PERSON", 2))
    assert one_entity(text, {"Marta Alvaro", "Alvaro"}, *spans)
    assert not one_entity(text, {"Tiago Alvaro Quenteiro", "Alvaro"}, *spans)


def test_a_small_towns_name_opening_a_companys_name_is_the_company_the_model_took_for_the_town():
    text = ("Quenvik Gruppen ASA, the defence group, warned last week. Shares in Quenvik rose 1.2 per "
            "cent after the vote.")
    spans = span(text, "Quenvik Gruppen ASA", "ORG"), span(text, "Quenvik", "GPE", 1)
    with patch_place("quenvik", Place(population=17_000, region=False)):
        assert one_entity(text, {"Quenvik Gruppen ASA", "Quenvik"}, *spans)
    with patch_place("quenvik", Place(population=2_000_000, region=False)):  # a city stays the city
        assert not one_entity(text, {"Quenvik Gruppen ASA", "Quenvik"}, *spans)


def test_a_clause_after_a_persons_name_is_no_part_of_a_bodys_name_before_its_acronym():
    text = "Farm Minister Jan Quelbrek, of the Polish Growers' Party (PSR), said no."
    names = [text[start:end] for start, end in spelled_out(text)]
    assert not any("Quelbrek" in name for name in names)
    listed = "the Ministry of Environment, Water and Ecological Transition (MAATE) said"
    assert [listed[s:e] for s, e in spelled_out(listed)] == ["Ministry of Environment, Water and Ecological Transition"]


def test_a_rare_name_in_capitals_is_found_again_written_as_a_word():
    text = "A consortium led by QELWA Power won. Qelwa declined to comment. Care was taken."
    assert [c.text for c in find_again(text, ["QELWA", "CARE"], [(20, 31)])] == ["Qelwa"]
