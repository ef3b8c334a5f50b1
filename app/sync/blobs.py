"""A batch's lines as one gzip blob: stored that way on the laptop, carried that way in a
package, so exporting copies bytes and never compresses.

A blob may hold several gzip members (a batch still open for changes grows by one member per
transaction); any gzip reader reads it as one stream.
"""

from __future__ import annotations

import zlib

from app.errors import IntegrityFailure

LEVEL = 6  # compressed once, when written, so the better ratio is worth it
BOMB_FLOOR = 16 * 1024 * 1024  # a batch may always expand this far
BOMB_RATIO = 100  # expanded / compressed beyond the floor: real changes compress ~5-8x


def pack(lines: list[bytes]) -> bytes:
    """One gzip member holding the lines, each ending in a newline."""
    c = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)
    return c.compress(b"".join(line + b"\n" for line in lines)) + c.flush()


def unpack(blob: bytes, limit: int, *, received: bool = True) -> bytes:
    """Everything the blob's gzip members hold, refusing more than ``limit`` bytes and (for a
    blob that came in a package) one that expands far beyond its size. Raises
    IntegrityFailure with one sentence."""
    if received:
        limit = min(limit, max(BOMB_FLOOR, BOMB_RATIO * len(blob)))
    out: list[bytes] = []
    total = 0
    data = blob
    try:
        while data:
            d = zlib.decompressobj(31)
            chunk = d.decompress(data, limit - total + 1)
            total += len(chunk)
            out.append(chunk)
            if total > limit or d.unconsumed_tail:
                raise IntegrityFailure(
                    "The package is a compression bomb (it expands far beyond its size); it was "
                    "not opened."
                )
            if not d.eof:
                raise zlib.error("cut short")
            data = d.unused_data
    except zlib.error:
        raise IntegrityFailure(
            "This package is damaged or incomplete (it may have been cut short in transfer)."
        ) from None
    return b"".join(out)


def lines_of(raw: bytes) -> list[bytes]:
    """The lines of an unpacked blob. Raises ValueError if the last one is not ended."""
    if not raw.endswith(b"\n"):
        raise ValueError("unterminated")
    return raw[:-1].split(b"\n")
