"""One name in two spellings: German umlauts written out ("Müller", "Mueller"), as wire copy and
keyboards without them do."""

from __future__ import annotations

from .spans import Candidate

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"})


def written_out(candidates: list[Candidate]) -> list[tuple[str, str]]:
    """(name, the same name with its umlauts written out) for each pair the article has."""
    names = {c.text for c in candidates}
    return [(name, out) for name in names if (out := name.translate(_UMLAUTS)) != name and out in names]
