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

    Each vector is kept twice: as a mapping (to show which terms two accounts share) and as
    arrays of term numbers and weights, so that an article is scored against hundreds of
    candidates at once: on a busy fortnight of news that was nine tenths of placing's time."""

    def __init__(self, doc_freq: Mapping[str, int] | None = None, documents: int = 0) -> None:
        self.doc_freq: dict[str, int] = dict(doc_freq or {})
        self.documents = documents
        self._vectors: dict[str, dict[str, float]] = {}
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._numbers: dict[str, int] = {}
        #: The article being scored, spread over every term number (zero elsewhere).
        self._dense = np.zeros(1024)

    @staticmethod
    def keys(features: Features) -> set[str]:
        return {*features.terms, *(f"@{n}" for n in features.names)}

    def count(self, features: Features) -> None:
        self.documents += 1
        freq = self.doc_freq
        get = freq.get
        for key in features.terms:
            freq[key] = get(key, 0) + 1
        for name in features.names:
            key = f"@{name}"
            freq[key] = get(key, 0) + 1

    def idf(self, key: str) -> float:
        return math.log((1 + self.documents) / (1 + self.doc_freq.get(key, 0))) + 1.0

    def vector(self, features: Features) -> dict[str, float]:
        found = self._vectors.get(features.article_id)
        if found is None:
            # idf() spelt out: this runs for every term of every article placed.
            log, df, documents = math.log, self.doc_freq.get, 1 + self.documents
            weights = {t: (1 + log(n) if n >= 1 else n) * (log(documents / (1 + df(t, 0))) + 1.0)
                       for t, n in features.terms.items()}
            for name in features.names:
                weights[f"@{name}"] = NAME_WEIGHT * self.idf(f"@{name}")
            norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
            found = self._vectors[features.article_id] = {k: w / norm for k, w in weights.items()}
        return found

    def _array(self, features: Features) -> tuple[np.ndarray, np.ndarray]:
        found = self._arrays.get(features.article_id)
        if found is None:
            vector = self.vector(features)
            numbers = self._numbers
            ids = np.array([numbers.setdefault(k, len(numbers)) for k in vector], dtype=np.intp)
            found = self._arrays[features.article_id] = (ids, np.array(list(vector.values()), dtype=np.float64))
        return found

    def scores(self, features: Features, others: Sequence[str]) -> list[float]:
        """The cosine of the article with each of the others (ids of articles held)."""
        ids, weights = self._array(features)
        arrays = [self._arrays[other] for other in others]
        if len(self._numbers) > len(self._dense):
            self._dense = np.zeros(2 * len(self._numbers))
        dense = self._dense
        if not arrays:
            return []
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
        self._vectors.pop(article_id, None)
        self._arrays.pop(article_id, None)


def cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(k, 0.0) for k, w in a.items())
