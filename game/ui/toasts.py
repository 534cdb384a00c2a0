"""Short-lived messages in a corner: notifications, friends' messages, perks gained or lost."""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import theme as th
from game.ui.avatars import Face
from game.ui.widgets import UIContext, draw_icon

TOAST_SECONDS = 5.0
FADE_SECONDS = 0.5
MAX_TOASTS = 4


@dataclass(slots=True)
class Toast:
    """One message; `icon` is drawn before it ("up", "down", "flag", "dot", ...)."""

    text: str
    icon: str = "dot"
    color: th.Color = th.ACCENT
    ttl: float = TOAST_SECONDS
    face: Face | None = None
    rect: pygame.Rect | None = None
    """Where it was last drawn (None: not drawn, or no room for it)."""


class Toasts:
    """A small queue of toasts drawn bottom-right, newest at the bottom.

    ``changed`` turns true when a toast is added or the toasts are cleared (the whole screen
    must be drawn again); fading and expiring redraw only the toasts' own rectangles.
    """

    def __init__(self, seconds: float = TOAST_SECONDS) -> None:
        """Start empty; each toast stays `seconds` (the player's setting)."""
        self.items: list[Toast] = []
        self.seconds = seconds
        self.changed = False

    def add(
        self, text: str, icon: str = "dot", color: th.Color = th.ACCENT, face: Face | None = None
    ) -> None:
        """Show a message for a few seconds (with the sender's avatar when `face` is given)."""
        if not text:
            return
        self.items.append(Toast(text, icon, color, self.seconds, face))
        del self.items[:-MAX_TOASTS]
        self.changed = True

    def clear(self) -> None:
        """Remove every toast."""
        if self.items:
            self.changed = True
        self.items.clear()

    def update(self, dt: float) -> list[pygame.Rect]:
        """Age the toasts and drop the expired ones; returns the parts of the screen that
        changed: a fading toast's rectangle, or all the toasts' when one went away."""
        for toast in self.items:
            toast.ttl -= dt
        kept = [toast for toast in self.items if toast.ttl > 0]
        if len(kept) != len(self.items):
            drawn = [toast.rect for toast in self.items if toast.rect is not None]
            self.items = kept
            return drawn
        return [
            toast.rect
            for toast in self.items
            if toast.ttl < FADE_SECONDS and toast.rect is not None
        ]

    def draw(self, surface: pygame.Surface, ctx: UIContext) -> None:
        """Draw the toasts in the bottom-right corner."""
        t = ctx.theme
        width = min(t.px(420), surface.get_width() - 2 * t.pad)
        y = surface.get_height() - t.pad
        lh = ctx.text.line_height("meta")
        for toast in self.items:
            toast.rect = None
        for toast in reversed(self.items):
            lines = ctx.text.wrap(toast.text, "meta", width - lh - t.px(24))[:4]
            h = lh * len(lines) + t.px(16)
            rect = pygame.Rect(surface.get_width() - t.pad - width, y - h, width, h)
            if rect.y < surface.get_height() // 2 and toast is not self.items[-1]:
                break  # older toasts give way rather than cover half the screen
            toast.rect = rect
            alpha = 255 if toast.ttl > FADE_SECONDS else int(255 * toast.ttl / FADE_SECONDS)
            box = pygame.Surface(rect.size, pygame.SRCALPHA)
            pygame.draw.rect(box, (*th.PANEL, 240), box.get_rect(), border_radius=t.px(8))
            pygame.draw.rect(
                box, toast.color, box.get_rect(), max(1, t.px(2)), border_radius=t.px(8)
            )
            if toast.face is not None and ctx.avatars is not None:
                box.blit(ctx.avatars.get(toast.face, lh), (t.px(8), t.px(8)))
            else:
                draw_icon(
                    box,
                    toast.icon,
                    (t.px(8) + lh // 2, t.px(8) + lh // 2),
                    lh * 2 // 3,
                    toast.color,
                )
            for i, line in enumerate(lines):
                box.blit(ctx.text.render(line, "meta", th.TEXT), (t.px(12) + lh, t.px(8) + i * lh))
            box.set_alpha(alpha)
            surface.blit(box, rect)
            y = rect.y - t.px(8)
