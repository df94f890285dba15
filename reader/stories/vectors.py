"""What articles are compared by: their terms and names (Features), as TF-IDF vectors."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

import numpy as np

#: Names count this many times a word.
NAME_WEIGHT = 2.0


@dataclass(frozen=True, slots=True)
class Features:
    """What an article is compared by."""

    article_id: str
    published: datetime
    outlet: str
    #: Stems of the title and lede (the rest of the text at a fraction), with their weights.
    terms: Mapping[str, float]
    #: Folded names in the title and lede.
    names: frozenset[str]


class Vectors:
    """TF-IDF vectors of terms and names, with document frequencies kept as articles arrive
    (an early article's weights are not recomputed: an idf changes slowly).

    Terms and names are numbered, their document frequencies kept in an array by number, and
    each held vector is a pair of arrays (term numbers and weights, heaviest first), so that a
    vector is weighed in a few array operations and an article is scored against hundreds of
    candidates at once. An article has some 200-500 terms: done term by term in Python,
    counting, weighing and numbering them was half of placing's time."""

    def __init__(self, doc_freq: Mapping[str, int] | None = None, documents: int = 0) -> None:
        freq = dict(doc_freq or {})
        self.documents = documents
        self._keys: list[str] = list(freq)
        self._numbers: dict[str, int] = {key: number for number, key in enumerate(self._keys)}
        self._df = np.zeros(max(1024, 2 * len(freq)), dtype=np.int64)
        self._df[:len(freq)] = np.fromiter(freq.values(), dtype=np.int64, count=len(freq))
        #: Which numbers' frequencies changed since ``changes`` was last asked.
        self._changed = np.zeros(len(self._df), dtype=np.bool_)
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        #: Numbers of an article counted but not yet weighed (count, then vector, as placing goes).
        self._counted: dict[str, np.ndarray] = {}
        #: The article being scored, spread over every term number (zero elsewhere).
        self._dense = np.zeros(len(self._df))

    def count(self, features: Features) -> None:
        self.documents += 1
        numbers = self._counted[features.article_id] = self._number(features)
        # An article's keys are distinct, so one fancy-indexed add counts each once.
        self._df[numbers] += 1
        self._changed[numbers] = True

    def frequency(self, key: str) -> int:
        number = self._numbers.get(key)
        return 0 if number is None else int(self._df[number])

    def idf(self, key: str) -> float:
        return math.log((1 + self.documents) / (1 + self.frequency(key))) + 1.0

    def changes(self) -> dict[str, int]:
        """The document frequencies changed since this was last asked (to be written back)."""
        changed = np.flatnonzero(self._changed)
        self._changed[changed] = False
        keys = self._keys
        return dict(zip([keys[n] for n in changed.tolist()], self._df[changed].tolist(), strict=True))

    def heaviest(self, features: Features, count: int) -> list[tuple[int, float]]:
        """The article's ``count`` heaviest terms and names (by number), with their weights."""
        ids, weights = self._array(features)
        return list(zip(ids[:count].tolist(), weights[:count].tolist(), strict=True))

    def vector(self, features: Features) -> dict[str, float]:
        """The article's vector by term (to show or test; scoring uses the arrays)."""
        ids, weights = self._array(features)
        keys = self._keys
        return dict(zip([keys[n] for n in ids.tolist()], weights.tolist(), strict=True))

    def _number(self, features: Features) -> np.ndarray:
        keys = [*features.terms, *(f"@{name}" for name in features.names)]
        numbers = self._numbers
        found = list(map(numbers.get, keys))
        if None in found:
            for at, key in enumerate(keys):
                if found[at] is None:
                    found[at] = numbers[key] = len(self._keys)
                    self._keys.append(key)
            if len(self._keys) > len(self._df):
                grown = 2 * len(self._keys)
                self._df = np.concatenate((self._df, np.zeros(grown - len(self._df), dtype=np.int64)))
                self._changed = np.concatenate((self._changed, np.zeros(grown - len(self._changed), dtype=np.bool_)))
        return np.fromiter(found, dtype=np.intp, count=len(found))

    def _array(self, features: Features) -> tuple[np.ndarray, np.ndarray]:
        found = self._arrays.get(features.article_id)
        if found is None:
            ids = self._counted.pop(features.article_id, None)
            if ids is None:
                ids = self._number(features)
            terms = len(features.terms)
            tf = np.fromiter(features.terms.values(), dtype=np.float64, count=terms)
            # Sub-linear: a word said twice is not twice the evidence; a fraction stays as it is.
            weights = np.empty(len(ids))
            weights[:terms] = np.where(tf >= 1, 1 + np.log(np.maximum(tf, 1)), tf)
            weights[terms:] = NAME_WEIGHT
            weights *= np.log((1 + self.documents) / (1 + self._df[ids])) + 1.0
            weights /= math.sqrt(float(weights @ weights)) or 1.0
            # Heaviest first (ties in the order of the terms), for the probes and the index.
            order = np.argsort(-weights, kind="stable")
            found = self._arrays[features.article_id] = (ids[order], weights[order])
        return found

    def scores(self, features: Features, others: Sequence[str]) -> list[float]:
        """The cosine of the article with each of the others (ids of articles held)."""
        ids, weights = self._array(features)
        if not others:
            return []
        arrays = [self._arrays[other] for other in others]
        if len(self._keys) > len(self._dense):
            self._dense = np.zeros(2 * len(self._keys))
        dense = self._dense
        dense[ids] = weights
        try:
            # All the others' terms at once, summed per other.
            lengths = [len(other_ids) for other_ids, _ in arrays]
            products = dense[np.concatenate([other_ids for other_ids, _ in arrays])]
            products *= np.concatenate([other_weights for _, other_weights in arrays])
            owner = np.repeat(np.arange(len(arrays)), lengths)
            summed: list[float] = np.bincount(owner, products, minlength=len(arrays)).tolist()
            return summed
        finally:
            dense[ids] = 0.0

    def hold(self, features: Features) -> None:
        """Keep the article's vector ready for scoring against."""
        self._array(features)

    def forget(self, article_id: str) -> None:
        self._arrays.pop(article_id, None)
        self._counted.pop(article_id, None)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())
