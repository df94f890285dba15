"""How news shortens an organisation's name within one article: "Vanke" for China Vanke Co."""

from __future__ import annotations

from functools import lru_cache

from .countries import country_code
from .knowledge import company_name, knowledge
from .lexicon import ORG_WORDS
from .names import short_company
from .normalise import fold
from .words import demonym

#: What may follow a company's short name in its full one ("Group", "Electronics", "International").
CORPORATE = ORG_WORDS | frozenset(("international", "global", "worldwide", "uk", "us", "europe"))

#: A first word rarer than this (Zipf) may stand alone for the company: "Avanti" for Avanti West
#: Coast, "Northcrest" for Northcrest Minerals; not "Federal" nor "Bank".
RARE_FIRST_WORD = 3.0


# Cached: group_names compares every pair of an article's names, and again for each grouping.
@lru_cache(maxsize=1 << 16)
def shortens(short: str, full: str) -> bool:
    """Whether ``short`` is how this article shortens the organisation ``full``: without its legal
    form ("Country Garden" for Country Garden Holdings Co Ltd), without the country that opens it
    ("Vanke" for China Vanke Co, "Evergrande" for China Evergrande Group) or the region that ends
    it ("IMANI" for IMANI Africa), the founder's surname of a company named after them ("Disney" for
    Walt Disney Co), or by a rare first word alone."""
    known = knowledge()
    base = company_name(full)
    legal = base is not None or (" " not in short and known.frequency(short) < RARE_FIRST_WORD)
    words = (base or full).split()
    forms = [words]
    if len(words) >= 3 and (p := known.place(fold(words[0]))) is not None and p.region:
        forms.append(words[1:])
    elif len(words) == 2 and _national(words[0]) and known.frequency(words[1]) < RARE_FIRST_WORD:
        forms.append(words[1:])  # "Vanke" for China Vanke Co, "Aramco" for Saudi Aramco; not "Daily"
    elif len(words) == 2 and base is not None and _distinctive(words[1]):
        forms.append(words[1:])  # "Couche-Tard" for Alimentation Couche-Tard Inc
    if len(words) >= 2 and fold(words[0]) in ARABIC_ARTICLES:
        forms.append(words[1:])  # "Ahly" for Al Ahly
    if len(words) >= 3 and fold(words[0]) in ROMANCE_HEADS and " " not in short:
        forms.append(words[1:2])  # "Popular" for Banco Popular Dominicano, "Liberación" for its party
    if base is not None and len(words) == 2 and known.given_name(fold(words[0])):
        forms.append(words[1:])  # "Disney" for Walt Disney Co: a founder's surname
    while len(words) >= 2 and (p := known.place(fold(words[-1]))) is not None and p.region:
        words = words[:-1]
        forms.append(words)
    if len(words) == 3 and fold(words[0]) in SEATS_OF_LEARNING and fold(words[1]) == "of":
        forms.append(words[2:])  # "Oxford" for the University of Oxford, where it is the university
    return any(short_company(short, " ".join(form), CORPORATE, legal) or fold(short) == fold(" ".join(form))
               or clipped(short, form) for form in forms) or _without_kind(short, base or full) \
        or _opening_words(short, base) or _country_unit(short, base or full)


def _country_unit(short: str, full: str) -> bool:
    """"Orange CI" for Orange Côte d'Ivoire S.A.: a group's unit in a country, the country written
    as its ISO code."""
    words = short.split()
    if len(words) < 2 or len(words[-1]) != 2 or not words[-1].isupper():
        return False
    head = fold(" ".join(words[:-1]))
    whole = fold(full)
    return whole.startswith(head + " ") and country_code(whole[len(head) + 1:]) == words[-1]


def _opening_words(short: str, base: str | None) -> bool:
    """"Quinn Emanuel" for Quinn Emanuel Urquhart & Sullivan LLP, "Siemens Gamesa" for Siemens
    Gamesa Renewable Energy SA: two words or more that open a name with a legal form, which says
    the whole is one company's name (a first word alone may be a family's or a group's). Whole
    words as written: "Air France" is a sister of Air France-KLM SA; and no place's name, which
    stays the place ("Abu Dhabi" of Abu Dhabi Developmental Holding Company)."""
    if base is None or knowledge().place(fold(short)) is not None:
        return False
    words, whole = [fold(w) for w in short.split()], [fold(w) for w in base.split()]
    return len(words) >= 2 and whole[:len(words)] == words and len(whole) > len(words)


def _distinctive(word: str) -> bool:
    """A word that names one thing, not what kind: rare, no place's name, no given name."""
    known = knowledge()
    folded = fold(word)
    return (word[:1].isupper() and known.frequency(word) < RARE_FIRST_WORD and known.place(folded) is None
            and not known.given_name(folded.split(" ")[0]))


#: Bodies called by their town's name alone.
SEATS_OF_LEARNING = frozenset(("university", "universidad", "college"))


def _without_kind(short: str, full: str) -> bool:
    """"Kestrel Ghana" for Kestrel Bank Ghana Ltd: the name without the words that say what kind
    of body it is, two words at least."""
    words = fold(short).split()
    kept = [w for w in fold(full).split() if w not in CORPORATE]
    return len(words) >= 2 and words == kept and len(kept) < len(fold(full).split())


#: What kind of body a Spanish, Portuguese, French or Italian name says first, the word after it
#: being the one its people call it by: "Banco Popular Dominicano" is "Popular", the "Partido
#: Liberación Nacional" "Liberación".
ROMANCE_HEADS = frozenset(
    "banco banca banque partido parti partito grupo gruppo groupe frente movimiento movimento".split()
)

#: The Arabic article opening a club's or a company's name, which news drops: "Al Ahly", "Ahly".
ARABIC_ARTICLES = frozenset(("al", "el"))


def _national(word: str) -> bool:
    place = knowledge().place(fold(word))
    return (place is not None and place.region) or demonym(word)


def short_forms(name: str) -> list[str]:
    """The shorter names to look for in an article that writes the organisation ``name`` in
    full: without its legal form ("Northcrest Minerals"), and a rare word that stands for it
    alone ("Takeda", "Marfrig", "Vanke", "Ahly"). Common words ("Access", "Three") are left
    out: found alone, they are mostly words."""
    base = company_name(name)
    words = (base or name).split()
    found = [base] if base is not None and " " in base else []
    known = knowledge()
    if _national(words[-1]):
        return found  # "Kestrel Bank Ghana" is a country's unit: "Kestrel" alone is the group
    for word in (words[0], words[1] if len(words) == 2 else ""):
        if word[:1].isupper() and len(word) >= 3 and known.frequency(word) < RARE_FIRST_WORD \
                and known.place(fold(word)) is None and shortens(word, name):
            found.append(word)
    return found


def clipped(short: str, words: list[str]) -> bool:
    """"the Fed" for the (US) Federal Reserve: a capitalised word cut from the name's first word.
    Only a short cut of a longer name, so that "Bank" never stands for "Bankers Association"."""
    if " " in short or not 3 <= len(short) <= 5 or not short.istitle() or len(words) < 2:
        return False
    first = fold(words[0])
    return len(first) >= len(short) + 3 and first.startswith(fold(short))


#: A town smaller than this may be the word a company named after it is called by.
TOWN_SIZED = 100_000


def town_company(short: str, companies: list[str]) -> bool:
    """"Kongsberg" after "Kongsberg Gruppen ASA", "Woodside" after "Woodside Energy Group Ltd": a
    small town's name (no region) opening a company's name with a legal form, which the article
    calls the company by; a region's or a city's name stays the place."""
    place = knowledge().place(fold(short))
    if " " in short or place is None or place.region or place.population >= TOWN_SIZED:
        return False
    return any(company_name(c) is not None and fold(c).startswith(fold(short) + " ") for c in companies)
