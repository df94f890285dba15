"""Links that resolving leaves as they are: a check that spares urljoin for most feed links."""

from __future__ import annotations

import re

# An absolute http(s) URL of plain ASCII: a lower-case scheme, a host (and port) with no
# brackets, a path without ";" parameters, a non-empty query, no fragment. urljoin hands such
# a link back unchanged whatever the base (it never resolves an absolute link's dot segments),
# and so does feedparser's join, whose repair only removes extra slashes after "://".
_SETTLED = re.compile(
    r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[\w.~!$&'()*+,=:@%/-]*)?(?:\?[\w.~!$&'()*+,=:@%/?-]+)?\Z", re.ASCII
)


def settled(base: str, link: str) -> bool:
    """Whether joining link to base gives link itself. The base must be empty or plain too:
    a malformed one (an unclosed IPv6 bracket) makes urljoin raise instead."""
    return _SETTLED.match(link) is not None and (not base or _SETTLED.match(base) is not None)
