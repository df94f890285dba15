"""Deterministic news-like text: headlines, people, places and article bodies made of blocks."""

from __future__ import annotations

import random
from itertools import accumulate

from reader.models import Block, Body
from tests.benchmarks.words import CONTENT_WORDS, FIRST_NAMES, FUNCTION_WORDS, ORG_FORMS, PLACE_SUFFIXES, SYLLABLES

#: Words kept lower-case inside a title-cased headline.
_SMALL = {"a", "an", "and", "as", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with", "from"}


def zipf_weights(count: int, shift: float = 2.7) -> list[float]:
    """Cumulative Zipf-Mandelbrot weights for ``random.choices``: rank 1 is the most common."""
    return list(accumulate(1.0 / (rank + shift) for rank in range(count)))


class Prose:
    """Writes text from a fixed pool of generated sentences.

    Drawing whole sentences from a pool (rather than words one at a time) is what keeps
    100,000 bodies of 2-6 KB to a few seconds of CPU. The pool is large enough that a
    body rarely repeats a sentence, so bodies compress like real prose.
    """

    def __init__(self, rng: random.Random, pool: int = 40_000) -> None:
        self.rng = rng
        self.words = FUNCTION_WORDS + CONTENT_WORDS
        self._word_weights = zipf_weights(len(self.words))
        self._content_weights = zipf_weights(len(CONTENT_WORDS), 20)
        self.people = [f"{rng.choice(FIRST_NAMES)} {self.coin()}" for _ in range(4_000)]
        self.places = [self.coin() + rng.choice(PLACE_SUFFIXES) for _ in range(1_000)]
        self.orgs = [rng.choice(ORG_FORMS).format(self.coin()) for _ in range(800)]
        self._people_weights = zipf_weights(len(self.people), 5)
        self._place_weights = zipf_weights(len(self.places), 3)
        self._org_weights = zipf_weights(len(self.orgs), 3)
        self.sentences = [self.sentence() for _ in range(pool)]
        self.short = [self.sentence(4, 11) for _ in range(pool // 4)]

    def coin(self, low: int = 2, high: int = 3) -> str:
        """A made-up proper noun ("Ledezma", "Karoberg")."""
        return "".join(self.rng.choices(SYLLABLES, k=self.rng.randint(low, high))).capitalize()

    def entity(self) -> str:
        rng = self.rng
        roll = rng.random()
        if roll < 0.45:
            return rng.choices(self.people, cum_weights=self._people_weights)[0]
        if roll < 0.8:
            return rng.choices(self.places, cum_weights=self._place_weights)[0]
        return rng.choices(self.orgs, cum_weights=self._org_weights)[0]

    def phrase(self, low: int, high: int) -> list[str]:
        rng = self.rng
        words = rng.choices(self.words, cum_weights=self._word_weights, k=rng.randint(low, high))
        for i in range(len(words)):
            if rng.random() < 0.09:
                words[i] = self.entity()
        return words

    def sentence(self, low: int = 8, high: int = 30) -> str:
        words = self.phrase(low, high)
        if len(words) > 9 and self.rng.random() < 0.4:
            cut = self.rng.randrange(3, len(words) - 3)
            words[cut] += ","
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def headline(self) -> str:
        """A title-cased headline of 35-110 characters, usually naming someone or somewhere."""
        rng = self.rng
        # Headlines are mostly content words: draw those, then put a few small words back.
        words = rng.choices(CONTENT_WORDS, cum_weights=self._content_weights, k=rng.randint(4, 10))
        for _ in range(rng.randint(0, 3)):
            words.insert(rng.randrange(1, len(words) + 1), rng.choice(FUNCTION_WORDS[:30]))
        if rng.random() < 0.7:
            words.insert(rng.randrange(len(words)), self.entity())
        titled = [w if (w in _SMALL and i) or w[:1].isupper() else w.capitalize() for i, w in enumerate(words)]
        text = " ".join(titled)
        while len(text) > 110:
            text = text.rsplit(" ", 1)[0]
        return (
            text
            if len(text) >= 35
            else f"{text}: {self.entity()} {rng.choice(['Says', 'Warns', 'Responds', 'Reports'])}"
        )

    def body(self, size: int, links: list[str]) -> Body:
        """About ``size`` characters of text in blocks, citing ``links`` as [1], [2]..."""
        rng = self.rng
        sentences = iter(rng.choices(self.sentences, k=size // 40 + 10))
        blocks: list[Block] = []
        length = 0
        while length < size:
            roll = rng.random() if blocks else 1.0
            if roll < 0.07:
                title = " ".join(self.phrase(2, 6))
                new = [Block("heading", title[0].upper() + title[1:], 2)]
            elif roll < 0.12:
                new = [Block("list_item", item, 1) for item in rng.choices(self.short, k=rng.randint(3, 5))]
            elif roll < 0.17:
                new = [Block("quote", f"“{next(sentences)}” {self.entity()} said.")]
            else:
                text = " ".join(next(sentences) for _ in range(rng.randint(2, 5)))
                new = [Block("paragraph", text)]
            blocks.extend(new)
            length += sum(len(b.text) + 2 for b in new)
        if links:
            paragraphs = [i for i, b in enumerate(blocks) if b.kind == "paragraph"]
            cited = sorted(rng.choices(paragraphs, k=len(links)))
            for number, index in enumerate(cited, 1):
                block = blocks[index]
                blocks[index] = Block(block.kind, f"{block.text[:-1]} [{number}].", block.level)
        return Body(blocks=tuple(blocks), links=tuple(links))
