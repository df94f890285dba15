"""How news shortens an organisation's name within one article: "Vanke" for China Vanke Co."""

from __future__ import annotations

from .knowledge import company_name, knowledge
from .lexicon import ORG_WORDS
from .names import short_company
from .normalise import fold

#: What may follow a company's short name in its full one ("Group", "Electronics", "International").
CORPORATE = ORG_WORDS | frozenset(("international", "global", "worldwide", "uk", "us", "europe"))

#: A first word rarer than this (Zipf) may stand alone for the company: "Avanti" for Avanti West
#: Coast, "Northcrest" for Northcrest Minerals; not "Federal" nor "Bank".
RARE_FIRST_WORD = 3.0


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
    if base is not None and len(words) == 2 and known.given_name(fold(words[0])):
        forms.append(words[1:])  # "Disney" for Walt Disney Co: a founder's surname
    while len(words) >= 2 and (p := known.place(fold(words[-1]))) is not None and p.region:
        words = words[:-1]
        forms.append(words)
    return any(short_company(short, " ".join(form), CORPORATE, legal) or fold(short) == fold(" ".join(form))
               or clipped(short, form) for form in forms)


def clipped(short: str, words: list[str]) -> bool:
    """"the Fed" for the (US) Federal Reserve: a capitalised word cut from the name's first word.
    Only a short cut of a longer name, so that "Bank" never stands for "Bankers Association"."""
    if " " in short or not 3 <= len(short) <= 5 or not short.istitle() or len(words) < 2:
        return False
    first = fold(words[0])
    return len(first) >= len(short) + 3 and first.startswith(fold(short))
