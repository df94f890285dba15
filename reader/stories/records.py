"""The value types placing stores and reads back: an article's features and why it joined its
story. Apart from the grouping and its vectors, so that reading the stories never loads NumPy."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime


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


@dataclass(frozen=True, slots=True)
class Link:
    """Why an article is in its story: the account it is nearest to, and how near."""

    article_id: str
    nearest: str
    score: float
    core: float
    shared_terms: tuple[str, ...] = ()
    shared_names: tuple[str, ...] = ()
    hours: float = 0.0
