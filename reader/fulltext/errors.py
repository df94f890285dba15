"""Why a page gave no full text: FullTextError and its kinds, each with a sentence for the user."""

from __future__ import annotations

from ..errors import BroadsheetError

#: What went wrong, for programs (`--json`) and tests: the fetch's own kinds (timeout, too_large,
#: http, private, dns...) plus these.
NOT_HTML = "not_html"
EMPTY = "empty"
PAYWALLED = "paywalled"
NO_LINK = "no_link"
REFUSED = "refused"


class FullTextError(BroadsheetError):
    """The page could not give the article's text; the article keeps the text it had."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.message = message
        self.kind = kind
