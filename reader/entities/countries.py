"""Which country a name is: ISO 3166's names for it (pycountry) and the forms news writes.

"Türkiye" and "Turkey", "UK" and "Britain", "Viet Nam" and "Vietnam" are one country however an
article spells it; the names of one country are one entity across the library (see merging.py).
"""

from __future__ import annotations

import threading

from .normalise import fold_many

#: How news writes some countries that ISO 3166 does not list, by alpha-2 code. Each is a form
#: common in English-language copy; ambiguous short forms stay out ("Congo" is either Congo,
#: "Korea" either Korea, "Georgia" also a US state).
NEWS_NAMES: dict[str, tuple[str, ...]] = {
    "US": ("US", "USA", "United States", "United States of America", "America"),
    "GB": ("UK", "Britain", "Great Britain", "United Kingdom"),
    "TR": ("Turkey",),
    "CD": ("DRC", "DR Congo", "Democratic Republic of Congo", "Congo-Kinshasa"),
    "CG": ("Congo-Brazzaville",),
    "CI": ("Ivory Coast",),
    "TL": ("East Timor",),
    "CZ": ("Czech Republic",),
    "MM": ("Burma",),
    "SZ": ("Swaziland",),
    "CV": ("Cape Verde",),
    "MK": ("Macedonia",),
    "RU": ("Russia",),
    "AE": ("UAE", "Emirates"),
    "NL": ("Holland",),
    "KR": ("Republic of Korea", "South Korea"),
    "KP": ("North Korea",),
}

#: Nations inside a state, which field their own teams: "England captain" is England's.
NATIONS = ("Northern Ireland",)

_lock = threading.Lock()
_codes: dict[str, str] | None = None
_nations: frozenset[str] = frozenset()


def country_code(folded: str) -> str | None:
    """The alpha-2 code of the country a folded name is, if it is one ("turkiye" -> "TR")."""
    global _codes
    codes = _codes
    if codes is None:
        with _lock:
            codes = _codes = _codes or _load()
    return codes.get(folded.removeprefix("the "))


def is_nation(folded: str) -> bool:
    """A country, or a nation inside one (England, Scotland, Wales)."""
    return country_code(folded) is not None or folded in _nations


def _load() -> dict[str, str]:
    global _nations
    import pycountry

    nations = [s.name.split(" [")[0] for s in pycountry.subdivisions if s.type == "Country"]
    _nations = frozenset(fold_many([*nations, *NATIONS]))
    names: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if not value:
                continue
            if ", " in value:
                # "Korea, Republic of" is the Republic of Korea; "Virgin Islands, British" is no
                # name anyone writes, and its first part alone would be ambiguous.
                head, _, tail = value.partition(", ")
                if not tail.endswith((" of", " of the")):
                    continue
                value = f"{tail} {head}"
            names.append((value, code))
    names += [(name, code) for code, forms in NEWS_NAMES.items() for name in forms]
    codes: dict[str, str] = {}
    for key, (_, code) in zip(fold_many(n for n, _ in names), names, strict=True):
        codes.setdefault(key.removeprefix("the "), code)
    return codes
