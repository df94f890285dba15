"""What a name's own words and its surroundings say of its kind, on invented names."""

from __future__ import annotations

import pytest

from reader.entities import Extractor
from reader.entities.abbreviations import abbreviated_regions
from reader.entities.acceptance import acceptable
from reader.entities.evidence import regnal_name
from reader.entities.model import RawSpan
from reader.entities.namekinds import KNOWN_TOWN, head_kind, knowledge_votes
from reader.entities.names import looks_like_person
from reader.entities.press import press_votes
from reader.entities.repair import repair
from reader.entities.spans import Candidate, clean
from reader.entities.spellings import written_out
from reader.entities.surroundings import PHRASE_CUE, noun_votes, office_before


@pytest.mark.parametrize(
    "name",
    ["Quenby Lane", "Mount Tarvel Volcano", "Salar de Orvieno", "Paseo de los Alcaldes", "Estadio Varlenza"],
)
def test_lanes_volcanoes_salt_flats_promenades_and_stadiums_are_places_by_their_head(name):
    assert head_kind(name) == "place"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Prices rose again, Diario Montañés said on Tuesday.", "Diario Montañés"),
        ("The plan was first described by Vestre Dagbladet last week.", "Vestre Dagbladet"),
    ],
)
def test_a_paper_named_by_a_word_for_newspaper_in_another_language_is_an_organisation(text, name):
    start = text.index(name)
    assert ("organisation", pytest.approx(2.5)) in press_votes(text, start, start + len(name), name)


def test_an_acronym_spelled_out_in_lower_case_words_is_no_name_in_the_body_or_the_title():
    title = "Velmar GF hulls pass sea trials"
    body = ("Velmar, the boat builder, said its glass fibre (GF) hulls were lighter. GF costs less than "
            "steel, the company said.")
    names = {m.text for m in Extractor().extract(title, body)}
    assert "GF" not in names and "Velmar GF" not in names, names
    assert "Velmar" in names, names


def test_an_office_an_organisation_owns_then_a_comma_introduces_its_holder():
    text = "Velmar's chairman, Oh Dae-sung, said orders were strong."
    assert office_before(text, text.index("Oh Dae-sung"))
    assert not office_before("Velmar said, Oh Dae-sung", len("Velmar said, "))


def test_a_noun_phrase_for_an_organisation_right_before_a_name_makes_it_one():
    text = "The claimants are represented by the law firm Maren Holt, which sued in 2019."
    start = text.index("Maren Holt")
    assert ("organisation", PHRASE_CUE) in noun_votes(text, start, start + len("Maren Holt"))
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Maren Holt") == "organisation", kinds


def test_a_region_written_short_with_a_full_stop_is_the_region():
    text = "MERLIN FALLS, Sask. — Crews in Saskatchewan worked through the night."
    assert ("Sask", "Saskatchewan") in abbreviated_regions(text, [_c(text, "Sask"), _c(text, "Saskatchewan")])
    # Letters out of order, or no full stop: no short form.
    assert abbreviated_regions("Skas. and Saskatchewan", [_c("Skas. and Saskatchewan", "Skas"),
                                                         _c("Skas. and Saskatchewan", "Saskatchewan")]) == []


def _c(text: str, name: str) -> Candidate:
    start = text.index(name)
    return Candidate(start, start + len(name), name)


@pytest.mark.parametrize("name", ["Tarvik Air", "Marden Valley Hospital"])
def test_airlines_and_hospitals_are_organisations_by_their_head(name):
    assert head_kind(name) == "organisation"


def test_a_monarch_alone_by_regnal_name_is_the_monarch_even_where_a_town_has_it():
    assert regnal_name("ilsa", ["queen ilsa ii"]) is False  # (the title opens the name here)
    assert regnal_name("ilsa", ["ilsa ii", "tomas berg"])
    assert not regnal_name("ilsa", ["ilsa berg"])


def test_a_common_plural_opening_a_sentence_is_no_organisation():
    text = "Prices rose again in May. Households have cut back, the survey found."
    start = text.index("Households")
    assert not acceptable(text, start, start + len("Households"), "Households", "organisation")
    text = "Prices rose again in May. Velmars said it would cut back."
    start = text.index("Velmars")
    assert acceptable(text, start, start + len("Velmars"), "Velmars", "organisation")


def test_a_name_with_its_umlauts_written_out_is_the_same_name():
    text = "Lukas Grünwald, the chief executive, said sales fell. Lukas Gruenwald added that costs rose."
    pairs = written_out([_c(text, "Lukas Grünwald"), _c(text, "Lukas Gruenwald")])
    assert pairs == [("Lukas Grünwald", "Lukas Gruenwald")]
    assert written_out([_c(text, "Lukas Grünwald")]) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("The carrier ordered 40 Tarvik 919 LRX jets on Monday.", "LRX"),
        ("Forecasters raised Warning No. 4 for the coast.", "Warning No"),
    ],
)
def test_a_designation_after_a_number_and_a_numbered_label_are_no_names(text, name):
    start = text.index(name)
    assert not acceptable(text, start, start + len(name), name, "organisation")


def test_a_name_the_model_cut_at_a_particle_is_joined_again():
    text = "Coach Tiago dos Reis Amaral picked him at the Parque do Tucano training ground."
    spans = [RawSpan(text.index("Tiago"), text.index("Tiago") + 5, "PERSON"),
             RawSpan(text.index("Reis"), text.index(" picked"), "PERSON"),
             RawSpan(text.index("Parque"), text.index("Parque") + 6, "LOC"),
             RawSpan(text.index("Tucano"), text.index(" training"), "LOC")]
    names = {text[s.start:s.end] for s in repair(text, spans)}
    assert {"Tiago dos Reis Amaral", "Parque do Tucano"} <= names, names
    text = "Fans in Mendoza de Argentina cheered."  # a region after the particle stays apart
    spans = [RawSpan(8, 15, "GPE"), RawSpan(19, 28, "GPE")]
    assert len(repair(text, spans)) == 2


def test_a_bodys_name_joined_by_an_english_of_is_no_persons():
    assert not looks_like_person("Kenya Conference of Catholic Bishops")
    assert looks_like_person("Noah van den Heuvel")


def test_an_acronym_is_no_small_town_of_that_name():
    assert ("place", KNOWN_TOWN) not in knowledge_votes("NATO")  # also a village's name


def test_a_one_word_outlet_opening_a_sentence_is_a_name():
    text = "Prices fell. Reuters reported last month that talks had begun."
    start = text.index("Reuters")
    assert acceptable(text, start, start + 7, "Reuters", "organisation")
    text = "Prices fell. Households said they would spend less."
    start = text.index("Households")
    assert not acceptable(text, start, start + 10, "Households", "organisation")
    text = "Prices fell. Tempo, the news magazine, said several governments had lost data."
    start = text.index("Tempo")
    assert acceptable(text, start, start + 5, "Tempo", None)


def test_a_two_word_nationality_and_a_score_are_no_names():
    text = "The boats were found inside Sri Lankan waters. Cluj Wolves beat Vortans 3-1 on Sunday."
    start = text.index("Sri Lankan")
    assert not acceptable(text, start, start + 10, "Sri Lankan", "person")
    found = [c.text for c in clean(text, text.index("Vortans"), text.index(" on Sunday"), "organisation")]
    assert found == ["Vortans"]


def test_a_paper_seen_by_a_one_word_name_and_a_name_owned_by_another_are_bodies():
    text = "The ruling, seen by Marwen, said the officer had erred."
    start = text.index("Marwen")
    assert any(kind == "organisation" for kind, _ in press_votes(text, start, start + 6, "Marwen"))
    text = "Velkostar, owned by Davrex, listed its shares in New York."
    assert ("organisation", 1.2) in noun_votes(text, 0, len("Velkostar"))
