"""What the words around a name say of its kind, against a model that is unsure: the people of
a list of places, a verb that belongs to the people in a place. Invented names; model spans
given by hand, so that the rule is what is tested."""

from __future__ import annotations

from reader.entities import ArticleEntities, Mention, canonicalise
from reader.entities.extract import analyse
from reader.entities.model import RawSpan


def span(text: str, name: str, label: str, nth: int = 0) -> RawSpan:
    start = -1
    for _ in range(nth + 1):
        start = text.index(name, start + 1)
    return RawSpan(start, start + len(name), label)


def kinds(text: str, *spans: RawSpan) -> dict[str, str]:
    found, _, _ = analyse("", text, list(spans), [])
    return {m.text: m.kind for m in found}


def test_the_residents_of_a_list_of_names_live_in_places_whatever_the_model_said():
    text = "Parking is a worry too. Residents of Tamsbury and Orlowick say the new towers came first."
    assert kinds(text, span(text, "Tamsbury and Orlowick", "ORG")) == {"Tamsbury": "place", "Orlowick": "place"}


def test_what_people_in_a_place_reported_is_no_outlet_s_report():
    text = "The recall began on Monday. Pharmacies in Velmoraku reported calls from worried customers."
    assert kinds(text, span(text, "Velmoraku", "GPE")) == {"Velmoraku": "place"}


def test_a_name_headed_by_a_place_s_noun_is_faced_as_a_place_not_played_as_a_side():
    text = "The road ends at a memorial arch facing the Gulf of Tamsavar."
    assert kinds(text, span(text, "Gulf of Tamsavar", "LOC")) == {"Gulf of Tamsavar": "place"}


def test_a_country_or_a_city_the_model_took_for_a_nationality_is_the_place_after_from_or_in():
    text = "Visitors from Togo crossed the border by road. Its plant in Iizuka was shut."
    found = kinds(text, span(text, "Togo", "NORP"), span(text, "Iizuka", "NORP"))
    assert found == {"Togo": "place", "Iizuka": "place"}


def test_a_region_s_name_the_model_took_for_a_nationality_stays_unnamed_before_a_noun():
    text = "Smugglers moved the cargo along the Balkan route."
    assert kinds(text, span(text, "Balkan", "NORP")) == {}


def test_a_legal_form_the_model_left_after_a_name_ends_that_company_s_name():
    text = "The sponsor is the insurer Velmarica Zavod d.d., which paid for the new stand."
    assert kinds(text, span(text, "Velmarica Zavod", "PERSON")) == {"Velmarica Zavod d.d.": "organisation"}


def test_co_ltd_after_a_comma_is_one_company_not_a_company_and_a_ltd():
    text = "Tamsawa Holdings Co., Ltd. said it would recall the pills."
    found = kinds(text, span(text, "Tamsawa Holdings Co.", "ORG"), span(text, "Ltd.", "ORG"))
    assert found == {"Tamsawa Holdings Co., Ltd": "organisation"}


def test_one_company_written_with_two_legal_forms_in_two_articles_is_one_entity():
    def article(article_id: str, name: str) -> ArticleEntities:
        return ArticleEntities(article_id, (Mention(name, "organisation", 0, len(name)),), "test")

    entities = canonicalise([article("a", "Tamsawa Motor Co."), article("b", "Tamsawa Motor Co., Ltd")])
    assert len(entities) == 1
    # A one-word name before the forms is shared by strangers: Velmar & Co. is no Velmar KGaA.
    assert len(canonicalise([article("a", "Velmar & Co."), article("b", "Velmar KGaA")])) == 2


def test_outlets_shaped_as_no_person_is_named_are_found_when_cited():
    text = ("Queues grew all day. nKV showed lines of cars at the border. 31ek reported that hundreds "
            "came. Velmoria.com said the council would help. RT7Vista broadcast the ceremony.")
    found = kinds(text)
    assert found == {"nKV": "organisation", "31ek": "organisation", "Velmoria.com": "organisation",
                     "RT7Vista": "organisation"}


def test_figures_and_addresses_stay_unnamed():
    text = "The bus left at 5pm, drove 30km and stopped at 6pm. Details are on www.example.com today."
    assert kinds(text) == {}


def test_what_is_reported_in_a_region_is_no_outlet_s_report():
    text = "It was one of the biggest breaches reported in Southern Velmoria this year."
    assert kinds(text, span(text, "Southern Velmoria", "GPE")) == {"Southern Velmoria": "place"}


def test_a_ministry_named_by_a_list_in_british_spelling_is_one_name():
    text = "Prices are set by the Ministry of Urbanisation, Housing and Transport, officials said."
    found = kinds(text, span(text, "Ministry of Urbanisation", "ORG"), span(text, "Housing", "ORG"),
                  span(text, "Transport", "ORG"))
    assert found == {"Ministry of Urbanisation, Housing and Transport": "organisation"}


def test_a_name_a_point_of_the_compass_is_of_is_a_place():
    text = "Tamsavar claims the land west of the Orlovaqui, which the court will rule on."
    found = kinds(text, span(text, "Tamsavar", "GPE"), span(text, "Orlovaqui", "ORG"))
    assert found["Orlovaqui"] == "place"


def test_a_realm_of_the_past_the_model_missed_is_a_place():
    text = "Abomey was the seat of the old kingdom of Tamsavoria, where the royal palaces stand."
    assert kinds(text, span(text, "Abomey", "GPE"))["Tamsavoria"] == "place"
