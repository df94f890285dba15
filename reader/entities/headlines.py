"""Names a headline writes in full and the body only shortens."""

from __future__ import annotations

from .companies import shortens
from .evidence import Group


def shortened_in_body(title: dict[str, Group], body: dict[str, Group]) -> list[tuple[str, str]]:
    """"Dinamo Rīga" in the headline, "Dinamo" all through the body (whose opening line the model
    read as the dateline's): the one name written in full only in the title that the body's
    lone word shortens, whatever a headline's few words made the full name look like ("Dinamo
    Rīga win..." reads as a person). Pairs of (full name, short name), as the article's links."""
    organisations = {id(g): g for g in body.values() if g.kind == "organisation"}.values()
    shorts = [name for g in organisations for name in g.names if " " not in name]
    pairs = []
    for key, group in title.items():
        name = group.longest
        if key in body or group.kind == "place" or " " not in name:
            continue
        fits = [short for short in shorts if shortens(short, name)]
        if len(fits) == 1:
            pairs.append((name, fits[0]))
    return pairs
