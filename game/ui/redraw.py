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

    def take_areas(self, screen: pygame.Rect) -> list[pygame.Rect]:
        """The areas to draw now, apart: ``[screen]`` for everything, else the parts within it
        with overlapping ones merged (so no pixel is drawn twice); empty when nothing changed.
        Afterwards nothing is pending."""
        if self.full:
            areas = [pygame.Rect(screen)]
        else:
            areas = merged(part.clip(screen) for part in self.parts)
        self.full = False
        self.parts.clear()
        return areas


def merged(rects: Iterable[pygame.Rect]) -> list[pygame.Rect]:
    """The non-empty `rects`, each group of overlapping ones replaced by its bounding rectangle,
    until no two overlap."""
    out: list[pygame.Rect] = []
    for rect in rects:
        if not (rect.width and rect.height):
            continue
        rect = pygame.Rect(rect)
        hit = rect.collidelist(out)
        while hit != -1:
            rect.union_ip(out.pop(hit))
            hit = rect.collidelist(out)
        out.append(rect)
    return out
