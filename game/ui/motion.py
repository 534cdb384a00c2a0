"""Moments of motion: score changes floating up from where they happened, and a tier banner.

With reduced motion, nothing floats and the banner appears still (it carries news: the player's
tier changed), then goes. Scenes ask `busy` to know whether a frame must be drawn again.
"""

from __future__ import annotations

from dataclasses import dataclass

import pygame

from game.ui import theme as th
from game.ui.widgets import UIContext, draw_delta, draw_icon

FLOAT_SECONDS = 1.4
BANNER_SECONDS = 3.2


@dataclass(slots=True)
class Float:
    """A signed score change rising from `pos` and fading; `label` is the change as the scenario
    shows scores ("+0.40 ★"), the plain signed number when empty."""

    delta: int
    pos: tuple[int, int]
    age: float = 0.0
    label: str = ""


@dataclass(slots=True)
class Banner:
    """A tier change: the new tier's name, its colour, up or down."""

    title: str
    detail: str
    color: th.Color
    up: bool
    age: float = 0.0


class Motion:
    """The floating numbers and the banner now on screen."""

    def __init__(self, reduced: bool = False) -> None:
        """Nothing moving yet; `reduced` turns the floating and sliding off."""
        self.reduced = reduced
        self.floats: list[Float] = []
        self.banner: Banner | None = None

    @property
    def busy(self) -> bool:
        """True while something is on screen that changes from frame to frame."""
        return bool(self.floats) or self.banner is not None

    def score(self, delta: int, pos: tuple[int, int], label: str = "") -> None:
        """A score change happened at `pos` (nothing floats with reduced motion); `label` is how
        the scenario shows it."""
        if delta and not self.reduced:
            self.floats.append(Float(delta, pos, label=label))
            del self.floats[:-6]

    def tier(self, title: str, detail: str, color: th.Color, up: bool) -> None:
        """Announce a tier change."""
        self.banner = Banner(title, detail, color, up)

    def restate(self, detail: str) -> None:
        """A later change while the banner is up: its detail says the score now, not the score
        of the change that raised it."""
        if self.banner is not None:
            self.banner.detail = detail

    def clear(self) -> None:
        """Stop everything (a new game, the title screen)."""
        self.floats.clear()
        self.banner = None

    def update(self, dt: float) -> None:
        """Age everything and drop what is done."""
        for item in self.floats:
            item.age += dt
        self.floats = [f for f in self.floats if f.age < FLOAT_SECONDS]
        if self.banner is not None:
            self.banner.age += dt
            if self.banner.age >= BANNER_SECONDS:
                self.banner = None

    def draw(self, surface: pygame.Surface, ctx: UIContext) -> None:
        """Draw the floats and the banner over everything."""
        t = ctx.theme
        for item in self.floats:
            k = item.age / FLOAT_SECONDS
            eased = 1 - (1 - k) ** 2
            x, y = item.pos
            rise = int(t.px(70) * eased)
            layer = pygame.Surface((t.px(160), ctx.text.line_height("heading")), pygame.SRCALPHA)
            draw_delta(layer, ctx, item.delta, (0, 0), "heading", item.label or None)
            layer.set_alpha(int(255 * min(1.0, 2.2 * (1 - k))))
            surface.blit(layer, (x, y - rise))
        if self.banner is not None:
            self._banner(surface, ctx, self.banner)

    def _banner(self, surface: pygame.Surface, ctx: UIContext, banner: Banner) -> None:
        t = ctx.theme
        width = min(surface.get_width() - 2 * t.pad, t.px(640))
        lh = ctx.text.line_height("title")
        height = lh + ctx.text.line_height("body") + t.px(28)
        k = 1.0 if self.reduced else min(1.0, banner.age / 0.35)
        y = int(surface.get_height() * 0.32 - (1 - k) ** 2 * t.px(60))
        rect = pygame.Rect((surface.get_width() - width) // 2, y, width, height)
        pygame.draw.rect(surface, (0, 0, 0), rect.inflate(t.px(8), t.px(8)), border_radius=t.px(18))
        pygame.draw.rect(
            surface, th.lerp_color(th.PANEL, banner.color, 0.35), rect, border_radius=t.px(16)
        )
        pygame.draw.rect(surface, banner.color, rect, t.px(4), border_radius=t.px(16))
        icon = lh
        draw_icon(
            surface,
            "up" if banner.up else "down",
            (rect.x + t.px(20) + icon // 2, rect.y + t.px(14) + lh // 2),
            icon,
            banner.color,
        )
        x = rect.x + t.px(32) + icon
        title = ctx.text.fit(banner.title, "title", rect.right - x - t.px(16))
        surface.blit(ctx.text.render(title, "title", th.TEXT), (x, rect.y + t.px(12)))
        detail = ctx.text.fit(banner.detail, "body", rect.right - x - t.px(16))
        surface.blit(ctx.text.render(detail, "body", th.TEXT), (x, rect.y + t.px(16) + lh))
