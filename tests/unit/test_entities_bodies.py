"""Organisations and places told apart by the words around them, on invented sentences."""

from __future__ import annotations

import pytest

from reader.entities import Extractor
from reader.entities.bodies import BODY, TEAM, body_votes, team_cues
from reader.entities.coordination import list_start
from reader.entities.cues import _SITE_NAME
from reader.entities.expansions import spelled_out
from reader.entities.namekinds import LEGAL_FORM, head_kind, knowledge_votes
from reader.entities.spans import clean
from reader.entities.surroundings import NOUN_CUE, PLACE_NOUN_OF, noun_votes, person_clause


def test_what_stands_before_a_list_is_said_of_every_name_in_it():
    text = "We hear from families in Carrowbeg, Dunmallow or Ballyvane every week."
    assert list_start(text, text.index("Ballyvane")) == text.index("Carrowbeg")
    assert list_start(text, text.index("Carrowbeg")) == text.index("Carrowbeg")
    # A month is no name of the list: "in November, and Moody's" puts Moody's in nothing.
    text = "Fitch upgraded it in November, and Velmoor changed its outlook."
    assert list_start(text, text.index("Velmoor")) == text.index("Velmoor")


def test_who_without_a_comma_after_a_known_town_is_said_of_the_noun_before_it():
    assert not person_clause(" who are being told to leave", "Tralee")
    assert person_clause(", who grew up there", "Tralee")
    assert person_clause(" who scored twice", "Orla Brennick")


@pytest.mark.parametrize("name", ["Parliament House", "State House", "Government House"])
def test_a_house_named_after_the_body_in_it_is_the_building(name):
    assert head_kind(name) == "place"


def test_a_house_named_after_a_town_or_a_person_keeps_its_other_evidence():
    assert head_kind("Brennick House") is None


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The Korvath Lions then face the Marlins in Tarvel.", "Marlins"),
        ("He won seven titles with the Quokkas before leaving.", "Quokkas"),
        ("She was named head coach of the Silver Ferns on Tuesday.", "Silver Ferns"),
        ("The Korvath Harriers flanker Orla Brennick has retired.", "Korvath Harriers"),
        ("The board spoke to the Quokkas coach Vern Talbot.", "Quokkas"),
    ],
)
def test_a_side_is_found_where_only_a_side_stands(text, name):
    found = [text[s:e] for s, e in team_cues(text)]
    assert name in found, found
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get(name) == "organisation", kinds


@pytest.mark.parametrize(
    "text",
    [
        "Former coach Vern Talbot said the side had improved.",
        "The board named Saud Kerrin as Test captain on Monday.",
        "He becomes the first Tongan head coach of the side.",
        "Harris will face Trump in the debate.",
        "Talbot, who rides for Visma-Lease a Bike, said so.",
    ],
)
def test_a_word_a_nationality_or_a_person_before_a_team_word_is_no_side(text):
    assert [text[s:e] for s, e in team_cues(text)] == []


def test_a_win_over_a_player_is_no_win_over_a_side():
    text = "It was his first victory over Marten Dovrak in a classical game."
    start = text.index("Marten Dovrak")
    assert body_votes(text, start, start + len("Marten Dovrak"), "Marten Dovrak") == []
    text = "Fans sang during the win over Corvinense."
    start = text.index("Corvinense")
    assert body_votes(text, start, start + len("Corvinense"), "Corvinense") == [("organisation", BODY)]


def test_a_body_named_after_a_role_it_holds_is_not_taken_for_a_person():
    text = "The Liberal Party and its coalition partner Kendomei won the vote, Kendomei said."
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Kendomei") == "organisation", kinds


def test_a_utility_or_a_newsletter_named_before_or_after_is_an_organisation():
    text = "Power cuts hit homes, according to the state utility Varnpower."
    start = text.index("Varnpower")
    assert ("organisation", NOUN_CUE) in noun_votes(text, start, start + len("Varnpower"))


def test_a_comma_before_a_lower_case_word_ends_the_name_a_bracketed_acronym_closes():
    text = "Farm Minister Kasper Wolny, of the Rural Farmers' Party (RFP), went to Tarvel."
    names = [text[s:e] for s, e in spelled_out(text)]
    assert all("Kasper" not in name for name in names), names
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Kasper Wolny") == "person", kinds


def test_a_port_a_coast_and_a_cape_are_places():
    assert head_kind("Ras Tarvela") == "place"
    text = "Ore is carried 900 kilometres to the port of Marvanto each week."
    start = text.index("Marvanto")
    assert PLACE_NOUN_OF.search(text, 0, start)
    text = "They paid for the right to develop Korvessa, a stretch of Adriatic coast west of Tarvel."
    start = text.index("Korvessa")
    assert ("place", NOUN_CUE) in noun_votes(text, start, start + len("Korvessa"))


def test_a_name_after_a_noun_for_a_body_is_found_as_one():
    text = "Power cuts hit 30,000 homes, according to the state utility Varnpower."
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Varnpower") == "organisation", kinds


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Talbot said on Korvabook that the ruling would help.", "Korvabook"),
        ("It formed a smelter joint venture with Marlex-Dovane last year.", "Marlex-Dovane"),
    ],
)
def test_where_someone_posts_and_whom_a_firm_joins_are_bodies(text, name):
    start = text.index(name)
    votes = body_votes(text, start, start + len(name), name)
    assert votes and all(kind == "organisation" for kind, _ in votes), votes


def test_a_ratings_agency_is_an_organisation_by_its_head():
    assert head_kind("Korva Ratings") == "organisation"


def test_a_leading_legal_form_makes_a_company_whatever_its_head():
    assert ("organisation", LEGAL_FORM) in knowledge_votes("PT Korvessa Industrial Park")
    assert ("organisation", LEGAL_FORM) not in knowledge_votes("Korvessa Industrial Park")


def test_a_movement_named_before_a_possessive_plural_and_its_noun_is_an_organisation():
    text = "Wolny, who founded the Korvagra farmers' movement, spoke."
    start = text.index("Korvagra")
    candidate = next(c for c in clean(text, start, start + len("Korvagra"), "place") if c.text == "Korvagra")
    assert ("organisation", 1.5) in candidate.votes, candidate.votes


def test_a_body_of_a_state_is_one_name_the_branch_there():
    text = "The case was brought by the KCLU of Montana on Monday."
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("KCLU of Montana") == "organisation", kinds
    assert "Montana" not in kinds, kinds


def test_whom_a_player_is_signed_from_is_a_side():
    text = "Corvinense, who signed Tavares from Marlinho as a teenager, said so."
    start = text.index("Marlinho")
    assert ("organisation", TEAM) in body_votes(text, start, start + len("Marlinho"), "Marlinho")


def test_a_site_named_by_its_domain_is_an_organisation_and_an_address_is_no_name():
    text = "Korvanews.ch, a Zurich financial news site, said the hearing would last a week."
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Korvanews.ch") == "organisation", kinds
    assert not _SITE_NAME.search("Read more at www.Korvanews.ch/markets today.")
