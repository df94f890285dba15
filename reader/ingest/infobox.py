"""A wiki infobox dumped as "- Key: value" lines, made readable.

Encyclopedia exports flatten an infobox to one line per template field, with numbered fields
for each earlier office ("Office1", "Term Start1", "Predecessor1"...). Shown as they are, they
read like a form; this turns each office into one line ("Governor of the Federal District,
13 January 1992 – 24 May 1993; preceded by ..., succeeded by ...") and drops fields that only
name an image file.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..models import Block

_FIELD = re.compile(r"([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)*?)(\d*): (.+)")
#: Fields that name a picture of the page, not a fact.
_FILES = {"Signature", "Image", "Caption", "Logo", "Image Size", "Alt"}
_OFFICE_PARTS = {"Office", "Term Start", "Term End", "Predecessor", "Successor", "President", "Prime Minister",
                 "Deputy", "Constituency", "Order"}
#: Fewer fields than this in a row are a list, not an infobox.
MIN_FIELDS = 6


def readable(blocks: Sequence[Block]) -> tuple[Block, ...]:
    """``blocks`` with a leading infobox made readable (unchanged when there is none)."""
    start = next((n for n, b in enumerate(blocks) if b.kind == "list_item"), None)
    if start is None or start > 1:
        return tuple(blocks)
    end = start
    fields: list[tuple[str, str, str]] = []
    while end < len(blocks) and blocks[end].kind == "list_item" and (match := _FIELD.fullmatch(blocks[end].text)):
        fields.append((match.group(1), match.group(2), match.group(3).strip()))
        end += 1
    numbered = any(number for _, number, _ in fields)
    if len(fields) < MIN_FIELDS or not numbered:
        return tuple(blocks)
    return (*blocks[:start], *_rewritten(fields), *blocks[end:])


def _rewritten(fields: list[tuple[str, str, str]]) -> list[Block]:
    offices: dict[str, dict[str, str]] = {}
    others: list[Block] = []
    for name, number, value in fields:
        if name in _FILES:
            continue
        if name in _OFFICE_PARTS:
            offices.setdefault(number, {})[name] = value
        else:
            others.append(Block("list_item", f"{name}: {_tidy(value)}"))
    lines = [_office(parts) for _, parts in sorted(offices.items(), key=lambda kv: int(kv[0] or 0))]
    return [Block("list_item", line) for line in lines if line] + others


def _office(parts: dict[str, str]) -> str:
    title = parts.get("Office", "")
    start, end = parts.get("Term Start", ""), parts.get("Term End", "")
    when = f"{start} – {end}" if start and end else start or end
    line = ", ".join(p for p in (title, when) if p)
    notes = [f"{label} {parts[key]}" for key, label in (("Predecessor", "preceded by"), ("Successor", "succeeded by"))
             if parts.get(key)]
    notes += [f"{key}: {parts[key]}" for key in ("President", "Prime Minister", "Deputy", "Constituency")
              if parts.get(key)]
    return "; ".join([line, *notes]) if line else "; ".join(notes)


def _tidy(value: str) -> str:
    return re.sub(r"\s+,", ",", value)
