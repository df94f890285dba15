"""What articles are compared by: their terms and names (Features), as TF-IDF vectors."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from itertools import repeat

import numpy as np

from .records import Features

#: Names count this many times a word.
NAME_WEIGHT = 2.0


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
        self._is_name = np.zeros(len(self._df), dtype=np.bool_)
        self._is_name[:len(freq)] = [key.startswith("@") for key in self._keys]
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

    def frequencies(self, keys: list[str]) -> np.ndarray:
        """The document frequencies of keys counted already."""
        return self._df[np.fromiter(map(self._numbers.__getitem__, keys), dtype=np.intp, count=len(keys))]

    def idf(self, key: str) -> float:
        return math.log((1 + self.documents) / (1 + self.frequency(key))) + 1.0

    def changes(self) -> dict[str, int]:
        """The document frequencies changed since this was last asked (to be written back)."""
        changed = np.flatnonzero(self._changed)
        self._changed[changed] = False
        keys = self._keys
        return dict(zip([keys[n] for n in changed.tolist()], self._df[changed].tolist(), strict=True))

    def heaviest(self, features: Features, count: int) -> list[tuple[int, float]]:
        """The article's ``count`` heaviest terms and names, and all its other names (by number),
        with their weights."""
        ids, weights = self._telling(*self._array(features), count)
        return list(zip(ids.tolist(), weights.tolist(), strict=True))

    def _telling(self, ids: np.ndarray, weights: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
        keep = self._is_name[ids]
        keep[:count] = True
        return ids[keep], weights[keep]

    def terms_of(self, article_id: str) -> set[str]:
        """The terms (not the names) of a held article, from its vector."""
        ids, _ = self._arrays[article_id]
        keys = self._keys
        return {keys[n] for n in ids[~self._is_name[ids]].tolist()}

    def vector(self, features: Features) -> dict[str, float]:
        """The article's vector by term (to show or test; scoring uses the arrays)."""
        ids, weights = self._array(features)
        keys = self._keys
        return dict(zip([keys[n] for n in ids.tolist()], weights.tolist(), strict=True))

    def hold_many(self, many: Sequence[Features], count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Keep many articles' vectors ready for scoring against, weighed all at once (a fetch
        holds the thousands of articles of its days); and their ``count`` heaviest terms, flat:
        the numbers, the weights, and how many of them are each article's."""
        todo = [f for f in many if f.article_id not in self._arrays and f.article_id not in self._counted]
        if todo:
            self._weigh_many(todo)
        tops = [self._array(f) for f in many]
        if not tops:
            return np.zeros(0, dtype=np.intp), np.zeros(0), np.zeros(0, dtype=np.intp)
        tops = [self._telling(ids, weights, count) for ids, weights in tops]
        return (np.concatenate([ids for ids, _ in tops]), np.concatenate([weights for _, weights in tops]),
                np.fromiter((len(ids) for ids, _ in tops), dtype=np.intp, count=len(tops)))

    def _weigh_many(self, many: Sequence[Features]) -> None:
        """What _array does, for many articles in one pass over all their terms."""
        keys: list[str] = []
        counts: list[float] = []
        sizes: list[int] = []
        for features in many:
            keys.extend(features.terms)
            keys.extend(f"@{name}" for name in features.names)
            counts.extend(features.terms.values())
            counts.extend(repeat(-1.0, len(features.names)))  # a name's place (no term counts less than 0)
            sizes.append(len(features.terms) + len(features.names))
        ids = self._number_keys(keys)
        tf = np.fromiter(counts, dtype=np.float64, count=len(counts))
        weights = np.where(tf < 0, NAME_WEIGHT, np.where(tf >= 1, 1 + np.log(np.maximum(tf, 1)), tf))
        weights *= np.log((1 + self.documents) / (1 + self._df[ids])) + 1.0
        owner = np.repeat(np.arange(len(many)), sizes)
        norms = np.sqrt(np.bincount(owner, weights * weights, minlength=len(many)))
        norms[norms == 0] = 1.0
        weights /= norms[owner]
        # Heaviest first within each article (ties in the order of its terms), as _array does:
        # weights are in (0, 1], so 2 * owner - weight orders by article, then by weight. One
        # sort of floats; np.lexsort by the two took ten times as long.
        order = np.argsort(2.0 * owner - weights, kind="stable")
        bounds = np.cumsum(sizes)[:-1]
        for features, part_ids, part_weights in zip(many, np.split(ids[order], bounds),
                                                    np.split(weights[order], bounds), strict=True):
            self._arrays[features.article_id] = (part_ids, part_weights)

    def _number(self, features: Features) -> np.ndarray:
        return self._number_keys([*features.terms, *(f"@{name}" for name in features.names)])

    def _number_keys(self, keys: list[str]) -> np.ndarray:
        ids = np.fromiter(map(self._numbers.get, keys, repeat(-1)), dtype=np.intp, count=len(keys))
        new = np.flatnonzero(ids < 0)
        if len(new):
            numbers, known = self._numbers, self._keys
            for at in new.tolist():
                key = keys[at]
                # A key new to this article may be in it twice only as a term and a name ("@").
                ids[at] = number = numbers.setdefault(key, len(known))
                if number == len(known):
                    known.append(key)
            if len(known) > len(self._df):
                more = len(known) - len(self._df) + len(known)
                self._df = np.concatenate((self._df, np.zeros(more, dtype=np.int64)))
                self._changed = np.concatenate((self._changed, np.zeros(more, dtype=np.bool_)))
                self._is_name = np.concatenate((self._is_name, np.zeros(more, dtype=np.bool_)))
            self._is_name[ids[new]] = [keys[at].startswith("@") for at in new.tolist()]
        return ids

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
