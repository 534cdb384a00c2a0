"""Fonts with per-run fallback, word wrapping and a bounded cache of rendered text surfaces.

The UI typeface is Noto Sans (regular and bold: Latin with accents, Greek, Cyrillic), bundled in
``assets/fonts``. A run of characters it lacks is drawn with the first fallback that has them:
Noto Sans CJK (common Chinese, Japanese and Korean characters), then Noto Emoji. Which font has
which character is read once from each font's character map (``game.ui.cmap``). A character no
font has is drawn by the UI font (as its missing-glyph box). When a font file is missing or
damaged it is skipped; without the UI font, pygame's built-in font is used.
"""

from __future__ import annotations

import re
import statistics
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path

import pygame

from game.assets import font_path
from game.core.printable import printable
from game.ui.cmap import CmapError, codepoints
from game.ui.theme import Color, Theme

ELLIPSIS = "…"

_JOINERS = frozenset({0x200C, 0x200D, 0xFE0E, 0xFE0F, 0x20E3})
"""Characters that stay with the run before them (joiners, variation selectors, keycap)."""


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

    def put(self, key: Hashable, value: object) -> list[object]:
        """Store `value`, evicting the least recently used entries when full; returns the
        evicted values (oldest first), so a caller may reuse what they hold."""
        self._data[key] = value
        self._data.move_to_end(key)
        evicted = []
        while len(self._data) > self.capacity:
            evicted.append(self._data.popitem(last=False)[1])
        return evicted

    def clear(self) -> None:
        """Forget everything."""
        self._data.clear()

    def __len__(self) -> int:
        """The number of cached entries."""
        return len(self._data)


class FontSet:
    """The UI font and its fallbacks, with one pygame font per file and pixel size."""

    def __init__(self, roles: dict[str, Path | None] | None = None) -> None:
        """Use the bundled font files for each role ("regular", "bold", "cjk", "emoji");
        `roles` overrides them (None for a role: leave it out). Files are read on first use."""
        self._chosen = roles if roles is not None else {r: font_path(r) for r in _ROLES}
        self._coverage: dict[str, frozenset[int]] = {}
        self._fonts: dict[tuple[str, int], pygame.font.Font] = {}
        self._runs = LRU(4000)

    def cover(self, role: str) -> frozenset[int]:
        """The codepoints the font for `role` has glyphs for (empty when the file is missing
        or damaged); read from the file the first time it is needed."""
        found = self._coverage.get(role)
        if found is None:
            path = self._chosen.get(role)
            try:
                found = codepoints(path) if path is not None else frozenset()
            except (OSError, CmapError):
                found = frozenset()
            self._coverage[role] = found
        return found

    def path(self, role: str) -> Path | None:
        """The usable font file for `role`, or None."""
        return self._chosen.get(role) if self.cover(role) else None

    def font(self, role: str, size: int) -> pygame.font.Font:
        """The pygame font for `role` at `size` (pygame's own font when the file is missing)."""
        key = (role, size)
        font = self._fonts.get(key)
        if font is None:
            path = self.path(role) or (self.path("regular") if role == "bold" else None)
            try:
                font = pygame.font.Font(path, size) if path else pygame.font.Font(None, size)
            except (OSError, pygame.error):
                font = pygame.font.Font(None, size)
            if role == "bold" and self.path("bold") is None:
                font.bold = True
            self._fonts[key] = font
        return font

    def runs(self, text: str, bold: bool) -> tuple[tuple[str, str], ...]:
        """`text` cut into (role, characters) runs, each drawn by the first font that has it."""
        main = "bold" if bold else "regular"
        key = (text, bold)
        found = self._runs.get(key)
        if found is not None:
            return found  # type: ignore[return-value]
        out: list[tuple[str, str]] = []
        role, chars = main, []
        skip = False
        for i, ch in enumerate(text):
            if skip:  # the second letter of a flag
                skip = False
                continue
            if flag := _flag_at(text, i):
                if chars:
                    out.append((role, "".join(chars)))
                out.append((FLAG, flag))
                role, chars, skip = main, [], True
                continue
            code = ord(ch)
            if code in _JOINERS:
                if code in self.cover(role):
                    chars.append(ch)
                continue  # a joiner the font cannot draw is left out, not drawn as a box
            if ch.isspace():
                # spaces keep the run's font, except emoji fonts' spaces (as wide as an emoji)
                want = role if role in ("regular", "bold", "cjk") else main
                ch = ch if ord(ch) in self.cover(want) else " "
            else:
                want = self._role_for(code, main)
            if want != role and chars:
                out.append((role, "".join(chars)))
                chars = []
            role = want
            chars.append(ch)
        if chars or not out:
            out.append((role, "".join(chars)))
        result = tuple(out)
        self._runs.put(key, result)
        return result

    def _role_for(self, code: int, main: str) -> str:
        if code in (self.cover(main) or self.cover("regular")):
            return main
        for role in ("cjk", "emoji"):
            if code in self.cover(role):
                return role
        return main

    def has_glyph(self, ch: str) -> bool:
        """True when some font of the set has a real glyph for the character `ch`."""
        return any(ord(ch) in self.cover(role) for role in _ROLES)


_ROLES = ("regular", "bold", "cjk", "emoji")

FLAG = "flag"
"""The run role of a flag: two regional-indicator letters ("🇨🇳"), drawn as a badge with the
country's code ("CN"). The bundled monochrome Noto Emoji has the 26 letters but no flags (no
ligatures), and a colour flag font would cost megabytes in the web build; a badge keeps which
country the writer meant, where a plain flag symbol would lose it."""
_REGIONAL = range(0x1F1E6, 0x1F1E6 + 26)
"""Regional-indicator letters A to Z: two in a row make a flag."""


def _flag_at(text: str, i: int) -> str:
    """The country code ("CN") when a flag (two regional-indicator letters) starts at `i`."""
    if ord(text[i]) in _REGIONAL and i + 1 < len(text) and ord(text[i + 1]) in _REGIONAL:
        return "".join(chr(ord(ch) - _REGIONAL.start + 65) for ch in text[i : i + 2])
    return ""


DIGIT_SPACES = ("\u200a", "\u2009", "\u2005", " ", "\u2004", " \u200a", " \u2009")
"""What may stand for a space between a number and a word, narrowest first (hair space, thin
space, four-per-em space, space, three-per-em space, and a space widened by a hair or thin
space). Noto Sans's digits are all as wide as the widest, so the ink gap after a plain space
depends on the digit: after "4" it looked no wider than the gap inside "14" ("14messages"),
after "1" like a double space ("Day 1  of 7")."""
_WORD_ENDS = "oenas"
"""Common last letters of a word: the gap a space leaves after them, before the same next
letter, is what a normal word space looks like there."""
_NUMBER_SPACE = re.compile(r"(?<=(\d)) (?=([^\W\d_]))")


def _flag_pad(size: int) -> int:
    """The space inside a flag's badge, left and right of its letters (and after it)."""
    return max(2, size // 6)


def _ink_gap(font: pygame.font.Font, left: str, right: str) -> int:
    """The blank columns between the ink of `left` and the ink that follows it in `left + right`
    (`right` starts with spacing and ends with a letter)."""
    white = (255, 255, 255)
    whole = pygame.mask.from_surface(font.render(left + right, True, white), 60)
    first = pygame.mask.from_surface(font.render(left, True, white), 60)
    end = max((r.right for r in first.get_bounding_rects()), default=0)
    width, height = whole.get_size()
    if end >= width:
        return 0
    if end > 0:
        whole.erase(pygame.mask.Mask((end, height), fill=True), (0, 0))
    rects = whole.get_bounding_rects()
    return min(r.left for r in rects) - end if rects else 0


def word_gap(font: pygame.font.Font, letter: str) -> float:
    """The ink gap a normal word space leaves before `letter`: the median after common last
    letters ("o t", "e t", "n t"...)."""
    return statistics.median(_ink_gap(font, end, " " + letter) for end in _WORD_ENDS)


def digit_space(
    font: pygame.font.Font, digit: str, letter: str, before: str = "", word: float | None = None
) -> str:
    """The entry of DIGIT_SPACES that, between `digit` and `letter`, leaves the ink gap closest
    to a normal word space's before that same letter (the median gap after common last letters,
    "o t", "e t", "n t"...); on a tie the plain space, then the narrower. After a number of two
    digits or more (`before` is the digit before `digit`), the gap stays at least 2 pixels
    wider than the one inside the number, so the word never looks glued on ("14messages").

    The next letter must be part of the reference: its left side (the bar of "t", the bowl
    of "o") moves the ink gap as much as a pixel or two, and a round "o o" alone made the
    gap after "350" in "350 to 950" two pixels too wide at 15 px. `word` is `word_gap(font,
    letter)` when the caller keeps it."""
    if word is None:
        word = word_gap(font, letter)
    if before:
        word = max(word, _ink_gap(font, before, digit) + 2)
    return min(
        DIGIT_SPACES, key=lambda sp: (abs(_ink_gap(font, digit, sp + letter) - word), sp != " ")
    )


class TextCache:
    """Fonts by style, wrapped lines and rendered surfaces, all cached with bounded size."""

    def __init__(
        self, theme: Theme, surfaces: int = 1500, wraps: int = 6000, fonts: FontSet | None = None
    ) -> None:
        """Create caches for `theme`; `surfaces` and `wraps` bound the two caches."""
        self.theme = theme
        self.fonts = fonts if fonts is not None else FontSet()
        self.surfaces = LRU(surfaces)
        self.wraps = LRU(wraps)
        self._widths = LRU(20000)
        self._digit_spaces = LRU(2000)
        self._word_gaps = LRU(500)

    def set_theme(self, theme: Theme) -> None:
        """Switch to a new theme (after a resize); cached entries for old sizes age out."""
        self.theme = theme

    def _main(self, style: str) -> tuple[int, bool]:
        return self.theme.font_size(style), self.theme.font_bold(style)

    def font(self, style: str) -> pygame.font.Font:
        """The UI font for a style at the current scale (fallback fonts are chosen per run)."""
        size, bold = self._main(style)
        return self.fonts.font("bold" if bold else "regular", size)

    def line_height(self, style: str) -> int:
        """The distance between two lines of this style."""
        return self.font(style).get_linesize()

    def width(self, text: str, style: str) -> int:
        """The rendered width of `text` in pixels."""
        size, bold = self._main(style)
        return self._width(printable(text, newlines=True), size, bold)

    def _width(self, text: str, size: int, bold: bool) -> int:
        key = (text, size, bold)
        value = self._widths.get(key)
        if value is None:
            value = sum(
                self._run_width(role, run, size)
                for role, run in self.fonts.runs(self._spaced(text, size, bold), bold)
            )
            self._widths.put(key, value)
        return value  # type: ignore[return-value]

    def _spaced(self, text: str, size: int, bold: bool) -> str:
        """`text` as drawn: each space between a digit and a letter replaced by the spacing
        (`digit_space`) that reads as one normal word space between those two."""
        if not any(ch.isdigit() for ch in text):
            return text

        def spacing(match: re.Match[str]) -> str:
            digit, letter = match.group(1), match.group(2)
            at = match.start() - 2
            before = text[at] if at >= 0 and text[at].isdigit() else ""
            if ord(letter) not in self.fonts.cover("bold" if bold else "regular"):
                letter = "o"  # drawn by a fallback font: measured as a round letter
            key = (size, bold, before, digit, letter)
            found = self._digit_spaces.get(key)
            if found is None:
                font = self.font_for(size, bold)
                word = self._word_gaps.get((size, bold, letter))
                if word is None:
                    word = word_gap(font, letter)
                    self._word_gaps.put((size, bold, letter), word)
                found = digit_space(font, digit, letter, before, word)  # type: ignore[arg-type]
                self._digit_spaces.put(key, found)
            return found  # type: ignore[return-value]

        return _NUMBER_SPACE.sub(spacing, text)

    def render(self, text: str, style: str, color: Color) -> pygame.Surface:
        """A surface with `text` drawn in `color` (cached); each run in the font that has it."""
        size, bold = self._main(style)
        return self.render_px(text, size, bold, color)

    def render_px(self, text: str, size: int, bold: bool, color: Color) -> pygame.Surface:
        """Like `render`, at a pixel size rather than a style (avatars' initials)."""
        key = (text, size, bold, color)
        surface = self.surfaces.get(key)
        if surface is None:
            surface = self._draw(printable(text, newlines=True), size, bold, color)
            self.surfaces.put(key, surface)
        return surface  # type: ignore[return-value]

    def _draw(self, text: str, size: int, bold: bool, color: Color) -> pygame.Surface:
        runs = self.fonts.runs(self._spaced(text, size, bold), bold)
        if len(runs) == 1 and runs[0][0] != FLAG:
            return self.fonts.font(runs[0][0], size).render(runs[0][1] or " ", True, color)
        rendered = [self._run_image(role, run, size, bold, color) for role, run in runs]
        ascent = max(a for a, _ in rendered)
        height = max(ascent - a + img.get_height() for a, img in rendered)
        line = self.font_for(size, bold).get_height()
        surface = pygame.Surface(
            (sum(img.get_width() for _, img in rendered), max(height, line)), pygame.SRCALPHA
        )
        surface.fill((*color, 0))
        x = 0
        for a, img in rendered:
            surface.blit(img, (x, ascent - a))
            x += img.get_width()
        return surface

    def _run_width(self, role: str, run: str, size: int) -> int:
        if role == FLAG:
            return self._flag_font(size).size(run)[0] + 2 * _flag_pad(size) + _flag_pad(size)
        return self.fonts.font(role, size).size(run)[0]

    def _flag_font(self, size: int) -> pygame.font.Font:
        return self.fonts.font("bold", max(6, size * 3 // 4))

    def _run_image(
        self, role: str, run: str, size: int, bold: bool, color: Color
    ) -> tuple[int, pygame.Surface]:
        """One run drawn, with its ascent (where its baseline is)."""
        if role != FLAG:
            font = self.fonts.font(role, size)
            return font.get_ascent(), font.render(run, True, color)
        main = self.font_for(size, bold)
        pad = _flag_pad(size)
        letters = self._flag_font(size).render(run, True, color)
        badge = pygame.Surface((letters.get_width() + 3 * pad, main.get_height()), pygame.SRCALPHA)
        box = pygame.Rect(pad // 2, 0, letters.get_width() + 2 * pad, letters.get_height())
        box.bottom = min(badge.get_height(), main.get_ascent() + size // 8)  # on the baseline
        pygame.draw.rect(badge, color, box, max(1, size // 14), border_radius=max(2, size // 5))
        badge.blit(letters, letters.get_rect(center=box.center))
        return main.get_ascent(), badge

    def font_for(self, size: int, bold: bool) -> pygame.font.Font:
        """The UI font at a pixel size."""
        return self.fonts.font("bold" if bold else "regular", size)

    def wrap(self, text: str, style: str, width: int) -> tuple[str, ...]:
        """`text` broken into lines no wider than `width` (explicit newlines kept)."""
        size, bold = self._main(style)
        key = (text, size, bold, width)
        lines = self.wraps.get(key)
        if lines is None:
            shown = printable(text, newlines=True)
            lines = tuple(wrap_text(lambda s: self._width(s, size, bold), shown, width))
            self.wraps.put(key, lines)
        return lines  # type: ignore[return-value]

    def fit(self, text: str, style: str, width: int) -> str:
        """`text` shortened with an ellipsis so it fits in `width` on one line: cut after the
        last whole word that fits when that keeps at least WORD_REACH of what fits, otherwise
        (a long word, text without spaces such as Chinese) between characters."""
        text = printable(text, newlines=True)
        if self.width(text, style) <= width:
            return text
        lo, hi = 0, len(text)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(text[:mid].rstrip() + ELLIPSIS, style) <= width:
                lo = mid
            else:
                hi = mid - 1
        kept = text[:lo]
        if not text[lo].isspace():  # the cut falls inside a word
            space = kept.rfind(" ")
            if space > 0 and space >= lo * WORD_REACH:
                kept = kept[:space]
        return kept.rstrip(_TRAILING) + ELLIPSIS


WORD_REACH = 0.6
"""How much of what fits a cut at a word boundary keeps at least (else the word is cut)."""
_TRAILING = " \t,;:"
"""Left off before an ellipsis: spaces, and punctuation that would dangle ("puntos;…")."""


def wrap_text(measure: Callable[[str], int], text: str, width: int) -> list[str]:
    """Greedy word wrap by `measure` (text -> pixels); words longer than a line, and text
    without spaces (Chinese, Japanese), are broken between characters."""
    width = max(8, width)
    out: list[str] = []
    for paragraph in text.split("\n"):
        words = paragraph.split(" ")
        line = ""
        for word in words:
            candidate = word if not line else f"{line} {word}"
            if measure(candidate) <= width:
                line = candidate
                continue
            if line:
                out.append(line)
                line = ""
            while measure(word) > width and len(word) > 1:
                cut = _longest_prefix(measure, word, width)
                out.append(word[:cut])
                word = word[cut:]
            line = word
        out.append(line)
    return out


def _longest_prefix(measure: Callable[[str], int], word: str, width: int) -> int:
    """How many leading characters of `word` fit in `width` (at least one)."""
    lo, hi = 1, len(word)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(word[:mid]) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo
