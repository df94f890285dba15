"""Outlets cited as sources and parties counted as parties: found, and typed organisations."""

from __future__ import annotations

import pytest

from reader.entities import Extractor
from reader.entities.press import press_cues, press_votes


def _found(text: str) -> set[str]:
    return {text[s:e] for s, e, kind, _ in press_cues(text) if kind == "organisation"}


def _votes(text: str, name: str) -> list[tuple[str, float]]:
    start = text.index(name)
    return press_votes(text, start, start + len(name), name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # Whom a source speaks to, is quoted by or writes in.
        ("\"We will not back down,\" the minister told Velorna on Monday.", "Velorna"),
        ("The figures were first quoted by Marendo last week.", "Marendo"),
        ("The author, writing in Il Quotidiano Sereno, said the law was flawed.", "Il Quotidiano Sereno"),
        # What an outlet is, right before its name.
        ("The minister told the broadcaster Kanalo24 that talks would resume.", "Kanalo24"),
        ("The left-leaning daily Liberté Nouvelle wrote on its front page.", "Liberté Nouvelle"),
        ("The results were published in the journal Terra.", "Terra"),
        # What it does or is, right after its name.
        ("Schools stayed shut on Monday, Aurelio Nuevo reported.", "Aurelio Nuevo"),
        ("the research arm of the Voskar newspaper said", "Voskar"),
        # A paper's head word, whatever the rest of its name.
        ("The Marlow Evening Herald said that towers had lost power.", "Marlow Evening Herald"),
    ],
)
def test_outlets_cited_as_sources_are_found(text, name):
    assert name in _found(text)
    assert ("organisation", pytest.approx(max(w for _, w in _votes(text, name)))) in _votes(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Zelvan MP Ana Kos said the budget would pass.", "Zelvan"),
        ("Nationals leader Tom Vale conceded on Sunday.", "Nationals"),
        ("The vote was a blow to the ruling Zelvan before the election.", "Zelvan"),
        ("Frente Claro won 12 seats, up from five.", "Frente Claro"),
        ("flanked by members of his Umoja Mbele coalition", "Umoja Mbele"),
        ("judges appointed by the Lex and Order (LO) party, which governed until 2023", "Lex and Order"),
        ("The president's party, Nueva Ruta, is polling ahead.", "Nueva Ruta"),
        ("The opposition coalition Unidad Plena said the vote was rigged.", "Unidad Plena"),
    ],
)
def test_parties_named_by_their_members_and_seats_are_found(text, name):
    assert name in _found(text)


def test_a_party_written_as_the_plural_of_its_members_is_one():
    text = "Labour did not stand, and the Greens took 7 per cent; the Socialists held the seat."
    assert {"Greens", "Socialists"} <= _found(text)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Liberal MP Jo Reyes said the swing was a warning.", "Liberal"),  # the party's adjective
        ("Carles Vell, the former Catalan leader, returned.", "Catalan"),  # a people's
        ("Ferro's party, Nueva Ruta, is polling ahead.", "Ferro's"),  # who leads a party
        ("Police reported three arrests on Sunday.", "Police"),  # a word opening the sentence
        ("the party, Lena Varga said, would not split", "Lena Varga"),  # no apposition
        ("The minister told Kenya's parliament", "Kenya"),  # a country
    ],
)
def test_words_that_describe_or_own_a_party_or_a_place_are_not_taken_for_one(text, name):
    assert name not in _found(text)
    if name != "Lena Varga":
        assert not [v for v in _votes(text, name) if v[1] >= 2.0]


def test_an_article_capitalised_inside_a_sentence_opens_a_papers_title():
    text = "Police said six were shot, while The Courant said dozens had been detained."
    assert _votes(text, "Courant") == [("organisation", pytest.approx(1.5))]
    assert _votes("Talks in The Hague resumed.", "Hague") == []  # (a place of that name)


def test_outlets_and_parties_the_model_misses_are_organisations_in_the_article():
    text = ("Armed police cleared the square on Monday, Velorna reported. \"Go home,\" the minister told "
            "the broadcaster Kanalo24.\n\nZelvan MP Gábor Tóth said the buyer was private, while the "
            "Greens took 7 per cent of the vote.")
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    for name in ("Velorna", "Kanalo24", "Zelvan", "Greens"):
        assert kinds.get(name) == "organisation", kinds
    assert kinds.get("Gábor Tóth") == "person", kinds
