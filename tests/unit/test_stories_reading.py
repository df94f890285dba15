"""What the parse of an account gives, on invented sentences: the labels an outlet puts beside a
name, the quotes it carries and who may speak them."""

from __future__ import annotations

import pytest

from reader.stories.parsing import load_parser
from reader.stories.reading import Reading, read_docs


@pytest.fixture(scope="module")
def nlp():
    return load_parser()


def _read(nlp, body: str) -> Reading:
    return read_docs(nlp("Talks go on"), nlp(body))


def _labels(reading: Reading, body: str) -> dict[str, set[str]]:
    """Name chain -> its labels' phrases, as the reading gives them."""
    found: dict[str, set[str]] = {}
    for label in reading.labels:
        if label.kind != "name":
            found.setdefault(body[label.name_start:label.name_end], set()).add(label.phrase)
    return found


def test_an_appositive_stands_beside_its_name_not_across_a_clause(nlp) -> None:
    body = ("Piet Vanter is trying to keep the backing of the navy, the only force holding his coalition "
            "together.\nOsk Brel, the harbour master, closed the port.")
    labels = _labels(_read(nlp, body), body)
    assert not any("force" in phrase for phrases in labels.values() for phrase in phrases)
    assert "harbour master" in labels["Osk Brel"]


def test_a_possessive_role_a_comma_and_the_name_is_a_label(nlp) -> None:
    body = "Observers said that Norland's premier, Piet Vanter is losing the support of the army."
    assert "Norland's premier" in _labels(_read(nlp, body), body)["Piet Vanter"]


def test_a_name_said_between_commas_is_not_labelled_by_what_precedes(nlp) -> None:
    body = "His brother, Vanter said, was a fisherman all his life."
    assert not _labels(_read(nlp, body), body).get("Vanter")


def test_an_of_name_before_a_title_is_kept_whole(nlp) -> None:
    body = "Vanter held talks with Union of Coastal Ports Secretary General Hanna Brel on Monday."
    reading = _read(nlp, body)
    premodifiers = [body[label.start:label.name_end] for label in reading.labels
                    if body[label.name_start:label.name_end].endswith("Hanna Brel")]
    assert premodifiers == ["Union of Coastal Ports Secretary General Hanna Brel"]


@pytest.mark.parametrize(("body", "quoted"), [
    ('The ministry said the trawler entered the harbour "legally" on Tuesday night.', []),
    ('The "reforms" have failed, and the port is closed.', []),
    ('Brel said the so-called "reforms" had failed.', []),
    ('Brel said the offer was "fair".', ["fair"]),
    ('Brel called the plan a "betrayal" of the dockers.', ["betrayal"]),
    ('Vanter promised "resistance" if the port closed.', ["resistance"]),
    ('Brel warned of "chaos" in the harbour.', ["chaos"]),
    ('"We will not move from this harbour," Brel said on Monday.', ["We will not move from this harbour"]),
])
def test_a_word_or_two_in_quotation_marks_is_a_quote_only_when_someone_says_it(nlp, body, quoted) -> None:
    assert [q.text for q in _read(nlp, body).quotes if q.direct] == quoted


def test_a_pronoun_does_not_stand_for_the_one_the_quote_names(nlp) -> None:
    body = ("Piet Vanter later held a phone call with Port Authority chief Osk Brel.\n"
            "“I spoke on the phone with Piet Vanter, who is free to fight for the dockers,” he wrote on Twitter.")
    reading = _read(nlp, body)
    quote = next(q for q in reading.quotes if q.direct)
    assert quote.pronoun
    named = [body[s:e] for s, e in quote.antecedents]
    assert named and named[0].endswith("Osk Brel")
    assert not any(name.endswith("Vanter") for name in named)


def test_without_a_name_in_the_quote_the_pronoun_keeps_the_nearest_subject(nlp) -> None:
    body = ("Piet Vanter later held a phone call with Port Authority chief Osk Brel.\n"
            "“The strike is over and the ships can sail,” he wrote on Twitter.")
    quote = next(q for q in _read(nlp, body).quotes if q.direct)
    assert body[slice(*quote.antecedents[0])] == "Piet Vanter"


def test_who_speaks_for_the_name_its_clause_tells_of(nlp) -> None:
    body = 'The dockers cheered Osk Brel, who said the offer was "an insult to every docker in the port".'
    quote = next(q for q in _read(nlp, body).quotes if q.direct)
    assert quote.speaker == "Osk Brel" and quote.named


@pytest.mark.parametrize("body", [
    "The union's lawyer, Hanna Brel, told reporters: \"The port will stay shut until the ships are paid for.\"",
    "Hanna Brel, speaking outside the court on Monday, told reporters that \"the port will stay shut for weeks\".",
])
def test_the_speaker_is_the_name_not_the_description_or_clause_beside_it(nlp, body) -> None:
    quote = next(q for q in _read(nlp, body).quotes if q.direct)
    assert body[slice(*quote.head)] == "Hanna Brel" and quote.named


def test_accusing_is_a_way_of_speaking(nlp) -> None:
    body = 'The Harbour Office said the ship was seized. It also accused the crew of "smuggling arms into the harbour".'
    quote = next(q for q in _read(nlp, body).quotes if q.direct)
    assert quote.pronoun and body[slice(*quote.antecedents[0])] == "Harbour Office"


def test_a_plural_description_before_two_names_describes_both(nlp) -> None:
    body = "British ferry lines Brelmark Group and Vantor Foods agreed on Tuesday to merge."
    shared = [(body[label.name_start:label.name_end], label.phrase) for label in _read(nlp, body).labels
              if label.kind == "shared"]
    assert shared == [("Vantor Foods", "British ferry lines")]


def test_a_dateline_or_a_description_after_two_names_is_no_label(nlp) -> None:
    body = ("PORT EDDA — Osk Brel, the leader of the dockers' union, was arrested on Tuesday.\n"
            "After 13 months of paperwork, the board has blocked the merger of Brelmark and Vantor, the homegrown "
            "deal that could have taken on the foreign chains.")
    labels = _labels(_read(nlp, body), body)
    assert "leader of the dockers' union" in labels["Osk Brel"]
    assert not any(phrase.isupper() for phrases in labels.values() for phrase in phrases)
    assert not any("deal" in phrase for phrases in labels.values() for phrase in phrases)


# What the comparison makes of a reading once the entities are known.

def _entities(body: str, names: dict[str, tuple[str, str]]):
    """Mentions of ``names`` (written form -> (canonical name, kind)) wherever the body has them."""
    from reader.entities.library import EntityLibrary
    from reader.models.entities import Entity, Mention

    entities: dict[str, Entity] = {}
    for name, kind in names.values():
        entities.setdefault(name, Entity(name.lower(), name, kind))
    mentions = []
    for written, (name, kind) in names.items():
        start = body.find(written)
        while start >= 0:
            mentions.append((Mention(written, kind, start, start + len(written)), entities[name]))
            start = body.find(written, start + 1)
    mentions.sort(key=lambda m: m[0].start)
    return mentions, EntityLibrary(list(entities.values()), {})


def test_a_title_misread_as_an_organisation_stays_the_persons_label(nlp) -> None:
    from reader.stories.attribution import labels_in

    body = "Hardline Harbour Minister Piet Vanter vowed to make an example of the strikers."
    mentions, _ = _entities(body, {"Hardline Harbour": ("Hardline Harbour", "organisation"),
                                   "Piet Vanter": ("Piet Vanter", "person")})
    labels = labels_in("a", "Outlet", _read(nlp, body), mentions, {"title": "Talks go on", "body": body})
    assert [(label.entity, label.phrase) for label in labels] == [("Piet Vanter", "Hardline Harbour Minister")]


def test_he_is_not_the_man_his_quote_names(nlp) -> None:
    from reader.stories.attribution import quotes_in

    body = ("Piet Vanter later held a phone call with Port Authority chief Osk Brel.\n"
            "“I spoke on the phone with Piet Vanter, who is free to fight for the dockers,” he wrote on Twitter.")
    mentions, library = _entities(body, {"Piet Vanter": ("Piet Vanter", "person"), "Osk Brel": ("Osk Brel", "person")})
    quotes = quotes_in("a", "Outlet", _read(nlp, body), mentions, library, {"title": "Talks go on", "body": body})
    assert [q.speaker for q in quotes if q.direct] == ["Osk Brel"]


def test_a_colon_introduces_names_it_does_not_describe_them(nlp) -> None:
    body = "The strike was reported widely.\nSources: Harbour Radio, Port Edda Times."
    assert not _labels(_read(nlp, body), body).get("Harbour Radio")


def test_a_word_within_a_name_is_no_label_of_it(nlp) -> None:
    from reader.stories.attribution import labels_in

    body = "The Coalition of Dockers for the Right to Work and Rest (Codoc) called for a march today in Port Edda."
    name = "Coalition of Dockers for the Right to Work and Rest"
    mentions, _ = _entities(body, {name: (name, "organisation"), "Codoc": (name, "organisation")})
    labels = labels_in("a", "Outlet", _read(nlp, body), mentions, {"title": "Talks go on", "body": body})
    assert not [label.phrase for label in labels]
