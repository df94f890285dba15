"""The rows of the list by story, worked out from the stories and the listed articles (no
Textual: the benchmark times it on its own)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from operator import attrgetter

from ...collector import collection_paused
from ...models import Article
from ...stories import Story, StoryLibrary


@dataclass(slots=True)
class Row:
    """A story's row (no article), one of its articles under it, or (no story) an article no
    other account tells, on a row of its own. Not frozen: a list has a row per article, and a
    frozen dataclass is slower to make."""

    story: Story | None
    article: Article | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        if self.story is None:
            return (self.article.id,) if self.article is not None else ()
        return self.story.article_ids

    @property
    def shared(self) -> bool:
        """Whether this is a story of more than one account (or one of its articles)."""
        return self.story is not None and len(self.story.accounts) > 1



def story_rows(library: StoryLibrary, listed: list[Article], expanded: set[str]) -> list[Row]:
    """A row per story with an article in the list, and one per listed article in no story the
    library holds (most articles, told by no other), newest first; the listed articles of the
    expanded stories under theirs."""
    # Tens of thousands of rows that all live on would set off full collections of a heap that
    # holds the whole library (two thirds of the time at 100,000); they make no cycles.
    with collection_paused():
        return _rows(library, listed, expanded)


def _rows(library: StoryLibrary, listed: list[Article], expanded: set[str]) -> list[Row]:
    by_id = {a.id: a for a in listed}
    groups: list[tuple[datetime, list[Row]]] = []
    in_stories: set[str] = set()
    for story in library.stories:
        in_stories.update(story.article_ids)
        articles = [by_id[i] for i in story.article_ids if i in by_id]
        if not articles:
            continue
        group = [Row(story)]
        if story.id in expanded and len(story.accounts) > 1:
            group.extend(Row(story, a) for a in articles)
        groups.append((story.last, group))
    # By an attribute, not a tuple made per article: at 100,000 that many tuples cost more in
    # garbage collection than the sort.
    lone = sorted((a for a in listed if a.id not in in_stories), key=attrgetter("published"), reverse=True)
    rows: list[Row] = []
    # Both are newest first; merged as they go (the library's stories are sorted by their last).
    stories = iter(groups)
    pending = next(stories, None)
    for article in lone:
        while pending is not None and pending[0] >= article.published:
            rows.extend(pending[1])
            pending = next(stories, None)
        rows.append(Row(None, article))
    while pending is not None:
        rows.extend(pending[1])
        pending = next(stories, None)
    return rows
