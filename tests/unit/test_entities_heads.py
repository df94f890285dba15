"""What a name's own words and its surroundings say of its kind, on invented names."""

from __future__ import annotations

import pytest

from reader.entities.namekinds import head_kind


@pytest.mark.parametrize(
    "name",
    ["Quenby Lane", "Mount Tarvel Volcano", "Salar de Orvieno", "Paseo de los Alcaldes", "Estadio Varlenza"],
)
def test_lanes_volcanoes_salt_flats_promenades_and_stadiums_are_places_by_their_head(name):
    assert head_kind(name) == "place"
