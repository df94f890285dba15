"""Grouping articles into stories: the accounts of one event, from any outlet, over a few days.

Each article is placed when it arrives, against the stories of its days only, so placing one
costs the same in a library of a hundred or a hundred thousand articles. An article joins a
story when its headline and lede share the story's words and names (TF-IDF cosine) with the
story's nearest account and, on average, with the story's core (its first accounts), not only
with one member: a chain of each-like-the-last cannot drift from one event to another.
Everything that decided a link is kept, to show why.

Measured on tests/data/stories (two sets of invented multi-outlet events with near-miss
distractors, wire reprints, opinion columns and lone articles): TF-IDF of title and lede with
the rest of the text at a third, names doubled, is what held; entity keys and dense vectors
were not needed. The thresholds below are the ones that kept every distractor pair apart.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from types import MappingProxyType

import numpy as np

from .candidates import MemberIndex
from .records import Link
from .vectors import Features, Vectors

#: An article may join a story whose newest account is at most this far from it, and whose
#: first is at most MAX_SPAN: follow-ups of the next days join; an event a fortnight later does not.
WINDOW = timedelta(days=4)
MAX_SPAN = timedelta(days=8)
#: How alike (cosine of headline-and-lede terms, names weighing more) an article must be to the
#: story's nearest account, and on average to its core (its first accounts).
LINK = 0.22
CORE = 0.16
CORE_SIZE = 4
#: The same outlet a day or two later, on the same event, needs less (a follow-up).
FOLLOW_UP = 0.17
#: Stories stop growing here: a story of hundreds of articles is a topic, not an event.
MAX_SIZE = 80
#: Candidates are the members sharing one of the article's sixteen heaviest terms; the rest
#: of its terms are too common or too slight to make a link on their own. When more than
#: CROWDED members do (a busy week, 140 articles a day), only those sharing two are scored:
#: there a single shared term is weak evidence, and scoring them all was most of placing's
#: time. On the story sets, 16 terms found every link that 24 did.
PROBE_TERMS = 16
CROWDED = 150
#: Of those, the members sharing the most weight of the probe terms are scored, at most this
#: many: what bounds an article's placing when its days hold thousands of articles. No article
#: of the tune set has more than six candidates, so no link there depends on it; on 10,000
#: generated articles of three days, 99.7% were placed as when every candidate was scored.
CANDIDATES = 32
#: Held members are found under their INDEX_TERMS heaviest terms and their names only, not all
#: of their terms (an article has 200-500); an article probes with its PROBE_TERMS heaviest and
#: its names. Two accounts of one event share some of their heaviest terms, or names: a link
#: that rests on shared names (the close-names rule below) may share no heavy word at all, as
#: the seeds' Breitbart account shares none with the other three. Indexing every term was a
#: third of placing's time, in appending postings and in gathering the long postings of terms
#: common in the days held. On 10,000 generated articles of three days, 99.9% were placed as
#: with every term indexed.
INDEX_TERMS = 64
#: Accounts of the same day or two that share names (of people and places not in the news
#: every day) are of one event even when their words differ: a tabloid's lede shares few words
#: with a wire's. They need CLOSE_LINK, not LINK (the core must still agree).
NAMES_CLOSE = 2
HOURS_CLOSE = 48
CLOSE_LINK = 0.16
#: The least any rule asks of the nearest account.
_LEAST = min(LINK, FOLLOW_UP, CLOSE_LINK)
#: A name in more articles than this (and this share of the library) is in the news every day
#: ("Trump", "London"): sharing it says nothing about the event.
EVERYDAY_NAME, EVERYDAY_SHARE = 20, 0.01


@dataclass
class Story:
    """Accounts of one event, in the order placed (the first is the story's anchor and id)."""

    members: list[str] = field(default_factory=list)
    links: dict[str, Link] = field(default_factory=dict)
    first: datetime | None = None
    last: datetime | None = None

    @property
    def anchor(self) -> str:
        return self.members[0]

    def include(self, when: datetime) -> None:
        self.first = when if self.first is None else min(self.first, when)
        self.last = when if self.last is None else max(self.last, when)


#: What a held member keeps of its terms: its vector has them all (see _held).
_NO_TERMS: Mapping[str, float] = MappingProxyType({})


def _held(features: Features) -> Features:
    """A member as held once its vector is made: without its terms, which its vector holds as
    numbers. The terms of the thousands of members a big fetch holds (a dict of 200-500 strings
    each) were most of its placing's memory."""
    return replace(features, terms=_NO_TERMS)


class Grouping:
    """Stories being placed into, one article at a time. It holds only the stories that new
    articles may still join (``load`` them from the index, ``expire`` the old ones), with an
    inverted index of their members' heaviest terms and names, so a placing scores only the
    members that share a telling term with the article (the CANDIDATES that share most)."""

    def __init__(self, vectors: Vectors | None = None) -> None:
        self.vectors = vectors or Vectors()
        self.stories: dict[str, Story] = {}
        self.story_of: dict[str, str] = {}
        self.features: dict[str, Features] = {}
        self._index = MemberIndex(WINDOW, MAX_SPAN, MAX_SIZE)

    def load(self, story_id: str, members: Iterable[Features], links: Mapping[str, Link] = {}) -> None:
        """Take in a story placed earlier (members in the order they were placed)."""
        self.load_many([(story_id, members, links)])

    def load_many(self, stories: Iterable[tuple[str, Iterable[Features], Mapping[str, Link]]]) -> None:
        """Take in stories placed earlier, all at once: a fetch reaches the thousands of stories
        of its days, and weighing and indexing their members one by one was half its placing."""
        held: list[tuple[Features, str]] = []
        touched: dict[str, Story] = {}
        for story_id, members, links in stories:
            story = touched[story_id] = self.stories.setdefault(story_id, Story())
            for features in members:
                story.members.append(features.article_id)
                story.include(features.published)
                self.features[features.article_id] = _held(features)
                self.story_of[features.article_id] = story.anchor
                if features.article_id in links:
                    story.links[features.article_id] = links[features.article_id]
                held.append((features, story.anchor))
        for story in touched.values():
            if story.first is not None and story.last is not None:
                self._index.story(story.anchor, story.first, story.last, len(story.members))
        heaviest = self.vectors.hold_many([features for features, _ in held], INDEX_TERMS)
        self._index.add_many([(features.article_id, anchor) for features, anchor in held], *heaviest)

    def place(self, features: Features) -> tuple[str, Link | None]:
        """Put an article in the best story of its days, or a new one: its story's id, and
        the link that put it there (None for a story of its own)."""
        self.vectors.count(features)
        best: tuple[float, Story, Link] | None = None
        found, core_scores = self._candidates(features)
        for anchor, scores in found.items():
            story = self.stories[anchor]
            link = self._link(features, story, scores, core_scores)
            if link is not None and (best is None or link.score > best[0]):
                best = (link.score, story, link)
        if best is None:
            story, link = Story(), None
            self.stories[features.article_id] = story
        else:
            _, story, link = best
            link = replace(link, shared_terms=self._shared_terms(features, self.features[link.nearest]))
            story.links[features.article_id] = link
        self._hold(features, story)
        return story.anchor, link

    def place_all(self, articles: Iterable[Features]) -> None:
        """Place many, oldest first, as a full regroup does."""
        for features in sorted(articles, key=lambda f: (f.published, f.article_id)):
            self.place(features)

    def expire(self, now: datetime) -> list[Story]:
        """Let go of the stories that no article published at ``now`` or later can join (too
        old, or spanning too long already), and return them. Placing goes oldest first, so
        only a week or two of stories is held however big the library."""
        gone = [s for s in self.stories.values()
                if s.last is not None and s.first is not None and (now - s.last > WINDOW or now - s.first > MAX_SPAN)]
        for story in gone:
            del self.stories[story.anchor]
            for member in story.members:
                self.features.pop(member, None)
                self.story_of.pop(member, None)
                self.vectors.forget(member)
            self._index.forget(story.members, story.anchor)
        return gone

    def central(self, story: Story) -> str:
        """The member most like the others (whose headline best names the story)."""
        if len(story.members) <= 2:
            return story.anchor
        held = [m for m in story.members if m in self.features]
        best, best_score = story.anchor, -1.0
        for member, features in zip(story.members, (self.features[m] for m in held), strict=False):
            score = sum(self.vectors.scores(features, held))
            if score > best_score + 1e-9:
                best, best_score = member, score
        return best

    def _everyday(self, name: str) -> bool:
        vectors = self.vectors
        return vectors.frequency(f"@{name}") > max(EVERYDAY_NAME, EVERYDAY_SHARE * vectors.documents)

    def _hold(self, features: Features, story: Story) -> None:
        story.members.append(features.article_id)
        story.include(features.published)
        self.features[features.article_id] = _held(features)
        self.story_of[features.article_id] = story.anchor
        self.vectors.hold(features)
        assert story.first is not None and story.last is not None
        self._index.story(story.anchor, story.first, story.last, len(story.members))
        self._index.add(features.article_id, story.anchor, self.vectors.heaviest(features, INDEX_TERMS))

    def _candidates(self, features: Features) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
        """Stories of the article's days (by id) with a member near enough to link under some
        rule, with the cosine of each member that shares one of the article's telling terms; and
        the cosine of those stories' core members that do not (all scored at once)."""
        probes = self.vectors.heaviest(features, PROBE_TERMS)  # and its names
        near = self._index.candidates(probes, features.published, CROWDED, CANDIDATES)
        story_of = self.story_of
        anchors = [story_of[member] for member in near]
        scores = self.vectors.scores(features, near)
        close = {anchor for anchor, score in zip(anchors, scores, strict=True) if score >= _LEAST}
        found: dict[str, dict[str, float]] = {}
        for anchor, member, score in zip(anchors, near, scores, strict=True):
            if anchor in close:
                found.setdefault(anchor, {})[member] = score
        unscored = [m for anchor, scores in found.items() for m in self.stories[anchor].members[:CORE_SIZE]
                    if m not in scores]
        return found, dict(zip(unscored, self.vectors.scores(features, unscored), strict=True))

    def _link(self, features: Features, story: Story, scores: dict[str, float],
              core_scores: dict[str, float]) -> Link | None:
        score, nearest = max((s, m) for m, s in scores.items())
        core_members = story.members[:CORE_SIZE]
        unscored = [m for m in core_members if m not in scores]
        core = (sum(scores[m] for m in core_members if m in scores)
                + sum([core_scores[m] for m in unscored])) / len(core_members)
        if core < CORE:
            return None
        other = self.features[nearest]
        same_outlet = bool(features.outlet) and other.outlet == features.outlet
        shared_names = tuple(sorted(features.names & other.names))
        hours = abs((features.published - other.published).total_seconds()) / 3600
        needed = FOLLOW_UP if same_outlet else LINK
        # The names are weighed only when they could decide (most candidates are far or near enough).
        if (CLOSE_LINK <= score < needed and hours <= HOURS_CLOSE
                and sum(1 for n in shared_names if not self._everyday(n)) >= NAMES_CLOSE):
            needed = CLOSE_LINK
        if score < needed:
            return None
        # The words shared are looked for only in the link that wins (see place).
        return Link(features.article_id, nearest, round(score, 3), round(core, 3), (), shared_names, round(hours, 1))

    def _shared_terms(self, features: Features, other: Features) -> tuple[str, ...]:
        """The eight rarest terms the two share (highest idf: fewest documents), then by term."""
        shared = list(features.terms.keys() & self.vectors.terms_of(other.article_id))
        if len(shared) <= 8:
            freq = self.vectors.frequency
            return tuple(sorted(shared, key=lambda t: (freq(t), t)))
        counts = self.vectors.frequencies(shared)
        # Only the terms as rare as the eighth rarest can be among the eight.
        eighth = int(np.partition(counts, 7)[7])
        rarest = [(int(n), t) for n, t in zip(counts.tolist(), shared, strict=True) if n <= eighth]
        return tuple(t for _, t in sorted(rarest)[:8])
