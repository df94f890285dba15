"""A large, realistic benchmark library, generated deterministically and cached on disk.

    python -m tests.benchmarks.generate --articles 100000 --home /tmp/library

The library is built once per set of parameters (and per version of the store's code)
under the cache folder, then copied wherever a benchmark needs one it may write to.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.models import ArticleDraft
from reader.store import Store, schema
from tests.benchmarks.prose import Prose, zipf_weights
from tests.benchmarks.words import FEED_TAGS, KINDS, OUTLET_FORMS, USER_TAGS

PROJECT_ROOT = Path(__file__).resolve().parents[2]
#: Bump when the generated content changes, so caches built by older code are not reused.
GENERATOR_VERSION = 1
#: Publication dates end here (not "now"), so a cached library is the same whenever it was built.
END = datetime(2026, 10, 31, 23, 0, tzinfo=UTC)
SPAN = timedelta(days=730)
#: Drafts per add_articles call: about a month of the whole library, like a first sync.
BATCH = 5_000
ANNOTATIONS = 1_000


def generate_library(home: Path, articles: int = 100_000, feeds: int = 300, seed: int = 1) -> dict:
    """Build a library in ``home`` (which must be empty) and return a summary of what is in it."""
    started = time.perf_counter()
    home = Path(home)
    if home.exists() and any(home.iterdir()):
        raise FileExistsError(f"{home} is not empty")
    rng = random.Random(seed)
    prose = Prose(rng)
    store = Store.open(home)
    outlets = _add_feeds(store, prose, rng, feeds)
    weights = zipf_weights(len(outlets), 10)
    plan = sorted(
        (END - SPAN * rng.random(), index)
        for index in rng.choices(range(len(outlets)), cum_weights=weights, k=articles)
    )
    annotated = set(rng.sample(range(articles), min(ANNOTATIONS, articles)))
    ids: list[tuple[str, datetime]] = []
    annotations: dict[str, dict] = {}
    for start in range(0, articles, BATCH):
        chunk = plan[start : start + BATCH]
        drafts = [_draft(prose, rng, start + n, published, outlets[o]) for n, (published, o) in enumerate(chunk)]
        added = store.add_articles(drafts).added
        if len(added) != len(drafts):
            raise RuntimeError(f"expected {len(drafts)} new articles, the store added {len(added)}")
        for n, (article_id, draft) in enumerate(zip(added, drafts, strict=True)):
            ids.append((article_id, draft.published))
            if start + n in annotated:
                annotations[f"{rng.getrandbits(40):010x}"] = _annotation(prose, rng, article_id, draft)
    counts = _add_user_state(store, rng, ids, annotations)
    months = sorted({p.strftime("%Y-%m") for _, p in ids})
    return {
        "articles": len(ids),
        "feeds": len(outlets),
        "seed": seed,
        **counts,
        "shards": len(months),
        "first_month": months[0] if months else None,
        "last_month": months[-1] if months else None,
        "generated_seconds": round(time.perf_counter() - started, 1),
        "generator_version": GENERATOR_VERSION,
    }


def _add_feeds(store: Store, prose: Prose, rng: random.Random, count: int) -> list[dict]:
    outlets: list[dict] = []
    titles: set[str] = set()
    with store.writing():
        while len(outlets) < count:
            title = rng.choice(OUTLET_FORMS).format(rng.choice([prose.coin(), rng.choice(prose.places)]))
            if title in titles:
                continue
            titles.add(title)
            domain = "".join(c for c in title.lower() if c.isalnum()) + rng.choice([".com", ".org", ".net", ".news"])
            url = f"https://www.{domain}/feed.xml"
            feed_id, _ = store.feeds_file.add(url, title, rng.sample(FEED_TAGS, rng.randint(0, 2)))
            authors = [f"{rng.choice(prose.people).split()[0]} {prose.coin()}" for _ in range(rng.randint(2, 12))]
            outlets.append(
                {"id": feed_id, "title": title, "domain": domain, "authors": authors, "kind": rng.choice(KINDS)}
            )
    return outlets


def _draft(prose: Prose, rng: random.Random, number: int, published: datetime, outlet: dict) -> ArticleDraft:
    title = prose.headline()
    slug = "-".join(title.lower().split()[:7])
    slug = "".join(c for c in slug if c.isalnum() or c == "-")
    url = f"https://www.{outlet['domain']}/{published:%Y/%m/%d}/{slug}-{number}"
    links = [
        f"https://www.{rng.choice(['reuters.com', 'apnews.com', 'gov.example', outlet['domain'], 'data.example.org'])}"
        f"/{prose.coin().lower()}/{rng.getrandbits(24):06x}"
        for _ in range(rng.choice([0, 0, 0, 1, 2, 3, 5]))
    ]
    return ArticleDraft(
        source=outlet["id"],
        guid=url,
        title=title,
        body=prose.body(rng.randint(2_000, 6_000), links),
        outlet=outlet["title"],
        outlet_url=f"https://www.{outlet['domain']}/",
        author="" if rng.random() < 0.1 else rng.choice(outlet["authors"]),
        url=url,
        published=published.replace(microsecond=0),
        kind=outlet["kind"],
    )


def _annotation(prose: Prose, rng: random.Random, article_id: str, draft: ArticleDraft) -> dict:
    text = draft.body.text
    start = text.rfind(" ", 0, rng.randrange(len(text) // 2)) + 1
    end = text.find(" ", start + rng.randint(30, 200))
    end = len(text) if end < 0 else end
    return {
        "article": article_id,
        "quote": text[start:end],
        "prefix": text[max(0, start - 32) : start],
        "suffix": text[end : end + 32],
        "start": start,
        "end": end,
        "note": rng.choice(prose.sentences) if rng.random() < 0.6 else "",
        "tags": rng.sample(USER_TAGS, rng.choice([0, 0, 1, 2])),
        "created": (draft.published + timedelta(hours=rng.randint(1, 500))).isoformat(),
    }


def _add_user_state(store: Store, rng: random.Random, ids: list[tuple[str, datetime]], annotations: dict) -> dict:
    read = rng.sample(ids, len(ids) // 3)
    store.mark_read([article_id for article_id, _ in read])
    tag_weights = zipf_weights(len(USER_TAGS), 2)
    marks: dict[str, dict] = {}
    for article_id, published in rng.sample(ids, len(ids) // 50):
        marks[article_id] = {"starred": True, "at": (published + timedelta(hours=rng.randint(1, 200))).isoformat()}
    for article_id, published in rng.sample(ids, len(ids) // 20):
        mark = marks.setdefault(article_id, {"at": (published + timedelta(hours=rng.randint(1, 200))).isoformat()})
        mark["tags"] = sorted(set(rng.choices(USER_TAGS, cum_weights=tag_weights, k=rng.randint(1, 3))))
    # A generation shortcut: the app sets marks one keypress at a time (set_starred,
    # add_tags); thousands of those would each rewrite marks.json, so they go in one write,
    # in the same document shape update_mark writes.
    with store.writing():
        store.user.marks.put_many(marks)
        store.user.annotations.put_many(annotations)
    return {
        "read": len(read),
        "starred": sum(1 for m in marks.values() if m.get("starred")),
        "tagged": sum(1 for m in marks.values() if m.get("tags")),
        "annotations": len(annotations),
    }


# The cache --------------------------------------------------------------------------------


def default_cache() -> Path:
    return Path(os.environ.get("BROADSHEET_BENCH_CACHE") or PROJECT_ROOT / ".bench")


def store_digest() -> str:
    """A digest of the store's code: a library written by other store code is built anew."""
    digest = hashlib.sha256(str(schema.SCHEMA).encode())
    for path in sorted((PROJECT_ROOT / "reader" / "store").glob("*.py")) + sorted(
            (PROJECT_ROOT / "reader" / "models").glob("*.py")):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:10]


def cache_key(articles: int, feeds: int, seed: int) -> str:
    return f"library-a{articles}-f{feeds}-s{seed}-g{GENERATOR_VERSION}-{store_digest()}"


def cached_library(
    articles: int = 100_000, feeds: int = 300, seed: int = 1, cache: Path | None = None
) -> tuple[Path, dict]:
    """The cached library's home folder and summary, generating it if needed.

    Treat the folder as read-only: copy it (``copy_library``) before anything writes.
    """
    cache = Path(cache or default_cache())
    key = cache_key(articles, feeds, seed)
    folder = cache / key
    manifest = folder / "manifest.json"
    if manifest.exists():
        return folder / "home", {**json.loads(manifest.read_text()), "cached": True}
    cache.mkdir(parents=True, exist_ok=True)
    building = cache / f".{key}.{os.getpid()}.tmp"
    shutil.rmtree(building, ignore_errors=True)
    info = generate_library(building / "home", articles, feeds, seed)
    (building / "manifest.json").write_text(json.dumps(info, indent=2))
    try:
        building.rename(folder)
    except OSError:
        shutil.rmtree(building, ignore_errors=True)  # another run finished first: keep its copy
    # Libraries built by older store code are never reused; they are large, so drop them.
    for stale in cache.glob(f"library-a{articles}-f{feeds}-s{seed}-*"):
        if stale.name != key:
            shutil.rmtree(stale, ignore_errors=True)
    return folder / "home", {**info, "cached": False}


def copy_library(source: Path, dest: Path) -> Path:
    """A private copy to measure writes on (packs are appended in place, so no hard links)."""
    shutil.copytree(source, dest)
    refresh_index(dest)
    return dest


def refresh_index(home: Path) -> None:
    """Rebuild a copied library's index, as its writer would, so the copy measures like the original.

    The index records each shard file's identity (inode, size, mtime) to notice shards that
    changed behind its back; a copy has new inodes, so until something rewrites the index
    every open would rebuild it from all the shards in memory.
    """
    store = Store.open(home)
    with store.writing():
        store.library.rebuild_index()


def fresh_library(
    dest: Path, articles: int = 100_000, feeds: int = 300, seed: int = 1, cache: Path | None = None
) -> dict:
    """Copy the cached library (generated if needed) to ``dest``; returns its summary."""
    source, info = cached_library(articles, feeds, seed, cache)
    copy_library(source, dest)
    return info


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--feeds", type=int, default=300)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--home", type=Path, help="copy the library here (default: only fill the cache)")
    parser.add_argument("--cache", type=Path, help="cache folder (default: $BROADSHEET_BENCH_CACHE or .bench/)")
    parser.add_argument("--no-cache", action="store_true", help="generate straight into --home")
    args = parser.parse_args(argv)
    if args.no_cache:
        if not args.home:
            parser.error("--no-cache needs --home")
        info = generate_library(args.home, args.articles, args.feeds, args.seed)
    elif args.home:
        info = fresh_library(args.home, args.articles, args.feeds, args.seed, args.cache)
    else:
        home, info = cached_library(args.articles, args.feeds, args.seed, args.cache)
        info["home"] = str(home)
    print(json.dumps(info, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
