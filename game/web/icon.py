"""The browser tab icon (``favicon.png``), drawn in pure Python.

An eye on a night-blue rounded square, with a small score bar under it: someone is
watching, and keeping count. The PNG is written with ``zlib`` and ``struct`` only, so the
icon can be redrawn anywhere Python runs; ``game/web/favicon.png`` is the committed
result, and a test checks that it matches :func:`render_png`.

Run ``python -m game.web.icon`` to rewrite ``game/web/favicon.png``.
"""

from __future__ import annotations

import math
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

SIZE = 64
"""Width and height of the icon, in pixels."""

_SUPERSAMPLE = 4
_BACKGROUND = (29, 27, 58)
_WHITE = (246, 244, 236)
_IRIS = (0, 168, 150)
_PUPIL = (14, 12, 30)
_BAR_EMPTY = (70, 66, 120)
_BAR_FULL = (255, 186, 73)

Colour = tuple[int, int, int]


def _inside_rounded_square(x: float, y: float) -> bool:
    radius, lo, hi = 12.0, 1.0, SIZE - 1.0
    cx = min(max(x, lo + radius), hi - radius)
    cy = min(max(y, lo + radius), hi - radius)
    return lo <= x <= hi and lo <= y <= hi and (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def _inside_eye(x: float, y: float) -> bool:
    # The almond is the intersection of two large circles, one above and one below.
    cx, cy, offset, radius = 32.0, 27.0, 15.0, 27.0
    upper = (x - cx) ** 2 + (y - (cy - offset)) ** 2 <= radius**2
    lower = (x - cx) ** 2 + (y - (cy + offset)) ** 2 <= radius**2
    return upper and lower


def _shade(x: float, y: float) -> Colour | None:
    """Return the colour at one sample point, or None where the icon is transparent."""
    if not _inside_rounded_square(x, y):
        return None
    if _inside_eye(x, y):
        distance = math.hypot(x - 32.0, y - 27.0)
        if distance <= 4.0:
            return _PUPIL
        if distance <= 9.5:
            return _IRIS
        return _WHITE
    if 46.0 <= y <= 53.0 and 12.0 <= x <= 52.0:
        # The score bar: filled to two thirds.
        return _BAR_FULL if x <= 38.0 else _BAR_EMPTY
    return _BACKGROUND


def render_rgba(shade: Callable[[float, float], Colour | None] = _shade) -> bytes:
    """Return the icon's pixels as SIZE*SIZE*4 bytes of straight (not premultiplied) RGBA.

    Each pixel averages SUPERSAMPLE x SUPERSAMPLE samples, so edges are smooth.
    """
    pixels = bytearray()
    step = 1.0 / _SUPERSAMPLE
    samples = _SUPERSAMPLE * _SUPERSAMPLE
    for py in range(SIZE):
        for px in range(SIZE):
            red = green = blue = covered = 0
            for sy in range(_SUPERSAMPLE):
                for sx in range(_SUPERSAMPLE):
                    colour = shade(px + (sx + 0.5) * step, py + (sy + 0.5) * step)
                    if colour is not None:
                        red += colour[0]
                        green += colour[1]
                        blue += colour[2]
                        covered += 1
            if covered:
                pixels += bytes(
                    (
                        round(red / covered),
                        round(green / covered),
                        round(blue / covered),
                        round(255 * covered / samples),
                    )
                )
            else:
                pixels += b"\0\0\0\0"
    return bytes(pixels)


def encode_png(width: int, height: int, rgba: bytes) -> bytes:
    """Return a PNG file (8-bit RGBA, no interlace) holding ``rgba``.

    Raises ValueError if ``rgba`` is not exactly width*height*4 bytes.
    """
    if len(rgba) != width * height * 4:
        raise ValueError(f"expected {width * height * 4} bytes of RGBA, got {len(rgba)}")

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    stride = width * 4
    raw = b"".join(b"\0" + rgba[row * stride : (row + 1) * stride] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw, 9))
        + chunk(b"IEND", b"")
    )


def render_png() -> bytes:
    """Return the icon as PNG bytes; the same bytes on every run and every platform."""
    return encode_png(SIZE, SIZE, render_rgba())


def favicon_path() -> Path:
    """Return where the committed icon lives: ``favicon.png`` next to this module."""
    return Path(__file__).with_name("favicon.png")


def main() -> int:
    """Rewrite ``game/web/favicon.png`` from :func:`render_png`; return 0."""
    path = favicon_path()
    data = render_png()
    path.write_bytes(data)
    print(f"wrote {path} ({len(data)} bytes, {SIZE}x{SIZE})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
