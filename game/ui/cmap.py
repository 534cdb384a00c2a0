"""Which characters a font file has glyphs for, read from its ``cmap`` table (pure Python).

pygame cannot say whether a font has a glyph (it measures the missing-glyph box like any
other), so the text code reads the font's own character map once per file. Formats 4 (BMP)
and 12 (all planes) are read; they are the ones every modern TrueType/OpenType font carries.
"""

from __future__ import annotations

import struct
from pathlib import Path


class CmapError(ValueError):
    """The file is not a font with a readable Unicode character map."""


def codepoints(path: Path) -> frozenset[int]:
    """Every codepoint that maps to a real glyph in the font at `path`.

    Raises OSError when the file cannot be read and CmapError when it is not a usable font.
    """
    data = path.read_bytes()
    try:
        return _codepoints(data)
    except (struct.error, IndexError) as err:
        raise CmapError(f"{path.name}: damaged character map ({err})") from None


def _codepoints(data: bytes) -> frozenset[int]:
    num_tables = struct.unpack_from(">H", data, 4)[0]
    cmap = None
    for i in range(num_tables):
        tag, _, offset, _ = struct.unpack_from(">4sIII", data, 12 + 16 * i)
        if tag == b"cmap":
            cmap = offset
    if cmap is None:
        raise CmapError("no cmap table")
    count = struct.unpack_from(">H", data, cmap + 2)[0]
    best: tuple[int, int] | None = None  # (rank, offset)
    for i in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
        fmt = struct.unpack_from(">H", data, cmap + offset)[0]
        rank = {(3, 10, 12): 0, (0, 4, 12): 1, (0, 6, 12): 1, (3, 1, 4): 2, (0, 3, 4): 3}.get(
            (platform, encoding, fmt)
        )
        if rank is not None and (best is None or rank < best[0]):
            best = (rank, cmap + offset)
    if best is None:
        raise CmapError("no Unicode character map (format 4 or 12)")
    start = best[1]
    fmt = struct.unpack_from(">H", data, start)[0]
    return frozenset(_format12(data, start) if fmt == 12 else _format4(data, start))


def _format12(data: bytes, start: int) -> set[int]:
    groups = struct.unpack_from(">I", data, start + 12)[0]
    out: set[int] = set()
    for i in range(groups):
        first, last, glyph = struct.unpack_from(">III", data, start + 16 + 12 * i)
        out.update(range(max(first, 1) if glyph == 0 else first, last + 1))
    return out


def _format4(data: bytes, start: int) -> set[int]:
    segments = struct.unpack_from(">H", data, start + 6)[0] // 2
    ends = struct.unpack_from(f">{segments}H", data, start + 14)
    starts = struct.unpack_from(f">{segments}H", data, start + 16 + 2 * segments)
    deltas = struct.unpack_from(f">{segments}h", data, start + 16 + 4 * segments)
    range_at = start + 16 + 6 * segments
    offsets = struct.unpack_from(f">{segments}H", data, range_at)
    out: set[int] = set()
    for i in range(segments):
        for code in range(starts[i], min(ends[i], 0xFFFE) + 1):
            if offsets[i] == 0:
                glyph = (code + deltas[i]) & 0xFFFF
            else:
                at = range_at + 2 * i + offsets[i] + 2 * (code - starts[i])
                glyph = struct.unpack_from(">H", data, at)[0]
                glyph = (glyph + deltas[i]) & 0xFFFF if glyph else 0
            if glyph:
                out.add(code)
    return out
