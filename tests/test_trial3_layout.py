"""Findings of the third new-player trial at 800x600 (issue 12, point 6): each test names what
was seen. English and Spanish; the app runs for real (headless) where a screen is involved."""

from __future__ import annotations

import pygame
import pytest

from game.ui.text import TextCache
from game.ui.theme import Theme

WHITE = (255, 255, 255)


def _inked_columns(surface: pygame.Surface) -> list[int]:
    mask = pygame.mask.from_surface(surface, 60)
    width, height = mask.get_size()
    return [x for x in range(width) if any(mask.get_at((x, y)) for y in range(height))]


def gap_after(cache: TextCache, text: str, at: int, size: int) -> int:
    """The blank pixel columns between the ink of `text[at]` and the next ink, as drawn."""
    whole = _inked_columns(cache.render_px(text, size, False, WHITE))
    end = max(_inked_columns(cache.render_px(text[: at + 1], size, False, WHITE)))
    return min(x for x in whole if x > end) - end - 1


def word_gaps(text: str) -> tuple[list[int], list[int]]:
    """Where `text`'s spaces follow a digit, and where they follow a letter (indexes of the
    character before each space)."""
    before = [i - 1 for i, ch in enumerate(text) if ch == " " and i > 0]
    return [i for i in before if text[i].isdigit()], [i for i in before if text[i].isalpha()]


LINES = [
    "Day 1 of 7",
    "You have 14 messages",
    "Friends react to 9 of your posts",
    "you lose 40 points",
    "Día 1 de 7",
    "tú pierdes 40 puntos",
]


@pytest.mark.parametrize("size", [11, 12, 14, 16])
@pytest.mark.parametrize("line", LINES)
def test_a_number_and_its_word_are_one_normal_space_apart(line, size) -> None:
    """Seen at 800x600: "Day 1  of 7", "40  points", "react to 9  of": after a digit, a
    space looked like two. The gap after a number is no wider than 1.3 times the widest
    plain word gap in the same line, and (not glued) wider than the gap inside "14"."""
    pygame.font.init()
    cache = TextCache(Theme.for_size(800, 600))
    after_digit, after_letter = word_gaps(line)
    normal = max(gap_after(cache, line, i, size) for i in after_letter)
    inside = gap_after(cache, "14", 0, size)
    for i in after_digit:
        gap = gap_after(cache, line, i, size)
        assert gap <= 1.3 * normal, (line, size, line[i], gap, normal)
        assert gap >= inside + 1, (line, size, line[i], gap, inside)
