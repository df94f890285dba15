"""For feed tests: small RSS documents, a resolver that keeps them offline, and the CLI run in-process."""

from __future__ import annotations

import io
import socket
import sys
from dataclasses import dataclass
from html import escape

import pytest

from tests.clikit import run_cli

#: A date every item gets unless it says otherwise: in the past, so it is believed.
DATE = "Mon, 06 May 2024 10:00:00 GMT"


@dataclass(frozen=True)
class Item:
    guid: str
    title: str = ""
    text: str = ""
    link: str = ""
    date: str = DATE
    author: str = ""

    def xml(self) -> str:
        title = self.title or f"Story {self.guid}"
        text = self.text or f"<p>The text of story {self.guid}.</p>"
        link = self.link or f"https://news.example/{self.guid}.html"
        author = f"<author>desk@planet.com ({escape(self.author)})</author>" if self.author else ""
        return (
            f"<item><guid isPermaLink=\"false\">{escape(self.guid)}</guid><title>{escape(title)}</title>"
            f"<link>{escape(link)}</link><pubDate>{escape(self.date)}</pubDate>{author}"
            f"<description>{escape(text)}</description></item>\n"
        )


def rss(title: str, *items: Item | str) -> bytes:
    """An RSS 2.0 document; a str item is a guid with default fields."""
    entries = "".join((Item(i) if isinstance(i, str) else i).xml() for i in items)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>\n'
        f"<title>{escape(title)}</title><link>https://news.example/</link>\n{entries}</channel></rss>\n"
    ).encode()


class Resolver:
    """Stands in for DNS: 127.0.0.1, localhost and *.test resolve to 127.0.0.1, unless listed in
    ``unknown``; every other name (news.invalid, any real host) does not exist."""

    def __init__(self) -> None:
        self.unknown: set[str] = set()
        self._real = socket.getaddrinfo

    def __call__(self, host, port, *args, **kwargs):
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in self.unknown and (name in ("127.0.0.1", "localhost") or name.endswith(".test")):
            return self._real("127.0.0.1", port, *args, **kwargs)
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")


def go_offline(monkeypatch: pytest.MonkeyPatch) -> Resolver:
    """No test reaches the internet: names resolve as Resolver says, and no proxy is used."""
    resolver = Resolver()
    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    return resolver


def cli_runner(capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch):
    """``run(*argv) -> Run``: `broadsheet ARGS...` in this process, offline, with no terminal on stdin."""
    go_offline(monkeypatch)
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))

    return lambda *argv: run_cli(capsys, *argv)
