"""What must be drawn again before the next frame is shown: nothing, some parts, or everything.

The loop draws and shows a frame only when something changed (input, a scene change, the game's
state, a running animation, a timer); a small change (a caret blinking, a toast fading, the score
counting) redraws and shows only its part of the screen.
"""

from __future__ import annotations

from collections.abc import Iterable

import pygame


class Redraw:
    """The parts of the screen that changed since the last drawn frame (at first: everything)."""

    def __init__(self) -> None:
        """Start with everything to draw (nothing is on the screen yet)."""
        self.full = True
        self.parts: list[pygame.Rect] = []

    def everything(self) -> None:
        """The whole screen must be drawn again."""
        self.full = True
        self.parts.clear()

    def part(self, rect: pygame.Rect) -> None:
        """This part of the screen must be drawn again (empty rectangles are ignored)."""
        if not self.full and rect.width > 0 and rect.height > 0:
            self.parts.append(pygame.Rect(rect))

    def parts_of(self, rects: Iterable[pygame.Rect]) -> None:
        """Each of these parts must be drawn again."""
        for rect in rects:
            self.part(rect)

    @property
    def pending(self) -> bool:
        """True when something must be drawn."""
        return self.full or bool(self.parts)

    def take(self, screen: pygame.Rect) -> pygame.Rect | None:
        """The area to draw now (``screen`` for everything, else the union of the parts within
        it), or None when nothing changed; afterwards nothing is pending."""
        if self.full:
            area: pygame.Rect | None = pygame.Rect(screen)
        elif self.parts:
            area = self.parts[0].unionall(self.parts[1:]).clip(screen)
            area = area if area.width and area.height else None
        else:
            area = None
        self.full = False
        self.parts.clear()
        return area
