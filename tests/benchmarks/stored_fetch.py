"""What a first fetch of the benchmark corpus stores, as one digest, to compare two versions of the code.

`python tests/benchmarks/stored_fetch.py [--feeds 200] [--items 50] [--dump FILE]`

Serves the corpus of bench_newsboat.py (fixed dates, so any day gives the same bytes), fetches
it into an empty library with `broadsheet fetch`, then reads back every article's metadata and
the exact bytes of its body's record in the pack, and the feeds' records. What differs from
run to run by nature is left out: the server's port (feeds are named by URL path, articles by
feed and GUID), the time of the fetch, and where in its pack a body landed (packs fill in the
order the feeds answered). Run it on two checkouts: the printed digests must be equal.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))

from tests.benchmarks.bench_feeds import served_corpus  # noqa: E402
from tests.benchmarks.feed_corpus import generate_corpus  # noqa: E402

#: Fields that say when, not what.
_TIMES = {"first_seen", "last_fetch", "last_success", "added", "placed"}
END = datetime(2026, 11, 1, tzinfo=UTC)


def stored(home: Path, base_url: str) -> dict:
    from reader.store import Store

    store = Store.open(home)
    paths = {feed.id: feed.url.removeprefix(base_url) for feed in store.feeds()}
    articles = {}
    library = store.library
    for shard in library.shard_names():
        for doc in library.shard_docs(shard).values():
            if doc["source"] not in paths:
                continue  # the library's seed articles
            offset, length = doc["body"]
            with open(library.bodies.path(shard), "rb") as pack:
                pack.seek(offset)
                record = pack.read(length)
            kept = {k: v for k, v in doc.items() if k not in _TIMES and k not in ("body", "source")}
            kept["shard"] = shard
            kept["record"] = hashlib.sha256(record).hexdigest()
            articles[f"{paths[doc['source']]}|{doc['guid']}"] = kept
    feeds = {}
    for feed in store.feeds():
        record = {k: (v.removeprefix(base_url) if isinstance(v, str) else v)
                  for k, v in dataclasses.asdict(feed).items() if k not in _TIMES and k != "id"}
        feeds[paths[feed.id]] = json.loads(json.dumps(record, default=str))
    return {"articles": articles, "feeds": feeds}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--dump", type=Path, help="write what was stored as JSON, to diff")
    args = parser.parse_args()
    corpus = generate_corpus(feeds=args.feeds, items=args.items, end=END)
    with served_corpus(corpus, 0.0, "broadsheet-stored-fetch-") as (base_url, _, scratch):
        home = scratch / "library"
        (scratch / "urls").write_text("".join(base_url + p.lstrip("/").replace("/", "_") + "\n" for p in corpus))
        run = [sys.executable, "-m", "reader", "--home", str(home)]
        subprocess.run([*run, "feeds", "import", str(scratch / "urls")], cwd=PROJECT_ROOT, check=True,
                       capture_output=True)
        subprocess.run([*run, "fetch", "--quiet"], cwd=PROJECT_ROOT, check=True, capture_output=True)
        found = stored(home, base_url)
    text = json.dumps(found, sort_keys=True, ensure_ascii=False)
    if args.dump:
        args.dump.write_text(text)
    print(f"{len(found['articles'])} articles, {len(found['feeds'])} feeds: "
          f"{hashlib.sha256(text.encode()).hexdigest()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
