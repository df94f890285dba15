"""Numbered link references shared by the HTML and Markdown readers."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from .sanitize import clean_line

#: Targets a reader may open. javascript:, data:, file: and the rest are dropped: the text stays,
#: the link does not.
ALLOWED_SCHEMES = frozenset({"http", "https", "mailto"})

# An absolute http(s)/mailto URL made only of printable ASCII needs no cleaning or joining.
_PLAIN_ABSOLUTE = re.compile(r"(?:https?://[!-~]+|mailto:[!-~]+)\Z", re.IGNORECASE)
# A root-relative path with no "." segments to normalise and no "//" host of its own.
_PLAIN_ROOTED = re.compile(r"(?!.*/\.)/(?![/\\])[!-~]*\Z")


class LinkTable:
    """Hands out 1-based reference numbers; citing the same URL twice gives the same number."""

    def __init__(self, base_url: str = "") -> None:
        self.base_url = base_url
        self._numbers: dict[str, int] = {}
        # "https://host" of the base, for the quick join of root-relative hrefs ("/news/1").
        self._origin = ""
        if _PLAIN_ABSOLUTE.match(base_url) and not base_url.lower().startswith("mailto:"):
            parts = urlsplit(base_url)
            self._origin = f"{parts.scheme}://{parts.netloc}"

    def resolve(self, href: str) -> str:
        """The absolute, cleaned URL for href, or "" when it is not a link worth keeping."""
        if _PLAIN_ABSOLUTE.match(href):
            return href  # the common case, and nothing in it to clean or resolve
        if self._origin and _PLAIN_ROOTED.match(href):
            return self._origin + href  # what urljoin gives, at a fraction of its cost
        # clean_line first: a control character or newline inside an href must not survive.
        href = clean_line(href)
        if not href or href.startswith("#"):
            return ""
        try:
            url = urljoin(self.base_url, href) if self.base_url else href
            scheme = urlsplit(url).scheme.lower()
        except ValueError:  # e.g. an invalid IPv6 host in a hand-written href
            return ""
        if scheme not in ALLOWED_SCHEMES:
            return ""
        return url

    def cite(self, url: str) -> int:
        """The reference number for an already resolved url."""
        number = self._numbers.get(url)
        if number is None:
            number = self._numbers[url] = len(self._numbers) + 1
        return number

    @property
    def links(self) -> tuple[str, ...]:
        # dicts keep insertion order, which is citation order.
        return tuple(self._numbers)
