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
        for key in self.keys(features):
            self.doc_freq[key] = self.doc_freq.get(key, 0) + 1

    def idf(self, key: str) -> float:
        return math.log((1 + self.documents) / (1 + self.doc_freq.get(key, 0))) + 1.0

    def vector(self, features: Features) -> dict[str, float]:
        found = self._vectors.get(features.article_id)
        if found is None:
            weights = {t: (1 + math.log(n) if n >= 1 else n) * self.idf(t) for t, n in features.terms.items()}
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
            ids = np.fromiter((numbers.setdefault(k, len(numbers)) for k in vector), dtype=np.intp,
                              count=len(vector))
            found = self._arrays[features.article_id] = (ids, np.fromiter(vector.values(), dtype=np.float64,
                                                                          count=len(vector)))
        return found

    def scores(self, features: Features, others: Sequence[str]) -> list[float]:
        """The cosine of the article with each of the others (ids of articles held)."""
        ids, weights = self._array(features)
        arrays = [self._arrays[other] for other in others]
        if len(self._numbers) > len(self._dense):
            self._dense = np.zeros(2 * len(self._numbers))
        dense = self._dense
        dense[ids] = weights
        try:
            return [float(dense[other_ids] @ other_weights) for other_ids, other_weights in arrays]
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
