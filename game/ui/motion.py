"""Moments of motion: score changes floating up near where they happened, and a tier banner.

A score change floats in the nearest empty space to where it happened (the click, or the score
for a key): on plain background, never over text, a button, a toast or the first-day guide; when
there is none nearby it does not float (the bar shows the change anyway). With reduced motion,
nothing floats and the banner appears still (it carries news: the player's tier changed), then
goes. `update` says which parts of the window changed; a float's number and the banner are drawn
once into images (a bounded cache) and then only blitted.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

import pygame

from game.ui import theme as th
from game.ui.text import LRU
from game.ui.widgets import UIContext, draw_delta, draw_icon

FLOAT_SECONDS = 1.4
BANNER_SECONDS = 3.2
RISE_PX = 30
"""How far a score change floats up (at scale 1)."""
SEARCH_PX = 200
"""How far from where a change happened its float may land (at scale 1)."""
SHRINK = 4
"""Empty space is looked for in cells of SHRINK x SHRINK pixels (fast enough for one frame)."""


@dataclass(slots=True)
class Float:
    """A signed score change rising from `pos` and fading; `label` is the change as the scenario
    shows scores ("+0.40 ★"), the plain signed number when empty."""

    delta: int
    pos: tuple[int, int]
    age: float = 0.0
    label: str = ""
    spot: pygame.Rect | None = None
    """The empty space it floats through, from its start to its highest point (None: not
    placed yet, or no room: then it is not drawn)."""
    placed: bool = False


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
        self.images = LRU(16)
        """Drawn floats and banners, keyed by everything they show and the theme's scales."""
        self.seen: list[tuple[pygame.Rect, int]] = []
        """Where things were drawn when `update` last looked, and how opaque."""

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

    def update(self, dt: float, ctx: UIContext, size: tuple[int, int]) -> list[pygame.Rect]:
        """Age everything and drop what is done; returns the parts of a window of `size` that
        changed since the last call (where things were and where they are now, when anything
        moved, faded, came or went; not every frame does). A new float asks for the whole
        window: it is placed on a whole frame."""
        for item in self.floats:
            item.age += dt
        self.floats = [f for f in self.floats if f.age < FLOAT_SECONDS]
        if self.banner is not None:
            self.banner.age += dt
            if self.banner.age >= BANNER_SECONDS:
                self.banner = None
        look = [(rect, _alpha(f)) for f in self.floats if (rect := self._float_rect(f, ctx))]
        if self.banner is not None:
            look.append((self._banner_area(ctx, size, self.banner), 255))
        unplaced = any(not f.placed for f in self.floats)
        if look == self.seen and not unplaced:
            return []
        changed = [pygame.Rect((0, 0), size)] if unplaced else []
        changed += [rect for rect, _ in self.seen + look]
        self.seen = look
        return changed

    def draw(
        self,
        surface: pygame.Surface,
        ctx: UIContext,
        avoid: Sequence[pygame.Rect] = (),
        floor: int | None = None,
    ) -> None:
        """Draw the floats and the banner over everything else on `surface` (drawn already: a
        new float is placed in its empty space, off every rectangle of `avoid` and above
        `floor`)."""
        t = ctx.theme
        whole = surface.get_clip() == surface.get_rect()
        if whole and any(not f.placed for f in self.floats):
            busy = [*avoid, *(f.spot for f in self.floats if f.spot is not None)]
            if self.banner is not None:  # where it is and where it slides to
                rect = self.banner_rect(surface.get_size(), ctx, self.banner)
                busy.append(rect.union(rect.move(0, t.px(60))))
            for item in self.floats:
                if not item.placed:  # placed on a whole frame: all its pixels are new
                    used = self._float_image(item, ctx)[1]
                    size = (used.width, used.height + t.px(RISE_PX))
                    item.spot = empty_spot(surface, item.pos, size, busy, floor, ctx)
                    item.placed = True
                    if item.spot is not None:
                        busy.append(item.spot)
        for item in self.floats:
            rect = self._float_rect(item, ctx)
            if rect is not None:
                layer, used = self._float_image(item, ctx)
                layer.set_alpha(_alpha(item))
                surface.blit(layer, rect, used)
        if self.banner is not None:
            area = self._banner_area(ctx, surface.get_size(), self.banner)
            for piece, y in self._banner_image(ctx, self.banner, area.size):
                surface.blit(piece, (area.x, area.y + y))

    def _float_rect(self, item: Float, ctx: UIContext) -> pygame.Rect | None:
        """Where a float is drawn now: rising through its spot, slowing down (None: not placed,
        or no room)."""
        if item.spot is None:
            return None
        used = self._float_image(item, ctx)[1]
        k = item.age / FLOAT_SECONDS
        rise = int((item.spot.height - used.height) * (1 - (1 - k) ** 2))
        return pygame.Rect(item.spot.x, item.spot.bottom - used.height - rise, *used.size)

    def _float_image(self, item: Float, ctx: UIContext) -> tuple[pygame.Surface, pygame.Rect]:
        """A float's change drawn on a transparent image, and the part of it used (cached)."""
        t = ctx.theme
        key = ("float", item.delta, item.label, t.scale, t.text_scale)
        drawn = self.images.get(key)
        if drawn is None:
            layer = pygame.Surface((t.px(200), ctx.text.line_height("heading")), pygame.SRCALPHA)
            used = draw_delta(layer, ctx, item.delta, (0, 0), "heading", item.label or None)
            drawn = (layer, used)
            self.images.put(key, drawn)
        return drawn  # type: ignore[return-value]

    def banner_rect(self, size: tuple[int, int], ctx: UIContext, banner: Banner) -> pygame.Rect:
        """Where `banner` is drawn now in a window of `size` (without its dark edge): a third
        down the window, sliding into place."""
        t = ctx.theme
        width = min(size[0] - 2 * t.pad, t.px(640))
        height = ctx.text.line_height("title") + ctx.text.line_height("body") + t.px(28)
        k = 1.0 if self.reduced else min(1.0, banner.age / 0.35)
        y = int(size[1] * 0.32 - (1 - k) ** 2 * t.px(60))
        return pygame.Rect((size[0] - width) // 2, y, width, height)

    def _banner_area(self, ctx: UIContext, size: tuple[int, int], banner: Banner) -> pygame.Rect:
        """Where the banner is drawn with its dark edge."""
        t = ctx.theme
        return self.banner_rect(size, ctx, banner).inflate(t.px(8), t.px(8))

    def _banner_image(
        self, ctx: UIContext, banner: Banner, size: tuple[int, int]
    ) -> list[tuple[pygame.Surface, int]]:
        """The banner drawn once for its `size` (cached), as pieces with their heights: its
        rounded top and bottom on transparent images, the rows between them opaque (faster
        to draw)."""
        t = ctx.theme
        key = ("banner", banner.title, banner.detail, banner.color, banner.up, size, t.scale)
        pieces = self.images.get((*key, t.text_scale))
        if pieces is None:
            image = pygame.Surface(size, pygame.SRCALPHA)
            self._banner(image, ctx, banner)
            end = min(t.px(18), size[1] // 2)  # the outer corners' radius
            middle = pygame.Rect(0, end, size[0], size[1] - 2 * end)
            opaque = pygame.Surface(middle.size)
            opaque.blit(image.subsurface(middle), (0, 0))
            pieces = [
                (image.subsurface((0, 0, size[0], end)), 0),
                (opaque, end),
                (image.subsurface((0, middle.bottom, size[0], end)), middle.bottom),
            ]
            self.images.put((*key, t.text_scale), pieces)
        return pieces  # type: ignore[return-value]

    def _banner(self, surface: pygame.Surface, ctx: UIContext, banner: Banner) -> None:
        """Draw the banner filling `surface` (its dark edge at the border)."""
        t = ctx.theme
        lh = ctx.text.line_height("title")
        rect = surface.get_rect().inflate(-t.px(8), -t.px(8))
        pygame.draw.rect(surface, (0, 0, 0), surface.get_rect(), border_radius=t.px(18))
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


def empty_spot(
    surface: pygame.Surface,
    near: tuple[int, int],
    size: tuple[int, int],
    avoid: Sequence[pygame.Rect],
    floor: int | None,
    ctx: UIContext,
) -> pygame.Rect | None:
    """The rectangle of `size` nearest to `near` (its centre) on plain background of the drawn
    `surface`: no text, icon or edge in it or in a small margin around it, none of it on a
    rectangle of `avoid`, all above `floor`; None when there is none within SEARCH_PX.

    The search looks at the surface SHRINK times smaller (each cell the average of its
    pixels: a cell with any text or edge differs from its plain neighbours)."""
    t = ctx.theme
    reach, margin = t.px(SEARCH_PX), t.px(6)
    bounds = surface.get_rect()
    if floor is not None:
        bounds.height = min(bounds.height, floor)
    area = pygame.Rect(near[0] - reach, near[1] - reach, 2 * reach, 2 * reach).clip(bounds)
    area.size = (area.width - area.width % SHRINK, area.height - area.height % SHRINK)
    cells = (area.width // SHRINK, area.height // SHRINK)
    probe = pygame.Mask(tuple(-(-(n + 2 * margin) // SHRINK) for n in size), fill=True)
    room = (cells[0] - probe.get_size()[0], cells[1] - probe.get_size()[1])
    if room[0] < 0 or room[1] < 0:
        return None
    busy = edges(pygame.transform.smoothscale(surface.subsurface(area), cells))
    for rect in avoid:
        x0, y0 = (rect.x - area.x) // SHRINK, (rect.y - area.y) // SHRINK
        x1, y1 = -(-(rect.right - area.x) // SHRINK), -(-(rect.bottom - area.y) // SHRINK)
        block = pygame.Rect(x0, y0, x1 - x0, y1 - y0).clip(pygame.Rect((0, 0), cells))
        if block.width and block.height:
            busy.draw(pygame.Mask(block.size, fill=True), block.topleft)
    cx = (near[0] - area.x) // SHRINK - probe.get_size()[0] // 2
    cy = (near[1] - area.y) // SHRINK - probe.get_size()[1] // 2
    for dx, dy in rings(reach // SHRINK // 2):
        x, y = cx + 2 * dx, cy + 2 * dy
        if 0 <= x <= room[0] and 0 <= y <= room[1] and busy.overlap(probe, (x, y)) is None:
            return pygame.Rect(area.x + x * SHRINK + margin, area.y + y * SHRINK + margin, *size)
    return None


def rings(span: int) -> Iterator[tuple[int, int]]:
    """Every grid offset within `span` steps of (0, 0), ring by ring outwards (each ring's
    nearest first)."""
    yield 0, 0
    for r in range(1, span + 1):
        ring = [(dx, dy) for dx in range(-r, r + 1) for dy in (-r, r)]
        ring += [(dx, dy) for dx in (-r, r) for dy in range(-r + 1, r)]
        yield from sorted(ring, key=lambda d: d[0] * d[0] + d[1] * d[1])


def edges(surface: pygame.Surface) -> pygame.Mask:
    """The pixels of `surface` that differ from their right or lower neighbour (text, icons,
    borders: everything but plain background)."""
    w, h = surface.get_size()
    busy = pygame.Mask((w, h))
    for other in ((1, 0), (0, 1)):
        if w > other[0] and h > other[1]:
            size = (w - other[0], h - other[1])
            here = surface.subsurface((0, 0, *size))
            there = surface.subsurface((*other, *size))
            same = pygame.mask.from_threshold(here, (0, 0, 0, 0), (1, 1, 1, 255), there)
            same.invert()
            busy.draw(same, (0, 0))
    return busy


def _alpha(item: Float) -> int:
    """How opaque a float is: fully for half its life, then fading out."""
    return int(255 * min(1.0, 2.2 * (1 - item.age / FLOAT_SECONDS)))
