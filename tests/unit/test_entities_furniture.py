"""Page furniture and long bracketed names: what the extractor leaves out, and what it keeps whole."""

from __future__ import annotations

import pytest

from reader.entities.canonical import _best_name
from reader.entities.expansions import spelled_out
from reader.entities.furniture import furniture
from reader.entities.names import loosely_expands, surnames


def _covered(text: str) -> list[str]:
    return [text[s:e] for s, e in furniture(text)]


@pytest.mark.parametrize(
    ("text", "wanted"),
    [
        ("CARACAS (Reuters) - The opposition said on Monday...", ["Reuters"]),
        ("BOGOTA, Nov 17 (AFP) — Colombia said...", ["AFP"]),
        ("Body.\n\nFollow Ben Kew on Facebook, Twitter at @ben_kew, or email him at bkew@example.com.", None),
        ("Body.\n\nReporting by Ana Ruiz; Editing by Tom Hale", None),
    ],
)
def test_furniture_covers_outlets_and_sign_offs(text, wanted):
    covered = _covered(text)
    if wanted is not None:
        assert covered == wanted
    else:
        assert covered and all("Body" not in c for c in covered)


def test_story_text_is_no_furniture():
    assert furniture("MADRID — Reuters reported that Ben Kew followed the talks.") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("the Ministry of Environment, Water and Ecological Transition (MAATE) said",
         "Ministry of Environment, Water and Ecological Transition"),
        ("by the UN Office for the Coordination of Humanitarian Affairs (OCHA).",
         "UN Office for the Coordination of Humanitarian Affairs"),
        ("said the England and Wales Cricket Board (ECB) on Friday", "England and Wales Cricket Board"),
    ],
)
def test_long_names_before_their_acronym(text, name):
    assert [text[s:e] for s, e in spelled_out(text)] == [name]


def test_a_spanish_acronym_loosely_spells_the_english_name():
    assert loosely_expands("SEBIN", "Bolivarian Intelligence Service")
    assert not loosely_expands("PCB", "Bolivarian Intelligence Service")


def test_the_paternal_surname_of_a_spanish_name():
    assert "guzman" in surnames("Joaquín Guzmán Loera")
    assert surnames("Ana Lucía Ferrer") == ["ferrer"]


def test_a_misspelling_written_once_does_not_name_the_entity():
    from collections import Counter

    aliases = Counter({"Lepoldo López": 1, "Leopoldo López": 1, "Leopoldo Lopez": 1})
    spread = {alias: {"a"} for alias in aliases}
    assert _best_name(aliases, spread) == "Leopoldo López"


def test_a_word_said_to_someone_is_not_part_of_their_name():
    from reader.entities import Extractor
    from reader.entities.model import ModelUnavailable, shared_model

    try:
        shared_model()
    except ModelUnavailable as error:
        pytest.skip(f"the model is needed: {error.reason}")
    text = "He is free at last. Bravo Antonio! Thanks, Maria. Claudio Bravo saved a penalty."
    found = Extractor().extract("Escape", text)
    names = {m.text for m in found}
    assert "Bravo Antonio" not in names and "Claudio Bravo" in names
