"""The library's stories at a glance: the derived grouping with the user's corrections applied,
and the look-ups the list, the story screen and the command line need. Immutable once built:
build it again when articles are placed or a correction is made."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from ..collector import collection_paused
from .corrections import StoryCorrection, apply_corrections
from .errors import NoSuchStory
from .index import Placed, StoryIndex, StoryRow, read_link

if TYPE_CHECKING:
    from .records import Link


def public_id(anchor: str) -> str:
    """A derived story's id for people: "s" and seven hex digits, stable while its first
    account is (an article's own id is hex only, so the two are never confused)."""
    return "s" + hashlib.blake2b(f"story:{anchor}".encode(), digest_size=4).hexdigest()[:7]


class Account(NamedTuple):
    """One article of a story. A named tuple, not a dataclass: a library has tens of thousands,
    and a tuple is made in a third of the time."""

    article_id: str
    outlet: str
    published: datetime
    title: str
    #: Why it is in the story, as stored: read when asked for (``link``).
    link_data: bytes | None
    #: The earlier account it is a copy of (a wire story reprinted), or None.
    copy_of: str | None

    @property
    def link(self) -> Link | None:
        """Why it is in the story (None for the story's first account, or one the user moved in)."""
        return read_link(self.link_data)


def outlet_name(outlet: str) -> str:
    """An outlet as the screens name it."""
    return outlet or "(no outlet)"


@dataclass(frozen=True)
class Story:
    """Accounts of one event, oldest first."""

    id: str
    title: str
    accounts: tuple[Account, ...]
    #: True when the user moved, merged, split or renamed it.
    corrected: bool = False

    @property
    def first(self) -> datetime:
        return self.accounts[0].published

    @property
    def last(self) -> datetime:
        return self.accounts[-1].published

    @property
    def article_ids(self) -> tuple[str, ...]:
        return tuple(a.article_id for a in self.accounts)

    @cached_property
    def outlets(self) -> tuple[str, ...]:
        """Outlets in the order they first reported it ("" for an article without one)."""
        return tuple(dict.fromkeys(a.outlet for a in self.accounts))

    @property
    def originals(self) -> tuple[Account, ...]:
        """The accounts that are not copies of another: what there is to compare."""
        return tuple(a for a in self.accounts if a.copy_of is None or a.copy_of not in self.article_ids)

    def copies_of(self, article_id: str) -> tuple[Account, ...]:
        return tuple(a for a in self.accounts if a.copy_of == article_id)

    def account(self, article_id: str) -> Account:
        for account in self.accounts:
            if account.article_id == article_id:
                return account
        raise NoSuchStory(f"article {article_id} is not in story {self.id}")

    def unread(self, read_ids: set[str]) -> int:
        return sum(1 for a in self.accounts if a.article_id not in read_ids)


class StoryLibrary:
    """Every story of the library, newest first."""

    def __init__(self, stories: list[Story], *, lone: bool = True) -> None:
        self.stories = stories
        #: Whether the stories of a single account are here too (see ``load``).
        self.lone = lone
        self._by_id = {s.id: s for s in stories}
        self._of_article = {a.article_id: s for s in stories for a in s.accounts}

    @classmethod
    def load(cls, index: StoryIndex, corrections: Iterable[StoryCorrection] = (), *,
             lone: bool = True) -> StoryLibrary:
        """The stories, corrected. Without ``lone`` only those of more than one account (and
        what the corrections touch): most of a library is lone articles, and the app needs
        only the stories it can compare (at 100,000 articles, 0.4 s to load instead of 3 s)."""
        with collection_paused():
            return cls._load(index, list(corrections), lone)

    @classmethod
    def _load(cls, index: StoryIndex, corrections: list[StoryCorrection], lone: bool) -> StoryLibrary:
        if lone:
            return cls.build(index.placed(), index.stories(), corrections)
        named = {a for c in corrections for a in (*c.articles, c.target) if a}
        placed = index.placed(shared_and=named)
        library = cls.build(placed, index.stories(shared_and=named), corrections)
        return cls([s for s in library.stories if len(s.accounts) > 1 or s.corrected], lone=False)

    @classmethod
    def build(cls, placed: list[Placed], rows: dict[str, StoryRow],
              corrections: list[StoryCorrection]) -> StoryLibrary:
        assignment = {p.id: p.story for p in placed}
        story_of, titles = apply_corrections(assignment, corrections) if corrections else (assignment, {})
        touched = {story_of[a] for c in corrections for a in (*c.articles, c.target) if a in story_of}
        touched |= {assignment[a] for c in corrections for a in (*c.articles, c.target) if a in assignment}
        moved = {a for a, story in story_of.items() if assignment.get(a) != story}
        members: dict[str, list[Placed]] = {}
        for p in placed:
            members.setdefault(story_of[p.id], []).append(p)
        stories = []
        for story_id, accounts in members.items():
            accounts.sort(key=lambda p: (p.published, p.id))
            row = rows.get(story_id)
            if story_id in titles:
                title = titles[story_id]
            elif row is not None and (story_id not in touched or row.central in {p.id for p in accounts}):
                title = row.title
            else:
                title = accounts[0].title
            stories.append(Story(
                public_id(story_id) if not story_id.startswith("s") else story_id,
                title,
                tuple(Account(p.id, p.outlet, p.published, p.title, None if p.id in moved else p.link, p.copy_of)
                      for p in accounts),
                corrected=story_id in touched or story_id in titles,
            ))
        stories.sort(key=lambda s: (s.last, s.id), reverse=True)
        return cls(stories)

    def __len__(self) -> int:
        return len(self.stories)

    def get(self, ref: str) -> Story:
        """The story with this id, or the story of the article with this id (a prefix of
        either will do when only one matches)."""
        ref = ref.strip().lower()
        if ref in self._by_id:
            return self._by_id[ref]
        if ref in self._of_article:
            return self._of_article[ref]
        matches = {s.id: s for i, s in self._by_id.items() if ref and i.startswith(ref)}
        matches.update({s.id: s for i, s in self._of_article.items() if ref and i.startswith(ref)})
        if len(matches) == 1:
            return next(iter(matches.values()))
        if matches:
            raise NoSuchStory(f"{ref!r} could be any of {len(matches)} stories; give more of its id")
        raise NoSuchStory(f"no story or article {ref!r} (`broadsheet stories` lists them)")

    def find(self, story_id: str) -> Story | None:
        """The story with exactly this id, or None."""
        return self._by_id.get(story_id)

    def story_of(self, article_id: str) -> Story | None:
        return self._of_article.get(article_id)

    def shared(self) -> list[Story]:
        """Stories told by more than one account, newest first."""
        return [s for s in self.stories if len(s.accounts) > 1]
