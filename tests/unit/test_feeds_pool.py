"""The parser pool's in-process parsing: an allowance per fetch, not per pool."""

from __future__ import annotations

import asyncio

from reader.feeds import pool as pool_module
from reader.feeds.parsed import ParseJob
from reader.feeds.pool import ParserPool


def test_each_fetch_gets_its_own_allowance_of_parsing_in_process(monkeypatch) -> None:
    # The app keeps one pool for all its fetches: a day of small fetches must not use up the
    # allowance and start the parser processes for a fetch of three new items.
    monkeypatch.setattr(pool_module, "INLINE_TOTAL", 100)
    job = ParseJob(content=b"<rss><channel><title>x</title></channel></rss>" + b" " * 14, feed_id="f", url="http://a/")
    pool = ParserPool(workers=2)
    try:
        for _ in range(3):  # three fetches, each of one small feed
            pool.begin()
            asyncio.run(pool.parse(job))
            assert not pool.running, "a small fetch started the parser processes"
    finally:
        pool.close()
