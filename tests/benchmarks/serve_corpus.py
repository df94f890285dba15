"""Serve a folder of feed files over HTTP with added latency, in a process of its own.

`python -m tests.benchmarks.serve_corpus DIR --latency 0.05` prints its base URL, then
serves DIR/<name> at /<name> until stdin closes. Each answer carries an ETag made from the
file's content, so an unchanged file gets a 304; files may be replaced while it runs.
The server has a process to itself so that it never competes with the fetcher for the GIL.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

from tests.feedserver import FeedServer, Route


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--latency", type=float, default=0.05)
    args = parser.parse_args()
    cache: dict[Path, tuple[int, Route]] = {}

    def answer(request) -> Route:
        path = args.folder / request.path.lstrip("/").split("?")[0]
        try:
            stamp = path.stat().st_mtime_ns
        except FileNotFoundError:
            return Route(status=404)
        known = cache.get(path)
        if known is None or known[0] != stamp:
            body = path.read_bytes()
            etag = '"' + hashlib.blake2b(body, digest_size=8).hexdigest() + '"'
            known = cache[path] = (stamp, Route(body=body, etag=etag, headers={"Content-Type": "application/xml"}))
        return known[1]

    with FeedServer(latency=args.latency) as server:
        for path in sorted(args.folder.iterdir()):
            server.route(f"/{path.name}", answer)
        print(server.url("/"), flush=True)
        sys.stdin.read()  # until the benchmark closes our stdin


if __name__ == "__main__":
    main()
