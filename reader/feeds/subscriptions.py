"""Subscriptions as data: the Subscription record, feed URL checks, tags and import results."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from ..ingest.sanitize import clean_line
from ..text import normalise_tag
from .errors import FeedError

#: Longer than any real feed address; a longer "URL" is a pasted document or an attack.
MAX_URL_LENGTH = 4096
_DEFAULT_PORTS = {"http": 80, "https": 443}
# A host name or an IPv4 address; IPv6 literals are checked apart. \w admits IDN host names.
_HOST = re.compile(r"[\w-]+(?:\.[\w-]+)*\.?")
_IPV6 = re.compile(r"[0-9a-f:.]+(?:%[\w.~-]+)?")
# OPML's category attribute is "comma-separated slash-delimited category strings", so a tag that
# kept a "," or "/" would come back as two after an export; they are split into tags everywhere.
_TAG_SEPARATORS = re.compile(r"[,/]")


class BadFeedURL(FeedError, ValueError):
    """The text is not an http(s) address broadsheet would fetch; the message says why."""


class SubscriptionFileError(FeedError, ValueError):
    """A subscription file (OPML or newsboat urls) could not be read at all."""


@dataclass(frozen=True, slots=True)
class Subscription:
    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    site_url: str = ""


@dataclass(frozen=True, slots=True)
class ImportResult:
    subscriptions: tuple[Subscription, ...] = ()
    #: (the entry as the file had it, why it was left out), in file order.
    skipped: tuple[tuple[str, str], ...] = ()
    #: "opml" or "urls": the format the file was read as.
    format: str = ""


def shown(text: str, limit: int = 120) -> str:
    """Untrusted text made safe and short enough to quote in a message."""
    text = clean_line(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalise_feed_url(text: str) -> str:
    """The canonical form of a feed address, or BadFeedURL saying what is wrong with it.

    Only http and https are fetched. The scheme and host are lower-cased, a default port and the
    fragment are dropped and an empty path becomes "/", so one feed written two ways is one
    subscription. ``feed://host/x`` and ``feed:https://host/x`` (from "subscribe" links) become
    https: the feed: scheme never says which, and a fetch should not be downgraded to plain http.
    """
    text = text.strip()
    if not text:
        raise BadFeedURL("the feed address is empty")
    if len(text) > MAX_URL_LENGTH:
        raise BadFeedURL(f"the feed address is too long ({len(text):,} characters)")
    for char in text:
        if char == " ":
            raise BadFeedURL(f"the feed address contains a space (write it as %20): {shown(text)}")
        if char.isspace() or unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zs", "Zl", "Zp"):
            raise BadFeedURL(f"the feed address contains an invisible or control character (U+{ord(char):04X})")
    if "\\" in text:
        # Browsers read "\" as "/" and urlsplit does not, so the host would depend on who reads it.
        raise BadFeedURL(f"the feed address contains a backslash: {shown(text)}")
    lowered = text.lower()
    if lowered.startswith("feed:"):
        rest = text[5:]
        text = rest if rest.lower().startswith(("http://", "https://")) else "https:" + rest
    try:
        parts = urlsplit(text)
        port = parts.port
    except ValueError as error:
        raise BadFeedURL(f"not a valid address ({error}): {shown(text)}") from None
    scheme = parts.scheme.lower()
    if not scheme or "://" not in text:
        if scheme in ("http", "https"):
            raise BadFeedURL(f"the feed address has no host: {shown(text)}")
        if scheme and not parts.path[:1].isdigit():  # "example.com:8080/x" parses as a scheme
            raise BadFeedURL(f"only http and https feeds are supported, not {shown(scheme)}: addresses")
        raise BadFeedURL(f"the feed address needs http:// or https:// in front: {shown(text)}")
    if scheme not in _DEFAULT_PORTS:
        raise BadFeedURL(f"only http and https feeds are supported, not {shown(scheme)}: addresses")
    host = parts.hostname or ""
    if not host:
        raise BadFeedURL(f"the feed address has no host: {shown(text)}")
    bracketed = "[" in parts.netloc
    if not (_IPV6.fullmatch(host) if bracketed else _HOST.fullmatch(host)):
        raise BadFeedURL(f"the feed address has an invalid host name: {shown(host)}")
    netloc = f"[{host}]" if bracketed else host
    if port is not None and port != _DEFAULT_PORTS[scheme]:
        netloc = f"{netloc}:{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rpartition("@")[0] + "@" + netloc
    return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))


def feed_tags(values: Iterable[str]) -> tuple[str, ...]:
    """Tags in the app's own form (normalise_tag), split at "," and "/", without repeats, in order."""
    tags: dict[str, None] = {}
    for value in values:
        for piece in _TAG_SEPARATORS.split(value):
            tag = normalise_tag(clean_line(piece))
            if tag:
                tags[tag] = None
    return tuple(tags)


def make_subscription(url: str, title: str = "", tags: Iterable[str] = (), site_url: str = "") -> Subscription:
    """A Subscription from untrusted fields: URL normalised (or BadFeedURL), title and tags cleaned.

    A bad site URL is dropped rather than failing the feed: it is only a link for the reader.
    """
    try:
        site = normalise_feed_url(site_url) if site_url.strip() else ""
    except BadFeedURL:
        site = ""
    return Subscription(url=normalise_feed_url(url), title=clean_line(title), tags=feed_tags(tags), site_url=site)


class Collector:
    """Gathers subscriptions from one file: bad entries are noted, duplicates merged.

    A feed listed twice (in two folders, say) keeps its first title and site and gets the tags
    of every listing.
    """

    def __init__(self, format: str) -> None:
        self.format = format
        self._subscriptions: dict[str, Subscription] = {}
        self._skipped: list[tuple[str, str]] = []

    def skip(self, entry: str, reason: str) -> None:
        self._skipped.append((shown(entry, 200), reason))

    def add(self, entry: str, url: str, title: str = "", tags: Iterable[str] = (), site_url: str = "") -> None:
        try:
            new = make_subscription(url, title, tags, site_url)
        except BadFeedURL as error:
            self.skip(entry, str(error))
            return
        old = self._subscriptions.get(new.url)
        if old is not None:
            new = Subscription(
                url=old.url,
                title=old.title or new.title,
                tags=tuple(dict.fromkeys(old.tags + new.tags)),
                site_url=old.site_url or new.site_url,
            )
        self._subscriptions[new.url] = new

    def result(self) -> ImportResult:
        return ImportResult(tuple(self._subscriptions.values()), tuple(self._skipped), self.format)
