"""Entities without the model: text preparation, name rules, merging, corrections, JSON, fallback."""

from __future__ import annotations

import json

import pytest

from reader.entities import (
    ArticleEntities,
    Correction,
    Entity,
    Extractor,
    Mention,
    ModelUnavailable,
    alias_index,
    apply_corrections,
    canonicalise,
    rank,
    stale,
)
from reader.entities.model import load_model
from reader.entities.names import expands, near, part_of_person
from reader.entities.normalise import fold, is_title_case, prepare


def article(article_id: str, *mentions: tuple[str, str], links=(), votes=()) -> ArticleEntities:
    return ArticleEntities(
        article_id,
        tuple(Mention(text, kind, i * 10, i * 10 + len(text)) for i, (text, kind) in enumerate(mentions)),
        "test",
        links=tuple(links),
        votes=tuple(votes),
    )


def entity_of(entities: list[Entity], alias: str) -> Entity:
    found = [e for e in entities if any(fold(a) == fold(alias) for a in e.aliases)]
    assert len(found) == 1, (alias, [e.aliases for e in found])
    return found[0]


# Text preparation

def test_prepare_keeps_the_way_back_to_original_offsets():
    original = "Mayor Antonio\u00a0Le\u200bdezma met\u00a0Rajoy."
    prepared = prepare(original)
    assert prepared.text == "Mayor Antonio Ledezma met Rajoy."
    start = prepared.text.index("Antonio Ledezma")
    s, e = prepared.to_original(start, start + len("Antonio Ledezma"))
    assert original[s:e] == "Antonio\u00a0Le\u200bdezma"


def test_titles_are_joined_and_bodies_keep_their_line_breaks():
    assert prepare("Kenya's Supreme Court\nUpholds Ruto Victory", join_lines=True).text == (
        "Kenya's Supreme Court Upholds Ruto Victory"
    )
    assert "\n" in prepare("Residence: Caracas\n- Office: Mayor").text


@pytest.mark.parametrize(
    ("a", "b"),
    [("Nicolás Maduro", "Nicolas Maduro"), ("Chávez’s", "chavez's"), ("Madrid–Barajas", "madrid-barajas")],
)
def test_fold_ignores_accents_case_and_punctuation_styles(a, b):
    assert fold(a) == fold(b)


def test_title_case_headlines_are_recognised():
    assert is_title_case("Escaped Venezuelan Opposition Leader Welcomed in Spain, Meets with Rajoy")
    assert not is_title_case("Floods displace thousands in northern Pakistan as rivers burst")


# Name rules

@pytest.mark.parametrize(
    ("short", "full", "same"),
    [
        ("Ledezma", "Antonio José Ledezma Díaz", True),
        ("Antonio Ledezma", "Antonio José Ledezma Díaz", True),
        ("Ledzema", "Antonio Ledezma", True),
        ("César Rodríguez", "César Rodríguez Berrizbeitía", True),
        ("Jorge Rodríguez", "Delcy Rodríguez", False),
        ("Felipe González", "Elyangélica González", False),
        ("Rodríguez", "Jorge Rodríguez", True),
        ("Jorge", "Jorge Rodríguez", False),  # a first name alone is decided inside an article
    ],
)
def test_shorter_forms_of_a_persons_name(short, full, same):
    assert part_of_person(short, full) is same


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("ledzema", "ledezma", True), ("lepoldo", "leopoldo", True), ("hansen", "jansen", False),
     ("venezuela", "venezuelan", False), ("rodriguez", "rodriguez", True)],
)
def test_near_spellings_are_typos_not_other_words(a, b, same):
    assert near(a, b) is same


@pytest.mark.parametrize(
    ("acronym", "full", "same"),
    [("OAS", "Organization of American States", True), ("IACHR", "Inter American Commission on Human Rights", True),
     ("CNE", "National Electoral Council", True), ("PSG", "Paris Saint-Germain", True),
     ("OAS", "Democratic Unity Roundtable", False)],
)
def test_acronyms_and_expansions(acronym, full, same):
    assert expands(acronym, full) is same


# Canonical entities

def test_the_ways_one_person_is_written_become_one_entity():
    entities = canonicalise([
        article("a", ("Antonio Ledezma", "person"), ("Ledezma", "person"), ("Ledezma", "place"),
                links=[("Antonio Ledezma", "Ledezma")]),
        article("b", ("Antonio José Ledezma Díaz", "person"), ("Ledezma", "person"),
                links=[("Antonio José Ledezma Díaz", "Ledezma")]),
        article("c", ("Antonio Ledezma", "person"), ("Ledzema", "person"), links=[("Antonio Ledezma", "Ledzema")]),
        article("d", ("Ledezma", "person")),  # a surname alone, in an article without the full name
    ])
    ledezma = entity_of(entities, "Ledzema")
    assert ledezma.name == "Antonio Ledezma"
    assert ledezma.kind == "person"
    assert set(ledezma.aliases) == {"Antonio Ledezma", "Ledezma", "Antonio José Ledezma Díaz", "Ledzema"}
    assert set(ledezma.articles) == {"a", "b", "c", "d"}
    assert len(entities) == 1


def test_accents_acronyms_and_qualifiers_merge():
    entities = canonicalise([
        article("a", ("Nicolás Maduro", "person"), ("OAS", "organisation"),
                ("Organization of American States", "organisation"), ("Venezuela", "place"),
                ("Venezuelan Senate", "organisation")),
        article("b", ("Nicolas Maduro", "person"), ("OAS", "organisation"), ("Senate of Venezuela", "organisation")),
    ])
    assert entity_of(entities, "Nicolas Maduro").aliases == {"Nicolás Maduro": 1, "Nicolas Maduro": 1}
    assert entity_of(entities, "OAS").name == "Organization of American States"
    assert entity_of(entities, "Venezuelan Senate") is entity_of(entities, "Senate of Venezuela")


def test_the_spellings_of_one_country_are_one_entity():
    entities = canonicalise([
        article("a", ("Türkiye", "place"), ("Britain", "place"), ("Viet Nam", "place"), ("Jordan", "person")),
        article("b", ("Turkey", "place"), ("United Kingdom", "organisation"), ("Vietnam", "place")),
        article("c", ("UK", "place"), ("Jordan", "place"), ("Congo", "place"),
                 ("Democratic Republic of the Congo", "place")),
    ])
    assert entity_of(entities, "Turkey") is entity_of(entities, "Türkiye")
    assert entity_of(entities, "UK") is entity_of(entities, "Britain") is entity_of(entities, "United Kingdom")
    assert entity_of(entities, "Vietnam").kind == "place"
    # Congo alone may be either Congo; a person called Jordan is not the country.
    assert entity_of(entities, "Congo") is not entity_of(entities, "Democratic Republic of the Congo")


def test_a_short_cut_of_a_name_and_a_country_written_short_join_the_name_in_the_article():
    text = ("The US Federal Reserve held rates, and its Federal Open Market Committee voted for it. "
            "The Fed said more. Aid reached the Democratic Republic of Congo, where Congo's health "
            "ministry said the outbreak was slowing.")
    (result,) = Extractor().extract_many([("a", "", text)])
    links = {short: long for long, short in result.links}
    assert links.get("Fed") == "US Federal Reserve", links
    assert links.get("Congo") == "Democratic Republic of Congo", links


def test_different_entities_sharing_a_word_stay_apart():
    entities = canonicalise([
        article("a", ("Jorge Rodríguez", "person"), ("Delcy Rodríguez", "person"),
                ("Venezuela", "place"), ("Venezuela’s Foreign Ministry", "organisation"),
                ("Dominican Foreign Ministry", "organisation"), ("Foreign Ministry", "organisation")),
        article("b", ("Felipe González", "person"), ("Rodríguez", "person")),
        article("c", ("Elyangélica González", "person"), ("González", "person")),
    ])
    names = {e.name for e in entities}
    assert {"Jorge Rodríguez", "Delcy Rodríguez", "Felipe González", "Elyangélica González"} <= names
    assert entity_of(entities, "Dominican Foreign Ministry") is not entity_of(entities, "Venezuela’s Foreign Ministry")
    assert entity_of(entities, "Foreign Ministry") is not entity_of(entities, "Dominican Foreign Ministry")
    # With two candidates, a lone surname is left alone rather than given to either.
    assert entity_of(entities, "Rodríguez").name == "Rodríguez"
    assert entity_of(entities, "González").name == "González"


def test_the_kind_follows_the_weight_of_evidence_not_the_count():
    entities = canonicalise([
        article("a", ("Ledezma", "place"), ("Ledezma", "place"), ("Ledezma", "place"),
                votes=[("Ledezma", "place", 3.0), ("Ledezma", "person", 6.0)]),
    ])
    assert entities[0].kind == "person"


# Corrections

def _library():
    return [
        article("a", ("Antonio Ledezma", "person"), ("Ledezma", "person"), ("Caracas", "place"),
                ("MUD", "organisation"), links=[("Antonio Ledezma", "Ledezma")]),
        article("b", ("Democratic Unity Roundtable", "organisation"), ("Caracas", "organisation"),
                ("Caracas", "place")),
    ]


def test_corrections_rename_merge_split_retype_and_hide():
    corrections = [
        Correction("rename", "Ledezma", "Antonio Ledezma (mayor)"),
        Correction("merge", "Democratic Unity Roundtable", "MUD"),
        Correction("split", "Ledezma"),
        Correction("retype", "Caracas", "place"),
        Correction("hide", "Antonio Ledezma (mayor)"),
    ]
    entities = canonicalise(_library(), corrections)
    mud = entity_of(entities, "MUD")
    assert mud.name == "Democratic Unity Roundtable" and set(mud.aliases) == {"MUD", "Democratic Unity Roundtable"}
    mayor = entity_of(entities, "Antonio Ledezma")
    assert mayor.name == "Antonio Ledezma (mayor)" and mayor.hidden and set(mayor.aliases) == {"Antonio Ledezma"}
    assert entity_of(entities, "Ledezma").name == "Ledezma"
    assert entity_of(entities, "Caracas").kind == "place"
    assert all(e.corrected for e in (mud, mayor))


def test_corrections_survive_re_extraction_and_report_what_they_no_longer_find():
    corrections = [Correction("merge", "Democratic Unity Roundtable", "MUD"), Correction("hide", "Caracas")]
    # A later run sees another article set: the corrections still find their entities by alias.
    later = _library() + [article("c", ("MUD", "organisation"), ("Caracas", "place"))]
    entities = canonicalise(later, corrections)
    assert entity_of(entities, "MUD").articles == {"a": 1, "b": 1, "c": 1}
    assert entity_of(entities, "Caracas").hidden
    gone = [Correction("rename", "Podemos", "We Can")]
    assert stale(canonicalise(later), corrections + gone) == gone
    assert canonicalise(later, gone) == canonicalise(later)


def test_corrections_are_validated():
    with pytest.raises(ValueError):
        Correction("retype", "Caracas", "city")
    with pytest.raises(ValueError):
        Correction("delete", "Caracas")


def test_apply_corrections_is_pure():
    entities = canonicalise(_library())
    before = [e.to_json() for e in entities]
    apply_corrections(entities, [Correction("merge", "Caracas", "Ledezma")])
    assert [e.to_json() for e in entities] == before


# JSON

def test_results_round_trip_through_json():
    found = _library()
    for item in found:
        assert ArticleEntities.from_json(json.loads(json.dumps(item.to_json()))) == item
    for entity in canonicalise(found):
        assert Entity.from_json(json.loads(json.dumps(entity.to_json()))) == entity
    correction = Correction("retype", "Caracas", "place")
    assert Correction.from_json(json.loads(json.dumps(correction.to_json()))) == correction


# Prominence

def test_prominence_ranks_headline_and_lead_entities_first():
    found = ArticleEntities("a", (
        Mention("Rajoy", "person", 0, 5, "title"),
        Mention("Rajoy", "person", 10, 15), Mention("Madrid", "place", 300, 306),
        Mention("Madrid", "place", 400, 406), Mention("Madrid", "place", 500, 506),
    ))
    ranked = rank(found, alias_index(canonicalise([found])), lead_end=100)
    assert [p.name for p in ranked] == ["Rajoy", "Madrid"]
    assert ranked[0].in_title and ranked[0].in_lead and ranked[1].mentions == 3


# Fallback and model loading

def test_a_missing_model_is_reported_with_a_reason():
    with pytest.raises(ModelUnavailable) as raised:
        load_model("no_such_model_package_xyz")
    assert "no_such_model_package_xyz" in raised.value.reason


def test_the_fallback_extracts_and_says_why_it_ran():
    def broken():
        raise ModelUnavailable("spaCy is not installed (pip install spacy)")

    extractor = Extractor(load=broken)
    title = "Mayor Ledezma Flees to Colombia"
    text = ("CARACAS — Former Caracas Mayor Antonio Ledezma fled to Colombia on Friday. Ledezma met "
            "officials of the Organization of American States (OAS) in Bogota.")
    (result,) = extractor.extract_many([("x", title, text)])
    assert result.extractor == "fallback" and "spaCy is not installed" in result.note
    by_text = {m.text: m.kind for m in result.mentions}
    assert by_text["Antonio Ledezma"] == "person" and by_text["Ledezma"] == "person"
    assert by_text["Organization of American States"] == "organisation" and by_text["OAS"] == "organisation"
    assert {"Colombia", "Bogota"} <= set(by_text)
    for mention in result.mentions:
        source = title if mention.part == "title" else text
        assert source[mention.start:mention.end] == mention.text


def test_mention_offsets_point_into_the_original_text():
    text = "Spain’s prime minister met Antonio\u00a0Ledezma in Madrid.\n\nLedezma’s escape drew cheers."
    (result,) = Extractor(load=None).extract_many([("x", "", text)])
    for mention in result.mentions:
        assert text[mention.start:mention.end].replace("\u00a0", " ") == mention.text
    assert any(m.text == "Antonio Ledezma" for m in result.mentions)


@pytest.mark.parametrize("model", [False, True])
def test_linked_names_are_found_without_their_link_marks(model):
    # As the reader shows an outlet's linked names: the link's number right after them.
    text = ("Opposition leader Antonio Ledezma[1] fled to Bogotá[2] on Friday, said María Corina "
            "Machado[3].\n\nLedezma[1] met Mariano Rajoy[4] in Madrid.")
    extractor = Extractor() if model else Extractor(load=None)
    mentions = extractor.extract("", text)
    names = {m.text for m in mentions}
    assert {"Antonio Ledezma", "Mariano Rajoy"} <= names
    assert not any("[" in name for name in names)
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text


def test_importing_entities_loads_no_model():
    import subprocess
    import sys

    code = "import sys, reader.entities; print('spacy' in sys.modules, 'textual' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False False", result.stderr


def test_papers_broadcasters_and_pollsters_are_organisations_by_what_they_publish():
    text = ("Prime Minister Elena Varga lost ground on Sunday, according to a survey by Veltrix for "
            "Il Corriere Nuovo. Her rival Tomas Brandt said on Radio Ostra radio that he expected "
            "to win.\n\nThe front page of Il Corriere Nuovo called it a turning point.")
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Veltrix") == "organisation"
    assert kinds.get("Il Corriere Nuovo") == "organisation"
    assert kinds.get("Elena Varga") == "person"


def test_a_building_someone_is_held_at_or_goes_to_is_a_place():
    text = ("The former mayor Rosa Imbert is being held at the Dorvale Regional Detention Centre, "
            "her lawyer said. Supporters marched to Halvers Library on Monday and later gathered at "
            "the Gallery of Northern Art.")
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Dorvale Regional Detention Centre") == "place"
    assert kinds.get("Halvers Library") == "place"
    assert kinds.get("Gallery of Northern Art") == "place"
    assert kinds.get("Rosa Imbert") == "person"


def test_a_double_barrelled_surname_alone_is_the_same_person():
    text = ("Swimmer Harriet Lindqvist-Moreau won the final on Friday.\n\n"
            "\"It was close,\" Lindqvist-Moreau told reporters after the race.")
    mentions = Extractor().extract("", text)
    assert {m.text for m in mentions if m.kind == "person"} >= {"Harriet Lindqvist-Moreau", "Lindqvist-Moreau"}


def test_clubs_named_after_their_town_and_outlets_someone_told_are_organisations():
    text = ("Lorvano beat Castelbruck 3-1 on Saturday to go top of the league. Castelbruck president "
            "Anton Weyr said the club would appeal, and coach Ilse Marko told Radiovox that her side "
            "had been unlucky. Tomas Rell, who leads Frentia Nova, finished fifth for Castelbruck.\n\n"
            "Castelbruck, a town of 40,000 people, will host the final.")
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Castelbruck") == "organisation", kinds
    assert kinds.get("Radiovox") == "organisation", kinds
    assert kinds.get("Frentia Nova") == "organisation", kinds
    assert kinds.get("Anton Weyr") == "person", kinds


def test_places_by_the_words_only_a_place_takes():
    text = ("Rescuers reached nearby Oskarvik on Monday, and residents of Tellmoor said the water had "
            "gone down. Output at its Varnhelm mine recovered. Officials met at Palazzo Brevi, then "
            "flew over Cerro Altamuna.")
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    for name in ("Oskarvik", "Tellmoor", "Varnhelm", "Palazzo Brevi", "Cerro Altamuna"):
        assert kinds.get(name) == "place", (name, kinds)


def test_firms_named_like_people_by_what_only_a_firm_does():
    text = ("Analysts at Harold Brennan and Keller Voss, in notes to clients, both said the review was "
            "positive. Keller Voss cut its price target, and Keller Voss shares fell. A Dana Whitlock poll put the "
            "government ahead.")
    kinds = {m.text: m.kind for m in Extractor().extract("", text)}
    assert kinds.get("Keller Voss") == "organisation", kinds
    assert kinds.get("Dana Whitlock") == "organisation", kinds


def test_a_town_known_by_another_name_is_one_place():
    text = ("In Port Arvel, known to its mainly Sami residents as Vuonna, the storm tore roofs off. "
            "Voters met in Tessaly, the port city formerly known as Tessalonde.")
    (result,) = Extractor().extract_many([("a", "", text)])
    links = {frozenset(pair) for pair in result.links}
    assert frozenset(("Port Arvel", "Vuonna")) in links, result.links
    assert frozenset(("Tessaly", "Tessalonde")) in links, result.links


def test_the_arabic_article_and_a_describing_suffix_are_read_right():
    text = ("President Abdel Fattah al-Sisi said on Monday that Egypt would act, and Nadia el-Shazly, "
            "a spokeswoman, agreed. A Luxembourg-registered vessel left the port.")
    names = {m.text for m in Extractor().extract("", text)}
    assert {"Abdel Fattah al-Sisi", "Nadia el-Shazly", "Luxembourg"} <= names, names


def test_a_legal_form_found_alone_belongs_to_the_name_before_it():
    text = "The shares are owned by Siemens Energy AG, Equinor ASA, BlackRock and others."
    names = {m.text for m in Extractor().extract("", text)}
    assert "Equinor ASA" in names and "ASA" not in names, names


def test_a_company_short_name_joins_the_company_the_story_introduced_first():
    text = ("Kovex Electronics Co Ltd said profit rose. Its unit Kovex Display made the screens. Kovex "
            "said demand was strong. Walter Vantrex Co, the studio, said Vantrex would show the films.")
    (result,) = Extractor().extract_many([("a", "", text)])
    links = {short: long for long, short in result.links}
    assert links.get("Kovex") == "Kovex Electronics Co Ltd", result.links
    assert links.get("Vantrex") == "Walter Vantrex Co", result.links


def test_where_someone_writes_or_posts_is_a_platform_not_a_person():
    text = ("“We are leaving,” Hanna Vik wrote on Quillr on Monday. Her brother Olaf Vik posted on "
            "Quillr a photo of the harbour, and Mara Lind said she had read it.")
    (result,) = Extractor().extract_many([("a", "", text)])
    kinds = {m.text: m.kind for m in result.mentions}
    assert kinds.get("Quillr") == "organisation", kinds
    assert kinds.get("Hanna Vik") == kinds.get("Mara Lind") == "person", kinds
