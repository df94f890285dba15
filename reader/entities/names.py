"""Comparisons between names: acronyms, surnames, full names and near-miss spellings."""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import PARTICLES
from .normalise import fold

#: Words that open a place name and so rule out a person ("San Juan", "La Hoyada", "New Era").
PLACE_OPENERS = frozenset(
    "el la las los le les al the san santa santo saint st sao norte sur north south east west "
    "new upper lower great greater port fort mount lake cape".split()
)


@lru_cache(maxsize=1 << 16)
def is_acronym(name: str) -> bool:
    """"OAS", "PSUV", "IACHR": one short token written in capitals."""
    word = name.strip()
    if " " in word or not 2 <= len(word) <= 7:
        return False
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and sum(c.isupper() for c in letters) >= max(2, len(letters) - 1)


@lru_cache(maxsize=1 << 16)
def initials(name: str, with_particles: bool = False, whole: bool = False) -> str:
    """First letters of the name's words; ``whole``: an acronym inside gives all its letters, as
    "USAID" spells the US Agency for International Development."""
    parts = re.split(r"[\s\-–]+", name)
    return "".join(
        (p if whole and is_acronym(p) and p.isupper() else fold(p[0]) or p[0]).upper() for p in parts
        if p and p[0].isalpha() and (with_particles or fold(p) not in PARTICLES)
    )  # (folded: "EDF" spells Électricité de France)


@lru_cache(maxsize=1 << 16)
def expands(acronym: str, full: str) -> bool:
    """Whether ``full`` spells out ``acronym``, in English or in a Romance word order.

    "National Electoral Council" is the CNE (Consejo Nacional Electoral) and "National
    Assembly" the AN: the same initials in another order. Short ones match by chance
    too ("AN" for Asamblea Nacional); callers ask for a single candidate of the same kind.
    """
    acr = "".join(c for c in fold(acronym).upper() if c.isalpha())
    if len(full.split()) < 2:
        return False
    for letters in (initials(full), initials(full, with_particles=True), initials(full, whole=True)):
        if letters == acr:
            return True
        if sorted(letters) == sorted(acr):
            return True
    if _with_legal_form(acr, full):
        return True
    # "TSX" for the Toronto Stock Exchange, "ASX" for the Australian Securities Exchange: an
    # exchange's letters end in X.
    if acr.endswith("X") and fold(full).split()[-1] == "exchange" and initials(full)[:-1] + "X" == acr:
        return True
    # "DPS" for the Texas Department of Public Safety: the state whose body it is, left out.
    first, _, rest = full.partition(" ")
    return (len(rest.split()) >= 3 and first.isalpha() and rest[:1].isupper() and _region(first)
            and initials(rest) == acr)


def _with_legal_form(letters: str, full: str) -> bool:
    """"SCG" for Siam Cement Group PCL, "TSMC" for Taiwan Semiconductor Manufacturing Co Ltd: a
    company's initials without its legal form, or with the first words of it ("Co" of "Co Ltd")."""
    from .knowledge import company_name  # the data loads on first use, not at import

    base = company_name(full)
    if base is None or len(base.split()) < 2:
        return False
    form = initials(full[len(base):])
    return any(letters == head + form[:size] for head in {initials(base), initials(base, with_particles=True)}
               for size in range(len(form) + 1))


def _region(word: str) -> bool:
    from .knowledge import knowledge  # the data loads on first use, not at import

    place = knowledge().place(fold(word))
    return place is not None and place.region


# Cached: group_names compares every pair of an article's names, and again for each grouping.
@lru_cache(maxsize=1 << 16)
def loosely_expands(acronym: str, full: str) -> bool:
    """Whether the initials of ``full`` run through ``acronym`` in order, in English word order or
    with the head noun first as Spanish puts it, the acronym taking more letters of some words:
    "SEBIN" (Servicio Bolivariano de Inteligencia) for "Bolivarian Intelligence Service". Weaker
    than ``expands``: only for an article's one fitting name, of three words or more."""
    acr = "".join(c for c in fold(acronym).upper() if c.isalpha())
    letters = initials(full)
    if len(letters) < 3 or len(acr) > 2 * len(letters):
        return False
    for order in (letters, letters[-1] + letters[:-1]):
        if acr[0] != order[0]:
            continue
        rest = iter(acr)
        if all(letter in rest for letter in order):
            return True
    return False


@lru_cache(maxsize=1 << 16)
def name_words(name: str) -> tuple[str, ...]:
    """Folded words of a name without particles: "Norte de Santander" -> ("norte", "santander")."""
    return tuple(w for w in fold(name).split() if w not in PARTICLES)


#: Words after a surname that are no part of it: "Ferdinand Marcos Jr", "John Smith III".
NAME_SUFFIXES = frozenset("jr junior sr senior ii iii iv".split())


def surnames(name: str) -> list[str]:
    """The words a person is called by alone (see :func:`_surnames`)."""
    return list(_surnames(name))


# Cached: the pairwise loops of group_names ask for the same names' surnames over and over.
@lru_cache(maxsize=1 << 16)
def _surnames(name: str) -> tuple[str, ...]:
    """The words a person is called by alone: the last (before a "Jr"); in a Spanish name of four
    parts, or of three whose middle one is no given name, the paternal surname before it
    ("Antonio José Ledezma Díaz" -> Díaz, Ledezma; "Joaquín Guzmán Loera" -> Loera, Guzmán); a
    word before a particle ("François Villeroy de Galhau" -> Galhau, Villeroy); the first word
    alone of a name written family name first ("Park Ji-hoon" -> Park)."""
    if _FAMILY_NAME_FIRST.fullmatch(name):
        return (fold(name.split()[0]),)
    words = [w for w in fold(name).split() if w.strip(".") not in NAME_SUFFIXES]
    parts = tuple(w for w in words if w not in PARTICLES)
    if len(parts) < 2:
        return ()
    found = [parts[-1]]
    if len(parts) >= 4 or (len(parts) == 3 and not _given(parts[1])):
        # Spanish names carry the father's surname first, and it is the one used alone: "Joaquín
        # Guzmán Loera" is Guzmán. A middle word that is a given name is one: "Ana Lucía Ferrer".
        found.append(parts[-2])
    for index in range(2, len(words)):
        if words[index] in PARTICLES and words[index - 1] not in PARTICLES and words[index - 1] not in found:
            found.append(words[index - 1])
    return tuple(found)


#: A short family name, then a given name of two short syllables joined by a hyphen: "Park
#: Ji-hoon", "Lai Ching-te". The family name is the one written alone. (Not "Hirokazu Kore-eda",
#: a given name first and a surname of two parts.)
_FAMILY_NAME_FIRST = re.compile(r"[A-Z][a-z]{1,5} [A-Z][a-z]{1,4}-[a-z]{1,4}")


def _given(word: str) -> bool:
    from .knowledge import knowledge  # the data loads on first use, not at import

    return knowledge().given_name(word)


#: Words shorter than this are never typos of each other: "Hansen" need not be Jansen.
NEAR_LENGTH = 7


def near(a: str, b: str) -> bool:
    """Folded words within one edit (a swap counts as one) and long enough for that to be a
    typo rather than another name: "Ledzema" is Ledezma, "Hansen" need not be Jansen."""
    if a == b:
        return True
    if min(len(a), len(b)) < NEAR_LENGTH or abs(len(a) - len(b)) > 1:
        return False
    return _damerau_at_most_one(a, b)


def _damerau_at_most_one(a: str, b: str) -> bool:
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if i == len(a):
        return False  # "venezuela"/"venezuelan": a suffix is grammar, not a typo
    if len(a) == len(b):
        rest_same = a[i + 1:] == b[i + 1:]
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
        return rest_same or swapped
    return a[i:] == b[i + 1:]


def same_words(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Word lists equal up to typos; in a name of several words, at least one word exactly equal."""
    if len(a) != len(b) or not a:
        return False
    pairs = list(zip(a, b, strict=True))
    return (len(a) == 1 or any(x == y for x, y in pairs)) and all(near(x, y) for x, y in pairs)


# Cached: group_names compares every pair of an article's names, and again for each grouping.
@lru_cache(maxsize=1 << 16)
def part_of_person(short: str, full: str) -> bool:
    """Whether ``short`` is a shorter way of writing the person ``full``.

    "Antonio Ledezma" in "Antonio José Ledezma Díaz", "César Rodríguez" in "César Rodríguez
    Berrizbeitía": the first name agrees and every other word appears later in the full name,
    in order. A lone word must be one of the full name's surnames.
    """
    s, f = _person_words(short), _person_words(full)
    if not s or len(s) >= len(f):
        return False
    if len(s) == 1:
        return any(near(s[0], x) for x in _surnames(full))
    if s == f[-len(s):]:
        return True  # a surname of several words: "Poupart-Lafarge", "Ramírez Ochoa", "Lujan Grisham"
    if not near(s[0], f[0]):
        return False
    position = 1
    for word in s[1:]:
        while position < len(f) and not near(word, f[position]):
            position += 1
        if position == len(f):
            return False
        position += 1
    return True


@lru_cache(maxsize=1 << 16)
def _person_words(name: str) -> tuple[str, ...]:
    """A person's name's words as :func:`part_of_person` compares them: no particles, no "Jr"."""
    return tuple(w for w in name_words(name) if w.strip(".") not in NAME_SUFFIXES)


# Cached: group_names compares every pair of an article's names, and again for each grouping.
@lru_cache(maxsize=1 << 16)
def middle_name_of(short: str, full: str) -> bool:
    """"Alonso" for Diego Alonso Pereyra: the middle one of three names, a given name or a surname,
    which the article may call the person by when no one else's name has it as a surname. Never
    an initial ("Ingrid G. Gustafson"), nor a place's name ("George Washington Carver").
    Of four names, the second: a father's surname before a mother's of two words ("Giménez"
    for Carla Giménez Ruiz Díaz, "Valdez" for Héctor Valdez Albizu de León)."""
    from .knowledge import knowledge  # the data loads on first use, not at import

    s, f = name_words(short), name_words(full)
    return (len(s) == 1 and len(f) in (3, 4) and s[0] == f[1] and len(f[1]) >= 3 and "." not in f[1]
            and knowledge().place(f[1]) is None)


_ENGLISH_LINKS = frozenset("of for and on the".split())


@lru_cache(maxsize=1 << 16)  # asked of each mention twice, by the cues and the votes
def looks_like_person(name: str) -> bool:
    """Shape only: two to five words, capitalised but for particles inside ("Jean-Marie Le Pen",
    "Noah van den Heuvel"), the first no particle or place opener, at most four capitalised."""
    parts = name.split()
    if not 2 <= len(parts) <= 5 or fold(parts[0]) in PLACE_OPENERS or fold(parts[0]) in PARTICLES:
        return False
    inner = [p for p in parts[1:-1] if fold(p) in PARTICLES]
    named = [p for p in parts if p not in inner]
    if len(named) > 4 or fold(parts[-1]) in PARTICLES or any(fold(p) in _ENGLISH_LINKS for p in inner):
        return False  # (an English "of" or "and" joins a body's words: "Kenya Conference of Catholic Bishops")
    return all(p[:1].isupper() and p[1:2].islower() for p in named)


def short_company(short: str, full: str, corporate: frozenset[str], legal: bool) -> bool:
    """Whether ``short`` is how news shortens the company ``full``: its first words, the rest
    being what kind of company it is or its legal form ("Sony" for "Sony Group Corp", "Oxfam" for
    "Oxfam International"), or, when ``full`` has a legal form, its first word alone ("Activision"
    for "Activision Blizzard Inc")."""
    s, f = fold(short).split(), fold(full).split()
    if not s or len(s) >= len(f) or f[:len(s)] != s:
        return False
    rest = [w.strip(".,") for w in f[len(s):]]
    return all(w in corporate or w in ("&", "and", "co") for w in rest) or (legal and len(s) == 1)
