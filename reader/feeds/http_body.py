"""Reading a response body: gzip/deflate decoded by us, with the decoded size capped while it streams."""

from __future__ import annotations

import zlib

import httpx

from reader.feeds.http_errors import FetchError, shown, size_text

# Each decompress call yields at most this much, so a bomb never inflates past the cap plus one step.
_STEP = 256 * 1024

_GZIP = 16 + zlib.MAX_WBITS
_ZLIB = zlib.MAX_WBITS
_RAW_DEFLATE = -zlib.MAX_WBITS


def _encoding(response: httpx.Response) -> str:
    """"" for an unencoded body, else "gzip" or "deflate"; refuses stacked and unknown codings."""
    tokens = [t.lower() for t in response.headers.get_list("content-encoding", split_commas=True)]
    tokens = [t for t in tokens if t and t != "identity"]
    if len(tokens) > 1:
        # Each layer could be a bomb of its own, and no feed server needs two.
        raise FetchError("stacked content encodings refused", "encoding")
    if not tokens:
        return ""
    if tokens[0] in ("gzip", "x-gzip"):
        return "gzip"
    if tokens[0] == "deflate":
        return "deflate"
    raise FetchError(f"unsupported content encoding {shown(tokens[0], 20)}", "encoding")


class BodyReader:
    """Collects a body from raw chunks, decoding it and refusing more than max_bytes once decoded."""

    def __init__(self, encoding: str, max_bytes: int) -> None:
        self._encoding = encoding
        self._max = max_bytes
        self._out = bytearray()
        self._pending = b""
        self._raw_seen = False
        self._inflater: zlib._Decompress | None = None
        if encoding == "gzip":
            self._inflater = zlib.decompressobj(_GZIP)

    def too_large(self) -> FetchError:
        return FetchError(f"response larger than {size_text(self._max)}", "too_large")

    def _keep(self, data: bytes) -> None:
        if len(self._out) + len(data) > self._max:
            raise self.too_large()
        self._out += data

    def feed(self, raw: bytes) -> None:
        self._raw_seen = self._raw_seen or bool(raw)
        if not self._encoding:
            self._keep(raw)
            return
        if self._inflater is None:
            # "deflate" should mean a zlib stream, but some servers send bare deflate; the first
            # two bytes of a zlib stream are a header whose value is a multiple of 31.
            self._pending += raw
            if len(self._pending) < 2:
                return
            head = self._pending[0] << 8 | self._pending[1]
            zlib_header = self._pending[0] & 0x0F == 8 and head % 31 == 0
            self._inflater = zlib.decompressobj(_ZLIB if zlib_header else _RAW_DEFLATE)
            raw, self._pending = self._pending, b""
        inflater = self._inflater
        data = raw
        try:
            while data and not inflater.eof:
                room = self._max - len(self._out)
                chunk = inflater.decompress(data, min(_STEP, room + 1))
                self._keep(chunk)
                data = inflater.unconsumed_tail
        except zlib.error:
            raise FetchError("response could not be decompressed", "encoding") from None
        # Bytes after the end of the compressed stream are ignored, as browsers do.

    def finish(self) -> bytes:
        # An empty body with a Content-Encoding (a 204, say) is nothing to decode, not a cut.
        if self._encoding and self._raw_seen:
            if self._inflater is None:
                # Fewer than two bytes of a deflate stream: the body never got going.
                raise FetchError("response cut short", "truncated", transient=True)
            if not self._inflater.eof:
                raise FetchError("response cut short", "truncated", transient=True)
        content = bytes(self._out)
        self._out = bytearray()
        return content


async def read_body(response: httpx.Response, max_bytes: int) -> bytes:
    """The decoded body of a streamed response, at most max_bytes, or a FetchError."""
    encoding = _encoding(response)
    declared = response.headers.get("content-length", "")
    # Compressed data can be a little larger than what it decodes to, never by more than this.
    wire_limit = max_bytes if not encoding else max_bytes + max_bytes // 64 + 1024
    reader = BodyReader(encoding, max_bytes)
    if declared.isdigit() and int(declared) > wire_limit:
        raise reader.too_large()
    received = 0
    async for raw in response.aiter_raw():
        received += len(raw)
        if received > wire_limit:
            raise reader.too_large()
        reader.feed(raw)
    return reader.finish()
