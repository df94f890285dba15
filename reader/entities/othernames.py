"""Another name for something the article has already named, given after it in a clause that
says so: "Energistyrelsen, as the agency is known in Danish", "Ilulissat, which Danes still call
Jakobshavn". ("X, known as Y", where the clause follows the first name, is in expansions.py.)"""

from __future__ import annotations

import re

from .normalise import fold
from .spans import Candidate

_NAME = r"[A-ZÀ-ÖØ-Þ][\w'’-]*(?: [A-ZÀ-ÖØ-Þ][\w'’-]*){0,4}"

# "Veðurstofa Íslands, as the office is called in Icelandic": the head noun says which of the
# names before it is meant, the last one that has that word.
_AS_THE = re.compile(rf"(?<![\w'’-])({_NAME}), as the ([a-z]+) is (?:known|called)\b")

# "Ilulissat, the regional hub, which Danes still sometimes call Jakobshavn": a people's own name
# for the place named right before the clause (a short description between the two allowed).
_WHICH_CALL = re.compile(
    rf", (?:[a-z][^,.;:]{{0,40}}, )?which (?:the )?[A-Z][a-z]+s (?:[a-z]+ ){{0,3}}?call ({_NAME})"
)

# "Greenland, whose people are mostly Inuit, is a self-governing ... Its people call it Kalaallit
# Nunaat.": the name that opens the sentence before, called so by its own people.
_CALL_IT = re.compile(rf"(?:^|(?<=[.!?] ))(?:Its|Their) (?:own )?(?:people|residents|inhabitants|citizens) "
                      rf"(?:still |often |usually )?call it ({_NAME})", re.MULTILINE)


def other_names(text: str, candidates: list[Candidate]) -> tuple[list[tuple[str, str]], list[Candidate]]:
    """Pairs of one thing's two names, and the other name as a candidate where none was found."""
    links: list[tuple[str, str]] = []
    extra: list[Candidate] = []
    by_start = {c.start: c for c in candidates}
    ordered = sorted(candidates, key=lambda c: c.end)

    def other(start: int, end: int) -> Candidate:
        found = by_start.get(start)
        if found is None:
            found = Candidate(start, end, text[start:end], (), "link")
            extra.append(found)
        return found

    for match in _AS_THE.finditer(text):
        noun = match.group(2)
        before = [c for c in ordered if c.end <= match.start() and noun in fold(c.text).split()]
        if before:
            links.append((before[-1].text, other(*match.span(1)).text))
    for match in _WHICH_CALL.finditer(text):
        named = next((c for c in ordered if c.end == match.start()), None)
        if named is not None:
            links.append((named.text, other(*match.span(1)).text))
    for match in _CALL_IT.finditer(text):
        prior = text[:match.start()].rstrip()
        opening = max(prior.rfind(". ", 0, len(prior) - 1), prior.rfind("\n")) + 1
        while opening < len(prior) and prior[opening] == " ":
            opening += 1
        named = by_start.get(opening)
        if named is not None:
            links.append((named.text, other(*match.span(1)).text))
    return links, extra
