"""Feed bytes whose every possible decoding keeps ASCII as ASCII, so byte-level checks hold."""

from __future__ import annotations

import codecs
import functools
import re

# Byte-order marks, then the first four bytes of BOM-less documents in encodings that are not
# ASCII-compatible (wide Unicode and EBCDIC, which feedparser also recognises).
_BOMS = (
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
)
_EBCDIC_START = b"\x4c\x6f\xa7\x94"  # "<?xm" in cp037

# feedparser's own pattern for the declared encoding (greedy: on a one-line document it finds
# the last "encoding=" followed by "?>"), so we look at exactly the value it will use.
_DECLARED_ENCODING = re.compile(rb"<\?.*encoding=['\"](.*?)['\"].*\?>")
_ENCODING_NAME = re.compile(r"[A-Za-z][A-Za-z0-9._:-]{0,39}")
# Every printable ASCII character, and "<" as UTF-7 and the escape codecs spell it: an encoding
# that decodes this to anything else can make markup out of bytes that do not look like markup.
# (Backslashes only there: "\]" would make unicode_escape warn about an invalid escape.)
_PROBE = bytes(range(0x20, 0x7F)).replace(b"\\", b"") + b"\t\r\n+ADw- \\x3c \\u003c"
# And no byte outside ASCII may decode to an ASCII character.
_HIGH_BYTES = bytes(range(0x80, 0x100))
_UTF8 = "utf-8"


def ascii_transparent(content: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """content and headers such that every encoding feedparser may choose decodes ASCII bytes
    as themselves: wide and EBCDIC documents are transcoded to UTF-8, and a header or declared
    encoding that would turn other bytes into "<" (UTF-7, UTF-16 without a BOM,
    unicode_escape...) or that crashes feedparser (NUL, "undefined") is replaced by UTF-8."""
    codec, skip = _sniff(content[:4])
    if codec is not None:
        content = content[skip:].decode(codec, errors="replace").encode(_UTF8, errors="replace")
    content_type = headers.get("content-type", "")
    mime, _, parameters = content_type.partition(";")
    charset = _charset(parameters)
    if codec is not None or (charset is not None and not transparent(charset)):
        if charset is not None:
            headers = {**headers, "content-type": f"{mime.strip()}; charset={_UTF8}"}
    start = len(codecs.BOM_UTF8) if content.startswith(codecs.BOM_UTF8) else 0
    for _ in range(8):  # each pass fixes one value; a later "encoding=" may then be the match
        declared = _DECLARED_ENCODING.match(content, start)
        if declared is None or transparent(declared.group(1).decode("latin-1")):
            break
        content = content[: declared.start(1)] + _UTF8.encode() + content[declared.end(1) :]
    return content, headers


@functools.lru_cache(maxsize=128)
def transparent(name: str) -> bool:
    """Whether decoding with this codec leaves every ASCII byte as itself, and makes ASCII of
    nothing else."""
    if not _ENCODING_NAME.fullmatch(name):
        return False
    try:
        if _PROBE.decode(name) != _PROBE.decode("ascii"):
            return False
        return all(ord(char) >= 0x80 for char in _HIGH_BYTES.decode(name, errors="replace"))
    except (LookupError, UnicodeError, ValueError, TypeError):  # unknown, or bytes-to-bytes
        return False


def _sniff(start: bytes) -> tuple[str | None, int]:
    for bom, codec in _BOMS:
        if start.startswith(bom):
            return codec, len(bom)
    if len(start) < 4:
        return None, 0
    a, b, c, d = start
    if not (a or b or c) and d:
        return "utf-32-be", 0
    if a and not (b or c or d):
        return "utf-32-le", 0
    if not a and b and not c and d:
        return "utf-16-be", 0
    if a and not b and c and not d:
        return "utf-16-le", 0
    if start == _EBCDIC_START:
        return "cp037", 0
    return None, 0


def _charset(parameters: str) -> str | None:
    # As feedparser reads it: the last "charset=" parameter, unquoted.
    charset = None
    for parameter in parameters.split(";"):
        key, _, value = parameter.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'")
    return charset
