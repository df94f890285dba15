"""A malformed feed's warning: kept until a fetch reads the feed cleanly, told alike in text and JSON."""

from __future__ import annotations

import pytest

from tests.feedkit import cli_runner, rss
from tests.unit.test_cli_feeds import feeds


@pytest.fixture
def cli(capsys, monkeypatch):
    return cli_runner(capsys, monkeypatch)


def test_a_warning_stays_through_other_fetches_until_the_feed_parses_cleanly(cli, feed_server):
    whole = rss("Cut Daily", "c1", "c2", "c3").decode()
    second = whole.index("<item>", whole.index("<item>") + 1)
    cut = whole[: second + 25].encode()
    url = feed_server.route("/cut.xml", body=cut)
    assert cli("feeds", "add", url).code == 0
    assert cli("fetch").code == 0
    assert "not well-formed" in feeds(cli)[url]["warning"]
    # The same broken feed again, then a new item before the break: still broken.
    assert cli("fetch").code == 0
    assert "not well-formed" in feeds(cli)[url]["warning"]
    grown = rss("Cut Daily", "c0", "c1", "c2", "c3").decode()
    at = grown.index("<item>", grown.index("<item>", grown.index("<item>") + 1) + 1)
    feed_server.route("/cut.xml", body=grown[: at + 25].encode())
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert "not well-formed" in feed["warning"]
    line = cli("feeds", "list").out.splitlines()[0]
    assert line.startswith(f"{feed['id']}  warn") and feed["status"] == "warn"
    feed_server.route("/cut.xml", body=grown.encode())
    assert cli("fetch").code == 0
    feed = feeds(cli)[url]
    assert feed["warning"] == "" and feed["status"] == "ok"
