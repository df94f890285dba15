"""Organisations and places told apart by the words around them, on invented sentences."""

from __future__ import annotations

from reader.entities.coordination import list_start
from reader.entities.surroundings import person_clause


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
