"""One entity written several ways in an article: a company's opening words, its acronym with the
legal form, a name and its translation. Invented names; model spans given by hand where a rule
mends what the model found, so that the rule is what is tested."""

from __future__ import annotations

from reader.entities.companies import shortens
from reader.entities.extract import analyse
from reader.entities.model import RawSpan


def span(text: str, name: str, label: str, nth: int = 0) -> RawSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return RawSpan(start, start + len(name), label)


def links_of(text: str, *spans: RawSpan) -> list[tuple[str, str]]:
    _, links, _ = analyse("", text, list(spans), [])
    return links


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
