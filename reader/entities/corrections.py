"""User corrections to entities: small records, applied in order on top of the automatic result."""

from __future__ import annotations

from collections.abc import Iterable

from ..models.entities import Correction, Entity, Occurrence
from .normalise import fold


def apply_corrections(entities: Iterable[Entity], corrections: Iterable[Correction]) -> list[Entity]:
    """The entities as the user wants them. Pure: the inputs are not changed. A correction whose
    entity no longer exists is skipped (see :func:`stale`)."""
    result = list(entities)
    for correction in corrections:
        result = _apply(result, correction)
    return result


def stale(entities: Iterable[Entity], corrections: Iterable[Correction]) -> list[Correction]:
    """Corrections that found nothing to act on, e.g. after the only article naming it went."""
    result = list(entities)
    missing = []
    for correction in corrections:
        targets = [correction.alias] + ([correction.value] if correction.action == "merge" else [])
        if any(_find(result, t) is None for t in targets):
            missing.append(correction)
        result = _apply(result, correction)
    return missing


def _find(entities: list[Entity], alias: str) -> int | None:
    wanted = fold(alias)
    for index, entity in enumerate(entities):  # the key and the shown name first: they are exact
        if entity.key == wanted or fold(entity.name) == wanted:
            return index
    for index, entity in enumerate(entities):
        if any(fold(occ.alias) == wanted for occ in entity.occurrences):
            return index
    return None


def _apply(entities: list[Entity], correction: Correction) -> list[Entity]:
    index = _find(entities, correction.alias)
    if index is None:
        return entities
    entity = entities[index]
    result = list(entities)
    action = correction.action
    if action == "rename" and correction.value.strip():
        result[index] = entity.with_(name=correction.value.strip(), corrected=True)
    elif action == "retype":
        result[index] = entity.with_(kind=correction.value, corrected=True)
    elif action in ("hide", "show"):
        result[index] = entity.with_(hidden=action == "hide", corrected=True)
    elif action == "merge":
        other = _find(entities, correction.value)
        if other is None or other == index:
            return entities
        absorbed = entities[other]
        result[index] = entity.with_(
            occurrences=_combine(entity.occurrences + absorbed.occurrences),
            hidden=entity.hidden and absorbed.hidden,
            corrected=True,
        )
        del result[other]
    elif action == "split":
        wanted = fold(correction.alias)
        taken = tuple(o for o in entity.occurrences if fold(o.alias) == wanted)
        kept = tuple(o for o in entity.occurrences if fold(o.alias) != wanted)
        if not taken or not kept:
            return entities
        name = max(taken, key=lambda o: o.count).alias
        result[index] = entity.with_(occurrences=kept, corrected=True)
        result.insert(index + 1, Entity(_free_key(result, fold(name)), name, entity.kind, taken, corrected=True))
    return result


def _combine(occurrences: tuple[Occurrence, ...]) -> tuple[Occurrence, ...]:
    counts: dict[tuple[str, str], int] = {}
    for occ in occurrences:
        counts[(occ.article_id, occ.alias)] = counts.get((occ.article_id, occ.alias), 0) + occ.count
    return tuple(Occurrence(a, alias, n) for (a, alias), n in sorted(counts.items()))


def _free_key(entities: list[Entity], key: str) -> str:
    keys = {e.key for e in entities}
    candidate, n = key, 1
    while candidate in keys:
        n += 1
        candidate = f"{key}#{n}"
    return candidate
