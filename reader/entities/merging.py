"""The rules that decide which folded names are one entity across the library."""

from __future__ import annotations

from collections import Counter, defaultdict
from functools import lru_cache

from .countries import country_code
from .knowledge import shorter_forms
from .names import (
    NEAR_LENGTH,
    expands,
    initials,
    is_acronym,
    looks_like_person,
    name_words,
    part_of_person,
    same_words,
    surnames,
)
from .normalise import fold
from .qualifiers import merge_qualified

#: Evidence from a first name or surname the library already knows as a person's.
KNOWN_NAME_PART = 1.0



class Forms:
    """Union-find over folded names, with what the library says about each one."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        #: Weighted votes for each kind. The weights are floats, which a Counter holds at run time
        #: but typeshed types as int: hence the ignores where a weight is added.
        self.kinds: dict[str, Counter[str]] = defaultdict(Counter)
        self.spellings: dict[str, Counter[str]] = defaultdict(Counter)
        self.articles: dict[str, set[str]] = defaultdict(set)

    def add(self, key: str, spelling: str, kind: str, article_id: str, weight: float, count: int = 1) -> None:
        """``count`` mentions of one spelling in one article."""
        self.find(key)
        kinds = self.kinds[key]
        for _ in range(count):  # added one by one, so the sums are those of one add per mention
            kinds[kind] += weight  # type: ignore[assignment]  # float weights, see self.kinds
        self.spellings[key][spelling] += count
        self.articles[key].add(article_id)

    def find(self, key: str) -> str:
        parent = self.parent
        while parent.setdefault(key, key) != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[ra] = rb

    def kind(self, key: str) -> str:
        # max() keeps the first of equals, as most_common(1) does, at a fraction of the cost.
        kinds = self.kinds[key]
        return max(kinds, key=kinds.__getitem__)

    def shown(self, key: str) -> str:
        spellings = self.spellings[key]
        return max(spellings, key=spellings.__getitem__)


def merge_all(forms: Forms) -> None:
    """Every library-wide rule, in the order that lets each build on the last."""
    _merge_legal_forms(forms)
    _merge_countries(forms)
    _merge_albanian_forms(forms)
    _learn_names(forms)
    _merge_people(forms)
    _merge_spellings(forms)
    _merge_acronyms(forms)
    merge_qualified(forms)
    _merge_lone_surnames(forms)


def _learn_names(forms: Forms) -> None:
    """First names and surnames of people the library is sure of count for names it is not sure
    of: "Jorge Rodríguez" makes "César Rodríguez Berrizbeitía" likelier a person. Learned from
    the articles themselves, not from a list."""
    given: set[str] = set()
    family: set[str] = set()
    unsure = []
    for key, kinds in forms.kinds.items():
        words = name_words(key)
        total = sum(kinds.values())
        if len(words) < 2 or not total:
            continue
        if kinds["person"] / total >= 0.75 and total >= 2:
            given.add(words[0])
            family.add(words[-1])
        elif looks_like_person(forms.shown(key)):
            unsure.append((key, words))
    for key, words in unsure:
        known = (words[0] in given) + any(word in family for word in words[1:])
        if known:
            forms.kinds[key]["person"] += KNOWN_NAME_PART * known  # type: ignore[assignment]  # see Forms.kinds


def _merge_legal_forms(forms: Forms) -> None:
    """"Microsoft Corp" is Microsoft, "Honda Motor Co., Ltd." Honda Motor: a company's legal form
    says what it is, not which one, once the name without it is in the library too; so does the
    last of two forms ("Nissan Motor Co." and "Nissan Motor Co., Ltd"). Only forms dropped from the
    end: "Merck & Co." and "Merck KGaA" share a name and are two companies."""
    # (Names with one base of two words or more are one company even when no article writes the
    # base alone; a one-word base is shared by strangers.)
    bases: dict[str, str] = {}
    for key in list(forms.kinds):
        shorter = shorter_forms(forms.shown(key))
        for base in shorter:
            if fold(base) in forms.kinds:
                forms.union(key, fold(base))
        if shorter and " " in shorter[-1].strip() and fold(shorter[-1]) not in forms.kinds:
            forms.union(key, bases.setdefault(fold(shorter[-1]), key))


def _merge_countries(forms: Forms) -> None:
    """"Türkiye" is Turkey, "Britain" the United Kingdom: the names of one country are one entity,
    unless the library takes one of them for a person ("Jordan")."""
    first: dict[str, str] = {}
    for key in list(forms.kinds):
        code = country_code(key)
        if code is None or forms.kind(key) == "person":
            continue
        if code in first:
            forms.union(key, first[code])
        else:
            first[code] = key


def _merge_albanian_forms(forms: Forms) -> None:
    """"Tiranë" and "Tirana", "Vlorë" and "Vlora": an Albanian place's name, and the same name in
    the definite form that Albanian (and so much English copy) uses; a final "ë" is Albanian's
    alone. Only between places, as the library takes them."""
    for key in list(forms.kinds):
        if not key.endswith("e") or not any(s.endswith("ë") for s in forms.spellings[key]):
            continue
        other = key[:-1] + "a"
        if other in forms.kinds and forms.kind(key) == forms.kind(other) == "place":
            forms.union(key, other)


def _people(forms: Forms) -> list[str]:
    return [k for k in list(forms.kinds) if forms.kind(k) == "person"]


class _NearIndex:
    """Keys by the words they hold, found again from any word within one edit of one of them.

    Each word is filed under itself and, when long enough for ``near`` to allow a typo, under
    each way of dropping one letter: two words one edit apart always share one of those. The
    rules then check only the few keys that share one, not every pair in the library. A word
    may be filed under a place (its position in the name), to be found only there.
    """

    def __init__(self) -> None:
        self._keys: dict[tuple[int, str], set[str]] = defaultdict(set)

    def add(self, key: str, word: str, place: int = 0) -> None:
        for variant in _variants(word):
            self._keys[(place, variant)].add(key)

    def near(self, word: str, place: int = 0) -> set[str]:
        found: set[str] = set()
        for variant in _variants(word):
            found |= self._keys.get((place, variant), set())
        return found


@lru_cache(maxsize=1 << 16)
def _variants(word: str) -> frozenset[str]:
    if len(word) < NEAR_LENGTH:
        return frozenset((word,))
    return frozenset({word} | {word[:i] + word[i + 1:] for i in range(len(word))})


def _merge_people(forms: Forms) -> None:
    """Shorter full names into the one longer name they fit: "Antonio Ledezma" into "Antonio José
    Ledezma Díaz"; never when two different people would fit ("Rodríguez")."""
    people = sorted(_people(forms), key=lambda k: -len(k.split()))
    # A longer name holds the shorter one's last word somewhere after its first.
    later_words = _NearIndex()
    for key in people:
        for word in name_words(key)[1:]:
            later_words.add(key, word)
    for short in people:
        words = name_words(short)
        if len(short.split()) < 2 or not words:
            continue
        stem = _stem(short.split()[0])
        owners = {forms.find(long) for long in later_words.near(words[-1])
                  if long != short and _stem(long.split()[0]) == stem and part_of_person(short, long)}
        owners.discard(forms.find(short))
        if len(owners) == 1:
            forms.union(short, owners.pop())


def _stem(word: str) -> str:
    # Typos rarely touch the first two letters: comparing only names that share them keeps a
    # large library from comparing every name with every other.
    return word[:2]


def _merge_spellings(forms: Forms) -> None:
    """"Ledzema" and "Ledezma", "Lepoldo López" and "Leopoldo López": typos in real copy."""
    buckets: dict[tuple[int, str], list[str]] = defaultdict(list)
    for key in forms.kinds:
        words = name_words(key)
        if words:
            buckets[(len(words), _stem(words[-1]))].append(key)
    kinds = {key: forms.kind(key) for key in forms.kinds}
    for keys in buckets.values():
        order = {key: i for i, key in enumerate(keys)}
        # Names of one bucket have as many words: every word must be near its counterpart.
        words_at = _NearIndex()
        for key in keys:
            for place, word in enumerate(name_words(key)):
                words_at.add(key, word, place)
        for i, a in enumerate(keys):
            wa = name_words(a)
            candidates = set.intersection(*(words_at.near(word, place) for place, word in enumerate(wa)))
            later = sorted((b for b in candidates if order[b] > i), key=order.__getitem__)
            matches = {forms.find(b) for b in later if kinds[a] == kinds[b] and same_words(wa, name_words(b))}
            matches.discard(forms.find(a))
            if len(matches) == 1:
                forms.union(a, matches.pop())


def _merge_acronyms(forms: Forms) -> None:
    """"OAS" and "Organization of American States", when both occur and only one fits."""
    by_letters: dict[str, set[str]] = defaultdict(set)
    for key in forms.kinds:
        shown = forms.shown(key)
        if len(key.split()) >= 2 and forms.kind(key) != "person":
            for letters in (initials(shown), initials(shown, with_particles=True), initials(shown, whole=True)):
                by_letters["".join(sorted(letters))].add(key)
    for key in list(forms.kinds):
        shown = forms.shown(key)
        if not is_acronym(shown) or forms.kind(key) == "person":
            continue
        letters = "".join(sorted(c for c in shown.upper() if c.isalpha()))
        matches = {forms.find(other) for other in by_letters.get(letters, ())
                   if forms.kind(other) == forms.kind(key) and expands(shown, forms.shown(other))}
        matches.discard(forms.find(key))
        if len(matches) == 1:
            forms.union(key, matches.pop())


def _merge_lone_surnames(forms: Forms) -> None:
    """A surname used alone, in an article without the full name, joins the one person who has it."""
    people = _people(forms)
    by_surname = _NearIndex()
    stems: dict[str, set[str]] = defaultdict(set)
    # (As written, not folded: "Park Ji-hoon" says by its hyphen that Park is the family name.)
    for key in people:
        for word in surnames(forms.shown(key)):
            by_surname.add(key, word)
            stems[key].add(_stem(word))
    for key in people:
        if len(key.split()) != 1 or forms.find(key) != key:
            continue
        words = name_words(key)
        candidates = by_surname.near(words[0]) if words else ()
        owners = {forms.find(p) for p in candidates
                  if _stem(key) in stems[p] and part_of_person(key, forms.shown(p))}
        if len(owners) == 1:
            forms.union(key, owners.pop())
