"""A company's legal form, where the model left it out of the name or took it for a name alone:
"Equinor" + "ASA", "Frutas del Pacífico Cía." + "Ltda.", "Banco Popular Dominicano, S.A."."""

from __future__ import annotations

import re

from .knowledge import knowledge
from .spans import Candidate
from .words import dotted_abbreviation

_NAME_BEFORE = re.compile(r"([A-ZÀ-ÖØ-Þ][\w&'’-]*) $")
#: The word after a name and a comma that may be its legal form: "Inc.", "S.A.", "Ltd".
_AFTER_COMMA = re.compile(r", ([A-ZÀ-ÖØ-Þ][\w.]*)")


def with_their_companies(text: str, found: list[Candidate]) -> list[Candidate]:
    """"Equinor ASA" when the model saw only "ASA": a legal form alone belongs to the capitalised
    word before it, and is no name without one; right after a name the model cut it from ("Cía.
    Ltda."), it ends that name, whatever its case; after a comma, see below."""
    kept: list[Candidate] = []
    for c in found:
        if " " in c.text or not _legal(c.text):
            kept.append(c)
            continue
        gap = text[kept[-1].end:c.start] if kept else ""
        # "Frutas del Pacífico Cía. Ltda.", and "Osaka Gas Co., Ltd.": two forms, the first cut off
        # at its comma by the span cleaner (never a name and a form: "Kwame Mensah, AG").
        if kept and (re.fullmatch(r"\.? ", gap) or (re.fullmatch(r"\.?, ", gap) and _legal(kept[-1].text.split()[-1]))):
            last = kept.pop()
            kept.append(Candidate(last.start, c.end, text[last.start:c.end], (*last.votes, ("organisation", 2.0)),
                                  last.source))
            continue
        if not c.text.isupper():
            kept.append(c)
            continue
        before = _NAME_BEFORE.search(text, max(0, c.start - 40), c.start)
        if before is not None:
            kept.append(Candidate(before.start(1), c.end, text[before.start(1):c.end], c.votes, c.source))
    return [_with_form_after(text, _with_form_after_comma(text, c)) for c in kept]


#: A legal form written after a name, which the model left out: "Velmar d.d.", "Tamsa Sdn Bhd".
_FORM_AFTER = re.compile(r" ((?:[a-zA-Z]\.){2,}[a-zA-Z]?|[A-Z][a-zA-Z]{1,3}\b\.?(?: [A-Z][a-z]{2}\b)?)")


def _with_form_after(text: str, c: Candidate) -> Candidate:
    """"Zavarovalnica Triglav d.d.": the legal form right after a name ends it, when the forms
    cleanco knows end the whole. Not two capitals undotted ("Kwame Mensah AG" may be the attorney
    general); a closing dot stays only where it closes initials, as the span cleaner keeps it."""
    match = _FORM_AFTER.match(text, c.end)
    if match is None:
        return c
    form = match.group(1)
    if len(form) == 2 and form.isupper():
        return c
    found = knowledge().legal_form(f"{c.text} {form}")
    if found is None or found[1] != form:
        return c
    dotted = re.fullmatch(r"(?:[a-zA-Z]\.){2,}", form) is not None
    end = match.end(1) - (form.endswith(".") and not dotted)
    return Candidate(c.start, end, text[c.start:end], (*c.votes, ("organisation", 2.0)), c.source)


def _with_form_after_comma(text: str, c: Candidate) -> Candidate:
    """"Banco Popular Dominicano, S.A.": a legal form after a comma is the end of the name before
    it, which the model saw without it. Not two capitals alone ("Kwame Mensah, AG" is the
    attorney general) unless dotted; the form's dot only when it closes initials ("S.A."), as the
    span cleaner keeps it, so every spelling folds to one name."""
    match = _AFTER_COMMA.match(text, c.end)
    if match is None or " " not in c.text:
        return c
    word = match.group(1).rstrip(".")
    if not _legal(word) or (len(word) <= 2 and word.isupper()):
        return c
    end = match.start(1) + len(word)
    if dotted_abbreviation(text, end + 1):
        end += 1
    return Candidate(c.start, end, text[c.start:end], (*c.votes, ("organisation", 2.0)), c.source)


def _legal(word: str) -> bool:
    return knowledge().legal_form(f"X {word}") is not None
