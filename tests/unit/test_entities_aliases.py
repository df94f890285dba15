"""The ways news writes one name: given names and nicknames alone, honorifics and countries before
a name, short company names, acronyms of other languages. Invented names; model spans given by hand
where a rule mends what the model found, so that the rule is what is tested."""

from __future__ import annotations

from reader.entities import Extractor
from reader.entities.acceptance import acceptable
from reader.entities.companies import short_forms, shortens
from reader.entities.expansions import declared_links, spelled_out
from reader.entities.extract import analyse
from reader.entities.foreign import in_sentence_case
from reader.entities.model import RawSpan
from reader.entities.names import expands
from reader.entities.recall import find_again, search_names
from reader.entities.repair import repair
from reader.entities.spans import Candidate, clean
from reader.entities.words import demonym


def span(text: str, name: str, label: str, nth: int = 0) -> RawSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return RawSpan(start, start + len(name), label)


def mentions(text: str, *spans: RawSpan) -> list[tuple[str, str]]:
    found, _, _ = analyse("", text, list(spans), [])
    return [(m.text, m.kind) for m in found]


def test_a_known_given_name_alone_is_looked_for_unless_it_is_an_everyday_word_or_a_place():
    names = search_names({"Tobias Quenholt": "person", "Grace Quenholt": "person", "Marta Quenholt": "person"})
    assert "Tobias" in names
    assert "Grace" not in names  # a word too: "by the grace of"
    assert "Marta" not in names  # a town's name too


def test_a_given_name_the_model_took_for_a_nationality_is_the_person():
    text = 'Tobias Quenholt scored twice. "Tobias is finding his rhythm," the coach said.'
    found = mentions(text, span(text, "Tobias Quenholt", "PERSON"), span(text, "Tobias", "NORP", 1))
    assert found.count(("Tobias", "person")) == 1, found


def test_two_given_names_before_a_surname_found_again_are_the_name():
    text = "Quevarro Lindt spoke first. Her lawyer, Marta Inés Quevarro Lindt, said the case was weak."
    found = find_again(text, ["Quevarro Lindt"], [(0, 14)])
    assert [c.text for c in found] == ["Marta Inés Quevarro Lindt"]


def test_a_surname_with_a_particle_opening_a_sentence_is_found_again():
    text = "The club signed him. Van der Brekel said he was happy."
    assert [c.text for c in find_again(text, ["van der Brekel"], [])] == ["Van der Brekel"]


def test_a_given_name_opening_a_sentence_joins_the_surname_the_model_found():
    text = "HALVIK, Norway — Tobias van der Brekel signed a contract on Monday."
    (mended,) = repair(text, [span(text, "Brekel", "PERSON")])
    assert text[mended.start:mended.end] == "Tobias van der Brekel"


def test_an_organisations_rare_short_name_is_looked_for_but_not_a_common_word():
    assert set(short_forms("Velmora Pharmaceutical Co Ltd")) == {"Velmora Pharmaceutical", "Velmora"}
    assert "Harbour" not in short_forms("Harbour Holdings Plc")
    assert short_forms("Al Zamrani") == ["Zamrani"]
    assert "Qelvo" in short_forms("China Qelvo Co")
    # A country's unit: its first word alone is the group.
    assert "Quorvel" not in short_forms("Quorvel Bank Ghana Ltd")


def test_a_company_without_the_words_saying_what_kind_of_body_it_is():
    assert shortens("Quorvel Ghana", "Quorvel Bank Ghana Ltd")
    assert shortens("Qelvo", "China Qelvo Co")


def test_a_short_name_already_one_companys_is_not_its_sister_companys():
    text = ("Quorvel Bank Plc said profit fell. Quorvel Bank ran Quorvel Bank Ghana Ltd until last "
            "year, when the unit was sold.")
    spans = [span(text, "Quorvel Bank Plc", "ORG"), span(text, "Quorvel Bank", "ORG", 1),
             span(text, "Quorvel Bank Ghana Ltd", "ORG")]
    _, links, _ = analyse("", text, spans, [])
    assert ("Quorvel Bank Plc", "Quorvel Bank") in links
    assert not any(long == "Quorvel Bank Ghana Ltd" and short.startswith("Quorvel Bank") for long, short in links)


def test_an_elided_particle_holds_a_name_together():
    text = "Exporters in Val d'Orvesta, the biggest producer, held stocks."
    (candidate,) = clean(text, text.index("Val"), text.index(","), "place")
    assert candidate.text == "Val d'Orvesta"


def test_an_acronym_inside_a_long_name_gives_all_its_letters():
    assert expands("USRTA", "US Rail Transit Authority")
    assert expands("RTA", "Rail Transit Authority")
    assert not expands("USRA", "US Rail Transit Authority")


def test_a_country_before_a_body_is_cut_off_when_its_acronym_leaves_the_country_out():
    text = ("The US National Tidewater Office (NTO) warned of floods. The US Tidewater Reserve did not "
            "comment.")
    found = mentions(text, span(text, "US National Tidewater Office", "ORG"), span(text, "NTO", "ORG"),
                     span(text, "US Tidewater Reserve", "ORG"))
    assert ("National Tidewater Office", "organisation") in found, found
    assert ("US Tidewater Reserve", "organisation") in found, found


def test_a_nickname_in_quotes_after_a_description_is_the_persons():
    text = 'Halvard Kinsetti, the party chairman, known as "General Heron", said the count was fair.'
    candidates = clean(text, 0, len("Halvard Kinsetti"), "person")
    links, extra = declared_links(text, candidates)
    assert ("Halvard Kinsetti", "General Heron") in links
    assert [c.text for c in extra] == ["General Heron"]


def test_a_nickname_in_quotes_between_given_name_and_surname_is_one_person():
    text = 'His brother, Marco "Tito" Velluri, kept his seat. Tito told supporters he would stay.'
    found = mentions(text, span(text, "Velluri", "PERSON"))
    assert ('Marco "Tito" Velluri', "person") in found, found
    assert ("Tito", "person") in found, found


def test_honorifics_and_a_states_people_are_no_part_of_a_persons_name():
    text = "Tan Sri Aziz Ramlan, who founded the airline, spoke."
    (candidate,) = clean(text, 0, text.index(","), "person")
    assert candidate.text == "Aziz Ramlan"
    assert demonym("Icelander")


def test_the_name_before_an_acronym_of_another_language_written_again_is_the_bodys():
    text = "The judges were appointed by the Order and Harmony (ObH) party. An ObH ally refused to sign."
    start = text.index("Order")
    assert (start, text.index(" (ObH)")) in list(spelled_out(text))
    # Once only, the bracket may be anything: no name is made of it.
    once = "The judges were appointed by the Order and Harmony (ObH) party."
    assert list(spelled_out(once)) == []


def test_a_name_ending_in_a_legal_form_is_a_company_whatever_title_opens_it():
    text = "Its supplier, Hon Velk Precision Industry Co, said it would build a plant."
    start = text.index("Hon")
    (candidate,) = clean(text, start, text.index(", said"), "organisation")
    assert candidate.text == "Hon Velk Precision Industry Co"


def links_of(text: str, *spans: RawSpan) -> list[tuple[str, str]]:
    _, links, _ = analyse("", text, list(spans), [])
    return links


def test_an_acronym_opening_a_companys_name_is_that_company_not_what_its_letters_spell():
    text = "BT Group plc and Big Tech rivals gained. Shares in BT rose."
    links = links_of(text, span(text, "BT Group plc", "ORG"), span(text, "Big Tech", "ORG"), span(text, "BT", "ORG"))
    assert ("BT Group plc", "BT") in links, links


def test_a_bodys_head_word_alone_is_the_one_body_of_the_article_with_it():
    text = "The Corvan National Assembly met on Monday. The Assembly voted to adjourn."
    links = links_of(text, span(text, "Corvan National Assembly", "ORG"), span(text, "Assembly", "ORG", 1))
    assert ("Corvan National Assembly", "Assembly") in links, links


def test_a_town_beside_its_city_is_the_city_but_a_country_is_not():
    text = "Voters in Lorena City queued for hours. Turnout in Lorena was high."
    links = links_of(text, span(text, "Lorena City", "GPE"), span(text, "Lorena", "GPE", 1))
    assert ("Lorena City", "Lorena") in links, links
    text = "Voters in Mexico City queued for hours. Turnout in Mexico was high."
    links = links_of(text, span(text, "Mexico City", "GPE"), span(text, "Mexico", "GPE", 1))
    assert ("Mexico City", "Mexico") not in links, links


def test_a_university_called_by_its_towns_name_and_a_company_without_its_nationality():
    assert shortens("Halvik", "University of Halvik")
    assert shortens("Qelvaco", "Saudi Qelvaco")
    assert not shortens("Daily", "China Daily")


def test_an_acronym_may_leave_out_the_state_whose_body_it_is():
    assert expands("DPS", "Texas Department of Public Safety")
    assert not expands("MSF", "Izabal, and Médecins Sans Frontières")


def test_nationalities_of_stan_countries_doubled_letters_and_nationals_are_no_names():
    # A country in -stan gives its people the bare stem, even where a town shares it.
    assert demonym("Kazakh") and demonym("Afghan")
    # Finland's people double its last letter; Sweden and Poland lose their ending.
    assert demonym("Finnish") and demonym("Swedish") and demonym("Polish")
    # A nationality's man or woman is a nationality too, a surname in -man is not.
    assert demonym("Frenchman") and demonym("Englishwomen")
    assert not demonym("Sherman") and not demonym("Freeman") and not demonym("Shell")
    text = "Local traders said Kazakh exports rose, and a Frenchman who runs a bakery agreed."
    names = {m.text for m in Extractor().extract("", text)}
    assert not names & {"Kazakh", "Frenchman"}, names


def test_two_names_joined_by_of_or_and_that_spell_a_known_place_are_that_one_place():
    text = ("The regional agency, based in Port of Spain, said it was tracking cases in Trinidad and "
            "Tobago. Velmora and Dunkirk sent nurses.")
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Port of Spain") == "place" and kinds.get("Trinidad and Tobago") == "place", kinds
    assert "Spain" not in kinds and "Tobago" not in kinds, kinds
    # Two names that spell no known place stay two.
    assert "Velmora and Dunkirk" not in kinds, kinds


def test_a_makers_name_only_ever_before_a_models_number_is_the_product_not_the_maker():
    text = "The regulator said the two Velcor 737 aircraft would stay grounded. A Velcor A320 landed."
    start = text.index("Velcor")
    assert not acceptable(text, start, start + 6, "Velcor", "organisation")
    # Where the article also speaks of the maker itself, or of a year, it is a name.
    for text in ("The two Velcor 737 aircraft stay grounded. Velcor said it was sending engineers.",
                 "Velcor 2024 results were weak."):
        start = text.index("Velcor")
        assert acceptable(text, start, start + 6, "Velcor", "organisation"), text


def test_a_name_in_sentence_case_in_another_language_takes_its_lower_case_words():
    text = "The party Velmora socialiste said the vote was rigged; Dunmar lambasted it and Corvel turboprops flew."
    found = in_sentence_case(text, [Candidate(text.index("Velmora"), text.index("Velmora") + 7, "Velmora"),
                                    Candidate(text.index("Dunmar"), text.index("Dunmar") + 6, "Dunmar"),
                                    Candidate(text.index("Corvel"), text.index("Corvel") + 6, "Corvel")])
    # A word of French joins the name; a rare English word and a plural do not.
    assert [c.text for c in found] == ["Velmora socialiste", "Dunmar", "Corvel"]
    assert ("organisation", 1.0) in found[0].votes


def test_a_brigadiers_abbreviated_rank_is_no_name():
    text = '"They were held against their will," said Brig. Gen. Tomas Revilla, the unit\'s head.'
    names = {m.text for m in Extractor().extract("", text)}
    assert "Brig" not in names and "Tomas Revilla" in names, names


def test_a_language_before_a_hyphen_describes_what_follows_and_is_no_name():
    text = "Dravek Tribune, the largest Tamil-language daily in Velmora, ran the photograph."
    names = {m.text for m in Extractor().extract("", text)}
    assert not any("language" in name for name in names), names


def test_a_sentences_opening_preposition_and_a_day_after_for_are_no_part_of_a_name():
    text = "Rain fell again. In May Dunmore, the main town, residents complained."
    start = text.index("In May")
    assert [c.text for c in clean(text, start, text.index(","), "place")] == ["May Dunmore"]
    text = "It set up screens in Velmora and Karstad for Tuesday's match."
    start = text.index("Karstad")
    assert [c.text for c in clean(text, start, text.index("'s"), "place")] == ["Karstad"]


def test_a_legal_form_the_model_cut_off_after_a_full_stop_stays_with_the_company():
    text = "The cargo was declared by an exporter called Velmora Hermanos Cía. Ltda., which denied it."
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert "Ltda" not in kinds, kinds
    assert any(name.startswith("Velmora Hermanos") and kind == "organisation" for name, kind in kinds.items()), kinds


def test_of_two_names_as_long_the_one_written_first_stands_for_the_entity():
    # Links and votes are stored: the same text must give the same ones, whatever the hash seed.
    text = "Protests were held in Velmoran, the port city formerly known as Dastrowe, on Monday."
    _, links, votes = analyse("", text, [span(text, "Velmoran", "GPE"), span(text, "Dastrowe", "GPE")], [])
    assert links == [("Velmoran", "Dastrowe")]
    assert {name for name, _, _ in votes} == {"Velmoran"}


def test_a_company_that_trades_as_a_brand_is_the_brand():
    text = "Velmora Mobile Communications Limited, which trades as Zinqo, lost its appeal. Zinqo said it would pay."
    found = analyse("", text, [span(text, "Velmora Mobile Communications Limited", "ORG"),
                               span(text, "Zinqo", "ORG", 1)], [])
    assert ("Velmora Mobile Communications Limited", "Zinqo") in found[1]


def test_a_rare_word_ending_a_bodys_name_is_that_body_alone():
    text = "The minister told the State Great Korvaltu on Monday. The ruling party holds a majority in the Korvaltu."
    _, links, _ = analyse("", text, [span(text, "State Great Korvaltu", "ORG"), span(text, "Korvaltu", "FAC", 1)], [])
    assert ("State Great Korvaltu", "Korvaltu") in links


def test_a_partys_first_word_alone_is_the_party_though_a_village_has_that_name():
    # "Reform" is a village in Alabama; the model called the party's short name an organisation.
    text = "Tonisson's Reform Party governs. Reform, which won in 2023, fell. A poll put Reform at 15 percent."
    _, links, _ = analyse("", text, [span(text, "Reform Party", "ORG"), span(text, "Reform", "ORG", 2)], [])
    assert ("Reform Party", "Reform") in links


def test_a_short_name_of_two_bodies_is_the_one_written_with_its_legal_form():
    text = ("Karvello, whose brands include Tamsy and Karvello Insurance, had 6,800 claims. Karvello Group "
            "Limited has exceeded its allowance.")
    _, links, _ = analyse("", text, [span(text, "Karvello", "ORG"), span(text, "Karvello Insurance", "ORG"),
                                     span(text, "Karvello Group Limited", "ORG")], [])
    assert ("Karvello Group Limited", "Karvello") in links
    assert ("Karvello Insurance", "Karvello") not in links


def test_a_region_written_short_in_a_dateline_is_the_region():
    text = "REGINA, Sask. — The province said on Tuesday that rural Saskatchewan would get 150 towers."
    _, links, _ = analyse("", text, [span(text, "Saskatchewan", "GPE")], [])
    assert ("Saskatchewan", "Sask") in links or ("Sask", "Saskatchewan") in links


def test_the_last_word_of_a_bodys_name_written_with_the_is_the_body():
    text = "The Velmoran Daily Courier reported the raid. According to the Courier, documents were found."
    spans = [span(text, "Velmoran Daily Courier", "ORG"), span(text, "Courier", "PERSON", 1)]
    _, links, _ = analyse("", text, spans, [])
    assert ("Velmoran Daily Courier", "Courier") in links


def test_a_world_heritage_site_is_the_bodys_designation_not_its_name():
    text = "The old town, listed as a Velmora World Heritage site, drew visitors."
    found = mentions(text, span(text, "Velmora World Heritage", "ORG"))
    assert found == [("Velmora", "organisation")], found
