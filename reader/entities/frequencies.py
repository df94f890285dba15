"""How common a word is in English: wordfreq's figures, held in a tenth of its memory.

wordfreq keeps its 321,000 English words as a dict of strings: 28 MB in every process that
asks, the app's own included (its entity library checks how distinctive a short name is).
Here the same frequency buckets sit in two arrays sorted by each word's hash, about 3 MB, and
a lookup answers what ``wordfreq.zipf_frequency(word, "en")`` answers: the same tokens, the
same way of combining them, the same rounding (tests/unit/test_entity_frequencies.py checks
every word of the list against it). Knowledge remembers each word's answer.
"""

from __future__ import annotations

import math
from array import array
from bisect import bisect_right


class EnglishFrequencies:
    """Zipf frequencies of English words and phrases, from wordfreq's "best" list."""

    def __init__(self) -> None:
        from wordfreq import get_frequency_list

        # Past wordfreq's cache of the list: that cache is the memory this class saves.
        buckets = get_frequency_list.__wrapped__("en", "best")
        import numpy as np

        keys = np.array([_key(word) for bucket in buckets for word in bucket], dtype=np.int64)
        indexes = np.array([index for index, bucket in enumerate(buckets) for _ in bucket], dtype=np.uint16)
        del buckets
        # A word in two buckets counts with the last, as in wordfreq's dict: the sort is stable,
        # so the later of two equal keys stays later, where ``bisect_right`` finds it.
        order = np.argsort(keys, kind="stable")
        # Plain arrays, not NumPy's: one lookup of a Python int in them is quicker.
        self._hashes = array("q", keys[order].tobytes())
        self._buckets = array("H", indexes[order].tobytes())

    def __len__(self) -> int:
        return len(self._hashes)

    def _frequency_of_token(self, token: str) -> float | None:
        key = _key(token)
        at = bisect_right(self._hashes, key) - 1
        if at < 0 or self._hashes[at] != key:
            return None
        return 10 ** (-self._buckets[at] / 100)  # wordfreq's cB_to_freq of the bucket

    def zipf(self, word: str) -> float:
        """wordfreq's ``zipf_frequency(word, "en")``: 0.0 for a word it has never seen."""
        from wordfreq import digit_freq, lossy_tokenize, smash_numbers

        tokens = lossy_tokenize(word, "en")
        if not tokens:
            return 0.0
        # 1 / f = 1 / f1 + 1 / f2 + ...: a phrase is rarer than its rarest word.
        one_over = 0.0
        for token in tokens:
            smashed = smash_numbers(token)
            frequency = self._frequency_of_token(smashed)
            if frequency is None:
                return 0.0
            if smashed != token:
                frequency *= digit_freq(token)
            one_over += 1.0 / frequency
        frequency = 1.0 / one_over
        # wordfreq rounds to three significant digits, then to hundredths of a Zipf unit.
        frequency = round(frequency, math.floor(-math.log(frequency, 10)) + 3)
        return round(math.log(frequency, 10) + 9, 2)


def _key(word: str) -> int:
    """The word's hash, over its UTF-8: ``hash(str)`` hashes a string's internal bytes, so that
    "kp" and "火" (the same two bytes, as Latin-1 and as UCS-2) would share one."""
    return hash(word.encode("utf-8", "surrogatepass"))
