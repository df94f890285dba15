"""What a feed fetch is given and gives back: FetchLimits, FetchRequest and FetchResult."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How hard and how long to try. The defaults suit a refresh of a few hundred feeds."""

    concurrency: int = 16
    """Requests in flight at once, over all hosts."""
    per_host: int = 4
    """Requests in flight at once to one host, so a site with many feeds is not hammered."""
    connect_timeout: float = 10.0
    deadline: float = 30.0
    """Seconds for a whole attempt: redirects, headers and body (a dripping server included)."""
    max_bytes: int = 20 * 1024 * 1024
    """Largest body accepted, counted after decompression."""
    max_redirects: int = 5
    retry_after_cap: float = 30.0
    """Longest wait a server's Retry-After can ask of us."""
    retries: int = 1
    backoff: float = 0.5
    """Seconds before a retry (doubled for each further one, plus up to half again of jitter)."""
    private_hosts: bool = True
    """Whether hosts on private, loopback or link-local addresses may be fetched (every hop is
    checked when not). Feeds the user subscribed to may live there; pages a feed links to not."""

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.per_host < 1:
            raise ValueError("concurrency and per_host must be at least 1")
        if min(self.connect_timeout, self.deadline) <= 0 or self.max_bytes < 1:
            raise ValueError("timeouts and max_bytes must be positive")
        if min(self.max_redirects, self.retries, self.retry_after_cap, self.backoff) < 0:
            raise ValueError("max_redirects, retries, retry_after_cap and backoff cannot be negative")


#: The limits used when a caller gives none (FetchLimits is frozen, so one shared value is safe).
DEFAULT_LIMITS = FetchLimits()


@dataclass(frozen=True, slots=True)
class FetchRequest:
    url: str
    key: str = ""
    """The caller's id for this request (a feed id), handed back in the result."""
    etag: str = ""
    last_modified: str = ""
    accept: str = ""
    """The Accept header to send; "" for the feed types."""


@dataclass(frozen=True, slots=True)
class FetchResult:
    request: FetchRequest
    final_url: str = ""
    status: int | None = None
    headers: Mapping[str, str] = field(default_factory=dict)
    """Response headers with lower-case names; repeated headers joined with ", "."""
    content: bytes = b""
    not_modified: bool = False
    error: str = ""
    """A short message for the user; "" on success."""
    error_kind: str = ""
    """dns, refused, connect, timeout, tls, http, gone, too_large, redirect, encoding, truncated,
    protocol, network, invalid_url, private or internal."""
    permanent_redirect: str = ""
    """Where the feed now lives, when every redirect from its URL was permanent and the fetch worked."""
    gone: bool = False
    """410 Gone: the caller should stop polling this feed."""
    etag: str = ""
    last_modified: str = ""
    elapsed: float = 0.0
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return not self.error
