"""Deterministic RSS 2.0 and Atom 1.0 feeds for the feed benchmark: generate_corpus, with_new_items.

    python -m tests.benchmarks.feed_corpus [--feeds 200] [--items 50] [--out DIR]

prints how long generation takes and how big the corpus is, and with ``--out`` writes it as
files (DIR/feeds/000.xml...) that any static web server can serve.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.prose import Prose
from tests.benchmarks.words import FEED_TAGS, FIRST_NAMES, OUTLET_FORMS

#: Items are dated within this span before ``end``, and no later than GAP before it, so items
#: added by with_new_items (minutes apart, after the newest) are still in the past.
SPAN = timedelta(days=30)
GAP = timedelta(hours=2)
#: Sentences the prose is drawn from: enough that items rarely repeat one, small enough to
#: build in a tenth of a second (the full library generator uses 40,000).
POOL = 8_000
_RSS_HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
)
_ATOM_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">\n'
#: Per kind: how an item opens, how it closes, and how the document ends.
_CLOSE = {
    "rss": (b"<item>", b"</item>\n", b"</channel>\n</rss>\n"),
    "atom": (b"<entry>", b"</entry>\n", b"</feed>\n"),
}
_RSS_HOST = re.compile(rb"<link>https://([^/<]+)/</link>")
_ATOM_HOST = re.compile(rb'<link rel="alternate" type="text/html" href="https://([^/"]+)/"/>')
_ITEM_NUMBER = re.compile(rb"-(\d{6})\.html")
_RSS_UPDATED = re.compile(rb"<lastBuildDate>([^<]+)</lastBuildDate>")
_ATOM_UPDATED = re.compile(rb"<updated>([^<]+)</updated>")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_AUTHORS = re.compile(rb"<dc:creator>([^<]+)</dc:creator>|<author>[^(<]*\(([^)<]+)\)</author>|<name>([^<]+)</name>")


@dataclass(frozen=True, slots=True)
class _Outlet:
    number: int
    kind: str  # "rss" or "atom"
    host: str
    authors: tuple[str, ...]
    #: RSS writers disagree on authors: dc:creator with a name, or <author> with an e-mail.
    dc_creator: bool = True


def generate_corpus(
    feeds: int = 200, items: int = 50, seed: int = 1, *, end: datetime | None = None
) -> dict[str, bytes]:
    """Feed documents by URL path ("/feeds/017.xml"): even numbers RSS 2.0, odd ones Atom 1.0.

    Each item has a unique guid, a title, link, author, a date in the 30 days before ``end``
    (default: the start of the current UTC day) and 2-6 KB of HTML. The same arguments give
    the same bytes; pass ``end`` for the same bytes on any day.
    """
    end = end or datetime.now(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    prose = Prose(random.Random(seed), pool=POOL)
    rng = prose.rng
    corpus: dict[str, bytes] = {}
    for number in range(feeds):
        kind = "rss" if number % 2 == 0 else "atom"
        title = rng.choice(OUTLET_FORMS).format(prose.coin())
        host = f"{_slug(title)}-{number:03d}.example"
        authors = tuple(f"{rng.choice(FIRST_NAMES)} {prose.coin()}" for _ in range(rng.randint(2, 8)))
        outlet = _Outlet(number, kind, host, authors, dc_creator=number % 4 == 0)
        seconds = (SPAN - GAP).total_seconds()
        ages = sorted(int(rng.random() * seconds) for _ in range(items))
        dates = [end - GAP - timedelta(seconds=age) for age in ages]  # newest first, as feeds list them
        entries = [_item(outlet, prose, items - 1 - i, date) for i, date in enumerate(dates)]
        path = f"/feeds/{number:03d}.xml"
        updated = dates[0] if dates else end
        head = _rss_head(title, host, updated) if kind == "rss" else _atom_head(title, host, path, updated)
        corpus[path] = (head + "".join(entries)).encode("utf-8") + _CLOSE[kind][2]
    return corpus


def with_new_items(corpus: dict[str, bytes], share: float = 0.10, seed: int = 1) -> dict[str, bytes]:
    """The corpus a later fetch sees: in each feed, ``share`` of its items (at least one) are new,
    put first and dated after the newest, and as many of the oldest are gone.

    Deterministic for the same corpus, share and seed; applied again it adds other items.
    """
    digest = hashlib.sha256()
    for path in sorted(corpus):
        digest.update(path.encode() + corpus[path])
    prose = Prose(random.Random(f"{seed}:{digest.hexdigest()}"), pool=POOL)
    rng = prose.rng
    result: dict[str, bytes] = {}
    for path in sorted(corpus):
        document = corpus[path]
        kind = "rss" if b"<rss" in document[:200] else "atom"
        open_tag, close_tag, footer = _CLOSE[kind]
        start, stop = document.find(open_tag), document.rfind(close_tag)
        if start < 0 or share <= 0:
            result[path] = document
            continue
        head, items = document[:start], document[start : stop].split(close_tag)
        items = [item + close_tag for item in items]
        count = min(len(items), max(1, round(share * len(items))))
        outlet = _outlet_of(path, kind, head, items)
        newest = _updated(kind, head)
        first = max(int(n) for n in _ITEM_NUMBER.findall(document[start:stop])) + 1
        dates = []
        for _ in range(count):
            newest += timedelta(seconds=rng.randint(60, 600))
            dates.append(newest)
        fresh = [_item(outlet, prose, first + i, date).encode("utf-8") for i, date in enumerate(dates)][::-1]
        head = _set_updated(kind, head, dates[-1])
        result[path] = head + b"".join(fresh + items[: len(items) - count]) + footer
    return result


def _outlet_of(path: str, kind: str, head: bytes, items: list[bytes]) -> _Outlet:
    host = (_RSS_HOST if kind == "rss" else _ATOM_HOST).search(head)[1].decode()
    authors = sorted({next(filter(None, found)).decode() for found in _AUTHORS.findall(b"".join(items))})
    dc_creator = b"<dc:creator>" in items[0] if items else True
    return _Outlet(int(path.rsplit("/", 1)[1].split(".")[0]), kind, host, tuple(authors) or ("Staff",), dc_creator)


def _updated(kind: str, head: bytes) -> datetime:
    if kind == "rss":
        return parsedate_to_datetime(_RSS_UPDATED.search(head)[1].decode())
    return datetime.fromisoformat(_ATOM_UPDATED.search(head)[1].decode().replace("Z", "+00:00"))


def _set_updated(kind: str, head: bytes, date: datetime) -> bytes:
    if kind == "rss":
        return _RSS_UPDATED.sub(f"<lastBuildDate>{_rfc822(date)}</lastBuildDate>".encode(), head, count=1)
    return _ATOM_UPDATED.sub(f"<updated>{_iso(date)}</updated>".encode(), head, count=1)


def _rss_head(title: str, host: str, updated: datetime) -> str:
    return (
        f"{_RSS_HEAD}<title>{_xml(title)}</title>\n<link>https://{host}/</link>\n"
        f"<description>The latest from {_xml(title)}</description>\n<language>en</language>\n"
        f"<lastBuildDate>{_rfc822(updated)}</lastBuildDate>\n<generator>broadsheet benchmark corpus</generator>\n"
    )


def _atom_head(title: str, host: str, path: str, updated: datetime) -> str:
    return (
        f'{_ATOM_HEAD}<title>{_xml(title)}</title>\n<link rel="alternate" type="text/html" href="https://{host}/"/>\n'
        f'<link rel="self" type="application/atom+xml" href="{path}"/>\n<id>tag:{host},2026:feed</id>\n'
        f"<updated>{_iso(updated)}</updated>\n<generator>broadsheet benchmark corpus</generator>\n"
    )


def _item(outlet: _Outlet, prose: Prose, number: int, date: datetime) -> str:
    rng = prose.rng
    title = prose.headline()
    link = f"https://{outlet.host}/{date:%Y/%m/%d}/{_slug(title)[:60].rstrip('-')}-{number:06d}.html"
    author = rng.choice(outlet.authors)
    tags = rng.sample(FEED_TAGS, rng.randint(1, 3))
    summary = _xml(rng.choice(prose.sentences))
    content = _content(outlet.host, prose, number)
    if outlet.kind == "rss":
        # Half the RSS items use their link as guid, half an opaque tag URI, as real feeds do.
        if number % 2:
            guid = f'<guid isPermaLink="true">{link}</guid>'
        else:
            guid = f'<guid isPermaLink="false">tag:{outlet.host},2026:{number:06d}</guid>'
        if outlet.dc_creator:
            by = f"<dc:creator>{_xml(author)}</dc:creator>"
        else:
            by = f"<author>{_email(author, outlet.host)} ({_xml(author)})</author>"
        categories = "".join(f"<category>{tag}</category>" for tag in tags)
        return (
            f"<item>\n<title>{_xml(title)}</title>\n<link>{link}</link>\n{guid}\n{by}\n"
            f"<pubDate>{_rfc822(date)}</pubDate>\n{categories}\n<description>{summary}</description>\n"
            f"<content:encoded><![CDATA[{content}]]></content:encoded>\n</item>\n"
        )
    categories = "".join(f'<category term="{tag}"/>' for tag in tags)
    return (
        f'<entry>\n<title>{_xml(title)}</title>\n<link rel="alternate" type="text/html" href="{link}"/>\n'
        f"<id>tag:{outlet.host},2026:{number:06d}</id>\n<author><name>{_xml(author)}</name></author>\n"
        f"<published>{_iso(date)}</published>\n<updated>{_iso(date)}</updated>\n{categories}\n"
        f'<summary>{summary}</summary>\n<content type="html">{_xml(content)}</content>\n</entry>\n'
    )


def _content(host: str, prose: Prose, number: int) -> str:
    """2-6 KB of article HTML: paragraphs with links, a heading, a list, a figure, sometimes a quote."""
    rng = prose.rng
    # Paragraphs are added until the target is passed, by up to one paragraph (~700 bytes).
    target = rng.randint(2048, 5400)
    pool, random_ = prose.sentences, rng.random
    sentences = iter(lambda: pool[int(random_() * len(pool))], None)
    alt = rng.choice(prose.short)[:-1]
    blocks = [
        f'<figure><img src="https://{host}/images/{number:06d}.jpg" alt="{alt}" width="1200" height="675">'
        f"<figcaption>{rng.choice(prose.short)}</figcaption></figure>",
        f"<h2>{rng.choice(prose.short)[:-1]}</h2>",
        "<ul>" + "".join(f"<li>{line}</li>" for line in rng.sample(prose.short, rng.randint(3, 5))) + "</ul>",
    ]
    if rng.random() < 0.3:
        blocks.append(f"<blockquote><p>“{next(sentences)}” {prose.entity()} said.</p></blockquote>")
    size = sum(map(len, blocks))
    paragraphs = []
    while size < target:
        # random() rather than randint(): this loop runs 80,000 times for the default corpus.
        text = " ".join([next(sentences) for _ in range(2 + int(random_() * 4))])
        if random_() < 0.5:
            text = _linked(text, host, rng)
        paragraphs.append(f"<p>{text}</p>")
        size += len(paragraphs[-1]) + 1
    # The lead paragraph comes first; the figure, heading, list and quote fall among the rest.
    for block in blocks:
        paragraphs.insert(rng.randint(1, len(paragraphs)), block)
    return "\n".join(paragraphs)


def _linked(text: str, host: str, rng: random.Random) -> str:
    words = text.split(" ")
    at = rng.randrange(len(words) - 1)
    span = rng.randint(1, min(3, len(words) - at))
    anchor = " ".join(words[at : at + span]).rstrip(".,")
    if rng.random() < 0.6:
        href = f"https://{host}/topics/{_slug(anchor) or 'news'}"
    else:
        href = f"https://www.{_slug(rng.choice(words)) or 'source'}.example/report"
    # The punctuation stripped from the anchor stays outside the link, as an editor would write it.
    tail = words[at + span - 1][len(words[at + span - 1].rstrip(".,")) :]
    return " ".join(words[:at] + [f'<a href="{href}">{anchor}</a>{tail}'] + words[at + span :])


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


def _email(name: str, host: str) -> str:
    # feedparser only finds an e-mail address whose top-level domain has 2-4 letters.
    return f"{_slug(name).replace('-', '.')}@{host.removesuffix('.example')}.test"


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _rfc822(date: datetime) -> str:
    return format_datetime(date.astimezone(UTC).replace(microsecond=0))


def _iso(date: datetime) -> str:
    return date.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, help="write the corpus here as files")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    corpus = generate_corpus(args.feeds, args.items, args.seed)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    later = with_new_items(corpus, seed=args.seed)
    updated = time.perf_counter() - started
    size = sum(map(len, corpus.values()))
    print(f"generate_corpus: {len(corpus)} feeds x {args.items} items in {generated:.2f} s, {size / 1e6:.1f} MB")
    print(f"with_new_items:  {updated:.2f} s, {sum(map(len, later.values())) / 1e6:.1f} MB")
    if args.out:
        for path, document in corpus.items():
            target = args.out / path.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(document)
        print(f"written under {args.out}")


if __name__ == "__main__":
    main()
