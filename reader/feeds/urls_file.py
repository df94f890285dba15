"""newsboat's urls file (read_urls_file), and read_subscription_file for OPML or urls by content."""

from __future__ import annotations

from .opml import read_opml
from .subscriptions import Collector, ImportResult, SubscriptionFileError

# newsboat feeds that are not addresses: a saved search, and two that run a program. Commands
# from a file are never run, whoever wrote the file.
_NOT_FEEDS = {
    "query:": "a newsboat query feed (a saved search), not a feed",
    "exec:": "runs a command to make the feed; broadsheet never runs commands from a subscription file",
    "filter:": "pipes the feed through a command; broadsheet never runs commands from a subscription file",
}
_ESCAPES = {"n": "\n", "r": "\r", "t": "\t", '"': '"', "\\": "\\"}


def read_urls_file(text: str) -> ImportResult:
    """Read newsboat's ``urls`` file: a URL per line, then tags.

    ``"quoted tags"`` may hold spaces, ``"~Title"`` overrides the feed's title, and ``#`` starts
    a comment. A ``!tag`` hides the feed in newsboat's list; the feed is still a subscription the
    user reads (through query feeds), so it is imported with the tag minus its ``!``.
    """
    collector = Collector("urls")
    for line in text.splitlines():
        tokens = _tokenize(line)
        if not tokens:
            continue
        url, *rest = tokens
        reason = next((why for prefix, why in _NOT_FEEDS.items() if url.lower().startswith(prefix)), "")
        if reason:
            collector.skip(line.strip(), reason)
            continue
        titles = [tag[1:] for tag in rest if tag.startswith("~")]
        tags = [tag.removeprefix("!") for tag in rest if not tag.startswith("~")]
        collector.add(line.strip(), url, next(filter(None, titles), ""), tags)
    return collector.result()


def _tokenize(line: str) -> list[str]:
    """Split a line as newsboat does: whitespace between tokens, "double quotes" around spaces
    with backslash escapes inside, and "#" at the start of a token begins a comment."""
    tokens: list[str] = []
    i, length = 0, len(line)
    while i < length:
        if line[i].isspace():
            i += 1
            continue
        if line[i] == "#":
            break
        token: list[str] = []
        while i < length and not line[i].isspace():
            if line[i] != '"':
                token.append(line[i])
                i += 1
                continue
            i += 1  # an unclosed quote runs to the end of the line, as in newsboat
            while i < length and line[i] != '"':
                if line[i] == "\\" and i + 1 < length:
                    i += 1
                    token.append(_ESCAPES.get(line[i], "\\" + line[i]))
                else:
                    token.append(line[i])
                i += 1
            i += 1
        tokens.append("".join(token))
    return tokens


def read_subscription_file(data: bytes, name: str = "") -> ImportResult:
    """Read an OPML or a newsboat urls file, told apart by content: XML starts with "<".

    ``name``, the file's name, only goes into the message for a file that is neither.
    """
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        return read_opml(data)
    if b"\x00" in head:
        label = f"{name}: " if name else ""
        raise SubscriptionFileError(f"{label}not a subscription list (OPML or a newsboat urls file): it is binary")
    # newsboat writes UTF-8; a stray byte in one line should not lose the whole list.
    return read_urls_file(data.decode("utf-8-sig", errors="replace"))
