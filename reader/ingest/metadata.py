"""What an imported document says about itself: YAML front matter at the top of a Markdown file,
the usual meta tags of an HTML page, and the dates they give. Stories are built from who
published an article and when, so these matter as much as the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from .errors import IngestError
from .sanitize import clean_line

# A front matter block: "---" on the first line, "---" or "..." to close, within the first 64 KB.
_FRONT = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.DOTALL)
#: The keys read, and the field each fills; others are left alone.
_KEYS = {"title": "title", "outlet": "outlet", "source": "outlet", "site": "outlet", "publisher": "outlet",
         "author": "author", "authors": "author", "by": "author", "date": "published",
         "published": "published", "published_at": "published", "url": "url", "link": "url",
         "canonical": "url", "canonical_url": "url"}


class BadMetadata(IngestError):
    """The front matter or a date in it cannot be read; the message names the file and the field."""


@dataclass(frozen=True)
class Metadata:
    """What a document says of itself; empty strings and None where it says nothing."""

    title: str = ""
    outlet: str = ""
    author: str = ""
    url: str = ""
    published: datetime | None = None

    def over(self, other: Metadata) -> Metadata:
        """This metadata, with ``other`` filling what this one leaves out."""
        return Metadata(self.title or other.title, self.outlet or other.outlet, self.author or other.author,
                        self.url or other.url, self.published or other.published)


def split_front_matter(text: str, path: Path) -> tuple[Metadata, str]:
    """The front matter of a Markdown document (if any) and the text after it."""
    match = _FRONT.match(text)
    if match is None:
        return Metadata(), text
    import yaml  # only documents with front matter pay for it

    try:
        # safe_load builds plain values only: no tags, no objects, nothing that runs.
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise BadMetadata(path, f"its front matter is not valid YAML{where}: {getattr(error, 'problem', error)}") \
            from None
    except (ValueError, OverflowError) as error:  # a date YAML recognises but cannot make (2017-13-45)
        raise BadMetadata(path, f"its front matter has a value that cannot be read: {error}") from None
    if data is None:
        return Metadata(), text[match.end():]
    if not isinstance(data, dict):
        raise BadMetadata(path, "its front matter is not a list of 'key: value' lines")
    fields: dict[str, object] = {}
    for key, value in data.items():
        field = _KEYS.get(str(key).strip().lower())
        if field is not None and value not in (None, "") and field not in fields:
            fields[field] = value
    published = fields.pop("published", None)
    author = fields.get("author")
    if isinstance(author, list):
        fields["author"] = ", ".join(str(a) for a in author)
    strings = {k: clean_line(str(v)) for k, v in fields.items()}
    return Metadata(published=parse_date(published, path) if published is not None else None, **strings), \
        text[match.end():]


def html_metadata(html: str, path: Path) -> Metadata:
    """The usual meta tags: og:title, og:site_name, article:published_time, author, canonical link."""
    tree = LexborHTMLParser(html)
    found: dict[str, str] = {}
    for node in tree.css("meta"):
        name = (node.attributes.get("property") or node.attributes.get("name") or "").strip().lower()
        content = (node.attributes.get("content") or "").strip()
        if content:
            found.setdefault(name, content)
    canonical = next((n.attributes.get("href") or "" for n in tree.css("link")
                      if "canonical" in (n.attributes.get("rel") or "").lower().split()), "")
    published = found.get("article:published_time") or found.get("og:published_time") or found.get("date") \
        or found.get("dc.date") or found.get("pubdate")
    return Metadata(
        title=clean_line(found.get("og:title", "")),
        outlet=clean_line(found.get("og:site_name", "") or found.get("application-name", "")),
        author=clean_line(found.get("author", "") or found.get("article:author", "")),
        url=clean_line(canonical or found.get("og:url", "")),
        published=_page_date(published, path),
    )


def _page_date(value: str | None, path: Path) -> datetime | None:
    if not value:
        return None
    try:
        return parse_date(value, path)
    except BadMetadata:
        return None  # a page's own meta tag is not worth refusing the page for


def parse_date(value: object, path: Path, what: str = "date") -> datetime:
    """A date or time as front matter or the command line gives it, in UTC (a date without a
    time is taken at noon UTC, so no time zone moves it to another day)."""
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime.combine(value, time(12), tzinfo=UTC)
    text = str(value).strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise BadMetadata(path, f"its {what} {text!r} is not a date (write it like 2017-11-20 or "
                                f"2017-11-20T09:30:00Z)") from None
    if len(text) <= 10:  # a plain date
        return datetime.combine(parsed.date(), time(12), tzinfo=UTC)
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
