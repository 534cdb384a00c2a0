"""Fonts, word wrapping and a bounded cache of rendered text surfaces.

The UI uses pygame's built-in default font (FreeSans Bold from GNU FreeFont, GPL with the font
exception), so nothing has to be shipped or downloaded and the browser build stays small.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Hashable

import pygame

from game.ui.theme import Color, Theme

ELLIPSIS = "…"


class LRU:
    """A small least-recently-used cache with a fixed capacity."""

    def __init__(self, capacity: int) -> None:
        """Create an empty cache holding at most `capacity` entries."""
        self.capacity = max(1, capacity)
        self._data: OrderedDict[Hashable, object] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> object | None:
        """The cached value for `key`, or None; marks it recently used."""
        value = self._data.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self._data.move_to_end(key)
        return value

    def put(self, key: Hashable, value: object) -> None:
        """Store `value`, evicting the least recently used entry when full."""
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.capacity:
            self._data.popitem(last=False)

    def clear(self) -> None:
        """Forget everything."""
        self._data.clear()

    def __len__(self) -> int:
        """The number of cached entries."""
        return len(self._data)


class TextCache:
    """Fonts by size, wrapped lines and rendered surfaces, all cached with bounded size."""

    def __init__(self, theme: Theme, surfaces: int = 1500, wraps: int = 6000) -> None:
        """Create caches for `theme`; `surfaces` and `wraps` bound the two caches."""
        self.theme = theme
        self._fonts: dict[int, pygame.font.Font] = {}
        self.surfaces = LRU(surfaces)
        self.wraps = LRU(wraps)

    def set_theme(self, theme: Theme) -> None:
        """Switch to a new theme (after a resize); cached entries for old sizes age out."""
        self.theme = theme

    def font(self, style: str) -> pygame.font.Font:
        """The font for a style at the current scale."""
        size = self.theme.font_size(style)
        font = self._fonts.get(size)
        if font is None:
            font = pygame.font.Font(None, size)
            self._fonts[size] = font
        return font

    def line_height(self, style: str) -> int:
        """The distance between two lines of this style."""
        return self.font(style).get_linesize()

    def width(self, text: str, style: str) -> int:
        """The rendered width of `text` in pixels."""
        return self.font(style).size(text)[0]

    def render(self, text: str, style: str, color: Color) -> pygame.Surface:
        """A surface with `text` drawn in `color` (cached)."""
        size = self.theme.font_size(style)
        key = (text, size, color)
        surface = self.surfaces.get(key)
        if surface is None:
            surface = self.font(style).render(text, True, color)
            self.surfaces.put(key, surface)
        return surface  # type: ignore[return-value]

    def wrap(self, text: str, style: str, width: int) -> tuple[str, ...]:
        """`text` broken into lines no wider than `width` (explicit newlines kept)."""
        size = self.theme.font_size(style)
        key = (text, size, width)
        lines = self.wraps.get(key)
        if lines is None:
            lines = tuple(wrap_text(self.font(style), text, width))
            self.wraps.put(key, lines)
        return lines  # type: ignore[return-value]

    def fit(self, text: str, style: str, width: int) -> str:
        """`text` shortened with an ellipsis so it fits in `width` on one line."""
        font = self.font(style)
        if font.size(text)[0] <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if font.size(text[:mid].rstrip() + ELLIPSIS)[0] <= width:
                lo = mid
            else:
                hi = mid - 1
        return text[:lo].rstrip() + ELLIPSIS


def wrap_text(font: pygame.font.Font, text: str, width: int) -> list[str]:
    """Greedy word wrap; words longer than a line are broken between characters."""
    width = max(8, width)
    out: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            candidate = word if not line else f"{line} {word}"
            if font.size(candidate)[0] <= width:
                line = candidate
                continue
            if line:
                out.append(line)
                line = ""
            while font.size(word)[0] > width and len(word) > 1:
                cut = _longest_prefix(font, word, width)
                out.append(word[:cut])
                word = word[cut:]
            line = word
        out.append(line)
    return out


def _longest_prefix(font: pygame.font.Font, word: str, width: int) -> int:
    """How many leading characters of `word` fit in `width` (at least one)."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if font.size(word[:mid])[0] <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo
