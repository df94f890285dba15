"""What the user said about stories: this article is not part of that story, these two are one,
this one is two, call it this. Kept with the user's data (``state/story_corrections.json``),
never in the derived index, and named by articles (never by a grouping's ids), so every
correction still applies after a regroup.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..ingest.sanitize import clean_line
from ..models import utc_now
from ..store import Store
from .errors import BadCorrection

ACTIONS = ("move", "merge", "split", "rename")
MAX_TITLE = 200


def new_story_id() -> str:
    """An id for a story a correction makes: "s" and seven hex digits, never an article's id
    (those are hex only)."""
    return "s" + secrets.token_hex(4)[:7]


@dataclass(frozen=True, slots=True)
class StoryCorrection:
    """One correction. ``articles``: the article moved (move), the articles split off (split),
    an article of the story merged (merge) or renamed (rename). ``target``: an article of the
    story it goes to (move, merge), or "" for a new story, whose id is ``new``."""

    action: str
    articles: tuple[str, ...]
    target: str = ""
    new: str = ""
    title: str = ""
    made: str = ""

    def to_json(self) -> dict[str, object]:
        data: dict[str, object] = {"action": self.action, "articles": list(self.articles), "made": self.made}
        for key in ("target", "new", "title"):
            if getattr(self, key):
                data[key] = getattr(self, key)
        return data

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> StoryCorrection:
        articles = data.get("articles", ())
        return cls(str(data["action"]), tuple(str(a) for a in articles) if isinstance(articles, list) else (),
                   str(data.get("target", "")), str(data.get("new", "")), str(data.get("title", "")),
                   str(data.get("made", "")))

    def describe(self) -> str:
        """In words, for an undo message."""
        if self.action == "move":
            return "moved an article " + ("into a new story" if not self.target else "to another story")
        if self.action == "merge":
            return "merged two stories"
        if self.action == "split":
            return f"split {len(self.articles)} article{'s' * (len(self.articles) != 1)} into a new story"
        return f"renamed a story to {self.title!r}"


class StoryCorrections:
    """The corrections of one library, oldest first. Writes take the store's lock and replace
    the file atomically, like the rest of the user's data."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._table = store.user_table("story_corrections")

    def all(self) -> list[StoryCorrection]:
        rows = sorted(self._table.raw().items())
        return [StoryCorrection.from_json(doc) for _, doc in rows]

    def add(self, correction: StoryCorrection) -> StoryCorrection:
        if correction.action not in ACTIONS:
            raise BadCorrection(f"unknown story correction {correction.action!r}")
        if correction.action == "rename":
            title = clean_line(correction.title)
            if not title:
                raise BadCorrection("a story needs a title")
            if len(title) > MAX_TITLE:
                raise BadCorrection(f"a story's title may be at most {MAX_TITLE} characters long")
            correction = StoryCorrection("rename", correction.articles, title=title)
        made = utc_now().isoformat()
        correction = StoryCorrection(correction.action, correction.articles, correction.target, correction.new,
                                     correction.title, made)
        with self.store.writing():
            key = f"{len(self._table.raw()):06d}-{made}"
            self._table.put(key, correction.to_json())
        return correction

    def undo(self) -> StoryCorrection | None:
        """Take back the newest correction; None when there are none."""
        with self.store.writing():
            rows = sorted(self._table.raw().items())
            if not rows:
                return None
            key, doc = rows[-1]
            self._table.delete(key)
        return StoryCorrection.from_json(doc)


def apply_corrections(assignment: Mapping[str, str], corrections: Iterable[StoryCorrection]
                      ) -> tuple[dict[str, str], dict[str, str]]:
    """The grouping as the user corrected it: article id -> story id, and story id -> the title
    the user gave. Corrections naming articles no longer stored are passed over."""
    story_of = dict(assignment)
    titled: dict[str, str] = {}  # article id -> title, resolved to its story at the end
    for correction in corrections:
        present = [a for a in correction.articles if a in story_of]
        if not present:
            continue
        if correction.action in ("move", "split"):
            destination = story_of.get(correction.target) if correction.target else correction.new
            if destination:
                for article_id in present:
                    story_of[article_id] = destination
        elif correction.action == "merge":
            source, destination = story_of[present[0]], story_of.get(correction.target)
            if destination and destination != source:
                for article_id, story in story_of.items():
                    if story == source:
                        story_of[article_id] = destination
        elif correction.action == "rename":
            titled[present[0]] = correction.title
    titles = {story_of[article_id]: title for article_id, title in titled.items()}
    return story_of, titles
