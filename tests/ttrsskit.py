"""A real Tiny Tiny RSS for the sync tests: started by .ci/ttrss.sh, one fresh account per test.

tt-rss will not fetch feeds from loopback, so articles go in through its database, as its own
updater would write them (the GUID hashed per user, as tt-rss 21 does).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / ".ci" / "ttrss.sh"


@dataclass
class TtRss:
    url: str
    db: str

    def sql(self, query: str) -> str:
        done = subprocess.run([shutil.which("psql") or "psql", "-X", "-q", "-tA", "-v", "ON_ERROR_STOP=1", self.db,
                               "-f", "-"], input=query, capture_output=True, text=True, timeout=60)
        if done.returncode:
            raise RuntimeError(done.stderr)
        return done.stdout.strip()

    def new_account(self, password: str = "secret") -> Account:
        login = "u" + uuid.uuid4().hex[:10]
        digest = hashlib.sha1(password.encode()).hexdigest()
        uid = int(self.sql(f"insert into ttrss_users (login, pwd_hash, access_level, created) values "
                           f"('{login}', 'SHA1:{digest}', 0, now()) returning id"))
        self.sql(f"insert into ttrss_user_prefs (owner_uid, pref_name, value, profile) values "
                 f"({uid}, 'ENABLE_API_ACCESS', 'true', null)")
        feed = int(self.sql(f"insert into ttrss_feeds (owner_uid, title, feed_url) values "
                            f"({uid}, 'Loopback news', 'http://news.invalid/{login}.xml') returning id"))
        return Account(self, login, password, uid, feed)


@dataclass
class Account:
    server: TtRss
    user: str
    password: str
    uid: int
    feed: int

    def add_articles(self, items: list[tuple[str, str, str]]) -> None:
        """(guid, link, title) each, stored as tt-rss's updater stores a feed's items."""
        rows = []
        for guid, link, title in items:
            hashed = json.dumps({"ver": 2, "uid": self.uid, "hash": "SHA1:" + hashlib.sha1(guid.encode()).hexdigest()})
            rows.append("(" + ", ".join(_quote(v) for v in (title, hashed, link, f"<p>{title}: the story.</p>")) + ")")
        if not rows:
            return
        self.server.sql(
            "with e as (insert into ttrss_entries (title, guid, link, content, updated, content_hash, date_entered, "
            "date_updated) select t, g, l, c, now(), '', now(), now() from (values " + ", ".join(rows) +
            ") as v(t, g, l, c) returning id) "
            f"insert into ttrss_user_entries (ref_id, uuid, feed_id, owner_uid, tag_cache, label_cache, unread) "
            f"select id, '', {self.feed}, {self.uid}, '', '', true from e")


def _quote(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def start_server() -> TtRss:
    """Start (or find running) the server; skip, saying why, when it cannot be had."""
    try:
        done = subprocess.run(["bash", str(SCRIPT), "start"], capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as error:
        pytest.skip(f"no tt-rss server for the sync tests: {error}")
    if done.returncode:
        reason = (done.stderr.strip().splitlines() or ["(no message)"])[-1]
        pytest.skip(f"no tt-rss server for the sync tests: {reason}")
    values = dict(line.split("=", 1) for line in done.stdout.splitlines() if "=" in line)
    return TtRss(values["TTRSS_URL"], values["TTRSS_DB"])
