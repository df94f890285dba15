"""One name in two spellings: German umlauts written out ("Müller", "Mueller"), as wire copy and
keyboards without them do; a body's name in its own language and in English ("Banco de México",
"Bank of Mexico"); a word clipped from a long name ("Banxico"); a name by its first word ("Smer")."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .lexicon import PARTICLES
from .normalise import fold
from .spans import Candidate

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def written_out(candidates: list[Candidate]) -> list[tuple[str, str]]:
    """(name, the same name with its umlauts written out) for each pair the article has."""
    names = {c.text for c in candidates}
    return [(name, out) for name in names if (out := name.translate(_UMLAUTS)) != name and out in names]


#: Words of institutions' names as Spanish, Portuguese, French and Italian write them, in English:
#: "Banco de México" is the Bank of Mexico, "Consejo Nacional Electoral" the National Electoral
#: Council. The words of the language, not of any one body.
_IN_ENGLISH = {
    **dict.fromkeys(("banco", "banque", "banca"), "bank"),
    **dict.fromkeys(("corte", "tribunal", "cour", "tribunale"), "court"),
    **dict.fromkeys(("ministerio", "ministere", "ministero", "ministerie"), "ministry"),
    **dict.fromkeys(("nacional", "nazionale", "nationale"), "national"),
    **dict.fromkeys(("centrale",), "central"),
    **dict.fromkeys(("supremo", "suprema", "supreme"), "supreme"),
    **dict.fromkeys(("consejo", "conseil", "consiglio", "conselho"), "council"),
    **dict.fromkeys(("instituto", "institut", "istituto"), "institute"),
    **dict.fromkeys(("partido", "parti", "partito"), "party"),
    **dict.fromkeys(("agencia", "agence", "agenzia"), "agency"),
    **dict.fromkeys(("comision", "commissione", "comissao"), "commission"),
    **dict.fromkeys(("universidad", "universite", "universita", "universidade"), "university"),
    **dict.fromkeys(("federale", "federal"), "federal"),
    **dict.fromkeys(("electoral", "elettorale"), "electoral"),
    **dict.fromkeys(("asamblea", "assemblee", "assemblea", "assembleia"), "assembly"),
    **dict.fromkeys(("policia", "polizia"), "police"),
    **dict.fromkeys(("servicio", "servizio", "servico"), "service"),
}
_LINKS = frozenset("of de del di du des della dello da do dos das the la le el".split())


def translated(candidates: list[Candidate]) -> list[tuple[str, str]]:
    """(name, the same body's name in English) for each pair the article has: the same words, in
    any order (Romance names put the adjectives after the noun), once translated."""

    def words(name: str) -> tuple[str, ...] | None:
        folded = [w for w in fold(name).split() if w not in _LINKS]
        if len(folded) < 2 or not any(w in _IN_ENGLISH for w in folded):
            return None
        return tuple(sorted(_IN_ENGLISH.get(w, w) for w in folded))

    english: dict[tuple[str, ...], str] = {}
    foreign: dict[tuple[str, ...], str] = {}
    for name in {c.text for c in candidates}:
        folded = fold(name).split()
        key = tuple(sorted(w for w in folded if w not in _LINKS))
        if len(key) >= 2:
            english.setdefault(key, name)
        if (translation := words(name)) is not None and translation != key:
            foreign.setdefault(translation, name)
    return [(name, english[key]) for key, name in foreign.items() if key in english]


def clipped(candidates: list[Candidate], links: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(name, the word clipped from it): "Banxico" of Banco de México, "Petrobras" of Petróleo
    Brasileiro: the start of the name's first word and the start or the end of its last, when one
    name of the article fits (or several ``links`` already make one: "Bank of Mexico" too)."""
    names = {c.text for c in candidates}
    linked = {frozenset(pair) for pair in links}
    long = [(n, [w for w in fold(n).split() if w not in _LINKS]) for n in names if " " in n]
    found = []
    for word in names:
        low = fold(word)
        if " " in word or len(low) < 6 or word.isupper() or not low.isalpha() or knowledge().place(low):
            continue
        fits = [name for name, words in long if len(words) >= 2 and low not in words and _clips(low, words)]
        if fits and all(frozenset((fits[0], other)) in linked for other in fits[1:]):
            found.append((fits[0], word))
    return found


def _clips(word: str, words: list[str]) -> bool:
    first, last = words[0], words[-1]
    for size in range(2, min(len(first), len(word) - 3) + 1):
        if word[:size] != first[:size]:
            break
        rest = word[size:]
        if len(rest) >= 3 and rest != last and (last.startswith(rest) or last.endswith(rest)):
            return True
    return False


#: A name whose second half is an acronym after a dash: "Smer–SD", "Fidesz-KDNP".
_DASHED_ACRONYM = re.compile(r"([A-ZÀ-ÖØ-Þ][\w'’]+)[-–—]([A-Z]{1,5})")


def head_words(candidates: list[Candidate]) -> list[tuple[str, str]]:
    """(name, the word it opens with) where the article calls it by that word alone: a party by
    its first half before a dashed acronym ("Smer" for Smer–SD, the acronym naming the wing it
    joined), and a town by the word before its particles ("Santiago" for Santiago de los
    Caballeros), when the gazetteer knows the whole as a town."""
    alone = {fold(c.text): c.text for c in candidates if " " not in c.text}
    links = []
    for name in {c.text for c in candidates}:
        if (dashed := _DASHED_ACRONYM.fullmatch(name)) is not None:
            head = dashed.group(1)
        else:
            words = name.split()
            place = knowledge().place(fold(name)) if len(words) >= 3 else None
            # Not a region's: "Davao del Sur" is the province, "Davao" the city; nor two joined.
            if place is None or place.region or fold(words[1]) not in PARTICLES - {"and", "y", "e"}:
                continue
            head = words[0]
        if (short := alone.get(fold(head))) is not None and short != name:
            links.append((name, short))
    return links
