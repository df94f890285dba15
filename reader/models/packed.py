"""A body in the bytes its pack stores (PackedBody), and the one definition of those bytes.

Here rather than in the store so that a parser process can make them without loading it.
"""

from __future__ import annotations

import hashlib
import zlib
from dataclasses import dataclass

import orjson

from .articles import Body

#: Level 1: a fetch compresses thousands of bodies, and levels up to 6 cost half as much time
#: again for 3% less disk.
LEVEL = 1


def serialise_body(body: Body) -> bytes:
    """A body as stored in its pack (before compression), and as its content hash reads it."""
    return orjson.dumps(body.to_json())


def content_hash(title: str, serialised_body: bytes) -> str:
    digest = hashlib.sha256(title.encode())
    digest.update(serialised_body)
    return digest.hexdigest()[:16]


def compress_body(serialised_body: bytes) -> bytes:
    """The record a pack holds for a serialised body."""
    return zlib.compress(serialised_body, LEVEL)


def unpack_record(record: bytes) -> Body:
    """The body a pack's record holds (zlib.error or orjson.JSONDecodeError when it is damaged)."""
    return Body.from_json(orjson.loads(zlib.decompress(record)))


@dataclass(frozen=True, slots=True)
class PackedBody:
    """A body already made into its pack record, with what the article's metadata needs of it.

    A fetch's parser processes hand bodies back in this form: a few bytes to unpickle rather
    than hundreds of blocks, and the process that stores them writes them as they are.
    """

    #: The compressed record (compress_body of serialise_body).
    record: bytes
    #: content_hash of ``title`` and the body: the article's hash, while its title is this one.
    digest: str
    title: str
    comments: int

    @classmethod
    def pack(cls, body: Body, title: str) -> PackedBody:
        serialised = serialise_body(body)
        return cls(compress_body(serialised), content_hash(title, serialised), title, len(body.comments))

    def unpack(self) -> Body:
        return unpack_record(self.record)

    def for_title(self, title: str) -> PackedBody:
        """This body packed for an article titled ``title`` (itself, when that is its title)."""
        if title == self.title:
            return self
        return PackedBody(self.record, content_hash(title, zlib.decompress(self.record)), title, self.comments)

    def __reduce__(self) -> tuple[type[PackedBody], tuple[bytes, str, str, int]]:
        # Positional rebuilding pickles faster than the slots protocol (see Block).
        return (PackedBody, (self.record, self.digest, self.title, self.comments))


def packed(body: Body | PackedBody, title: str) -> PackedBody:
    """A draft's body, packed for its title."""
    if isinstance(body, PackedBody):
        return body.for_title(title)
    return PackedBody.pack(body, title)


def unpacked(body: Body | PackedBody) -> Body:
    return body.unpack() if isinstance(body, PackedBody) else body
