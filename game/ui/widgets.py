"""Small drawing helpers and widgets: icons, focus ring, buttons and their flow layout."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pygame

from game.ui import theme as th
from game.ui.text import TextCache

if TYPE_CHECKING:
    from game.ui.avatars import Avatars
from game.ui.theme import Color, Theme


@dataclass(slots=True)
class UIContext:
    """What every scene needs to draw: the theme, the text cache, the avatars, and whether the
    player asked for reduced motion."""

    theme: Theme
    text: TextCache
    time: float = 0.0
    avatars: Avatars | None = None
    reduced_motion: bool = False


def draw_icon(
    surface: pygame.Surface, kind: str, center: tuple[int, int], size: int, color: Color
) -> None:
    """Draw a small shape icon (the default font lacks arrow glyphs).

    Kinds: "up"/"down" (triangles, for gains and losses), "plus", "minus", "dot", "flag", "check",
    "heart", "share", "comment" (a speech bubble), "warn" (a triangle with a bar), "x" (close),
    "people" (friends), "bag" (shopping), "sun" (morning), "moon" (evening, drawn on a card).
    """
    x, y = center
    h = max(3, size // 2)
    if kind in _SOCIAL_ICONS:
        _SOCIAL_ICONS[kind](surface, x, y, h, color)
    elif kind == "up":
        pygame.draw.polygon(surface, color, [(x, y - h), (x + h, y + h), (x - h, y + h)])
    elif kind == "down":
        pygame.draw.polygon(surface, color, [(x - h, y - h), (x + h, y - h), (x, y + h)])
    elif kind in ("plus", "minus"):
        t = max(2, size // 6)
        pygame.draw.rect(surface, color, (x - h, y - t // 2, 2 * h, t))
        if kind == "plus":
            pygame.draw.rect(surface, color, (x - t // 2, y - h, t, 2 * h))
    elif kind == "flag":
        t = max(2, size // 8)
        pygame.draw.rect(surface, color, (x - h, y - h, t, 2 * h))
        pygame.draw.polygon(
            surface, color, [(x - h + t, y - h), (x + h, y - h // 2), (x - h + t, y)]
        )
    elif kind == "x":
        t = max(2, size // 7)
        pygame.draw.line(surface, color, (x - h, y - h), (x + h, y + h), t)
        pygame.draw.line(surface, color, (x - h, y + h), (x + h, y - h), t)
    elif kind == "check":
        t = max(2, size // 6)
        pygame.draw.lines(
            surface, color, False, [(x - h, y), (x - h // 3, y + h), (x + h, y - h)], t
        )
    else:
        pygame.draw.circle(surface, color, center, h)


def _heart(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    r = max(2, h // 2)
    pygame.draw.circle(surface, color, (x - r + 1, y - r // 2), r)
    pygame.draw.circle(surface, color, (x + r - 1, y - r // 2), r)
    pygame.draw.polygon(
        surface, color, [(x - 2 * r + 1, y - r // 3), (x + 2 * r - 1, y - r // 3), (x, y + h)]
    )


def _share(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    t = max(2, h // 3)
    pygame.draw.lines(surface, color, False, [(x - h, y + h), (x - h, y), (x + h // 2, y)], t)
    pygame.draw.polygon(
        surface, color, [(x + h // 3, y - h // 1.6), (x + h, y), (x + h // 3, y + h // 1.6)]
    )


def _comment(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    body = pygame.Rect(x - h, y - h * 3 // 4, 2 * h, h * 5 // 4)
    pygame.draw.rect(surface, color, body, max(2, h // 3), border_radius=max(2, h // 2))
    pygame.draw.polygon(
        surface, color, [(x - h // 2, body.bottom - 1), (x - h // 2, y + h), (x, body.bottom - 1)]
    )


def _warn(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    pygame.draw.polygon(surface, color, [(x, y - h), (x + h, y + h), (x - h, y + h)])
    t = max(1, h // 4)
    pygame.draw.rect(surface, (0, 0, 0), (x - t // 2, y - h // 3, t, h * 2 // 3))
    pygame.draw.rect(surface, (0, 0, 0), (x - t // 2, y + h * 2 // 3 - t, t, t))


def _people(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    r = max(2, h * 2 // 5)
    for cx in (x - h // 2, x + h // 2):
        pygame.draw.circle(surface, color, (cx, y - h // 3), r)
        body = pygame.Rect(cx - r - 1, y + h // 6, 2 * r + 2, h - h // 6)
        pygame.draw.rect(surface, color, body, border_top_left_radius=r, border_top_right_radius=r)


def _bag(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    t = max(2, h // 4)
    pygame.draw.rect(surface, color, (x - h, y - h // 3, 2 * h, h + h // 3), border_radius=t)
    handle = pygame.Rect(x - h // 2, y - h, h, h)
    pygame.draw.arc(surface, color, handle, 0, 3.1416, t)


def _sun(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    pygame.draw.circle(surface, color, (x, y), max(2, h // 2))
    t = max(1, h // 5)
    for dx, dy in ((1, 0), (0, 1), (-1, 0), (0, -1), (1, 1), (1, -1), (-1, 1), (-1, -1)):
        k = 0.7 if dx and dy else 1.0
        a, b = h * 0.75 * k, h * k
        pygame.draw.line(surface, color, (x + dx * a, y + dy * a), (x + dx * b, y + dy * b), t)


def _moon(surface: pygame.Surface, x: int, y: int, h: int, color: Color) -> None:
    """A crescent: a disc with a disc in the card's colour over it (icons sit on cards)."""
    pygame.draw.circle(surface, color, (x, y), h)
    pygame.draw.circle(surface, th.CARD, (x + h // 2, y - h // 3), h * 4 // 5)


_SOCIAL_ICONS = {
    "heart": _heart,
    "share": _share,
    "comment": _comment,
    "warn": _warn,
    "people": _people,
    "bag": _bag,
    "sun": _sun,
    "moon": _moon,
}


FILL_ALIGN = 16
"""Pixels per 64-byte cache line: SDL fills a rectangle whose rows start and end on cache lines
several times faster (about 5x on an x86 machine) than one that does not."""


def fill(
    surface: pygame.Surface,
    color: Color,
    rect: pygame.Rect | None = None,
    holes: Sequence[pygame.Rect] = (),
) -> None:
    """Fill `rect` (the clipping area when None) of `surface` with `color`, as
    ``Surface.fill`` does, but leave `holes` as they are (parts something opaque is drawn on
    next). Fast whatever the rectangle: the part between the cache-line columns is filled in
    one go, the ragged strips at its left and right apart."""
    area = surface.get_clip() if rect is None else pygame.Rect(rect).clip(surface.get_clip())
    parts = [area]
    for hole in holes:
        parts = [piece for part in parts for piece in _without(part, hole)]
    for part in parts:
        left = -(-part.x // FILL_ALIGN) * FILL_ALIGN
        right = part.right // FILL_ALIGN * FILL_ALIGN
        if right - left < FILL_ALIGN:
            surface.fill(color, part)
            continue
        surface.fill(color, (left, part.y, right - left, part.height))
        surface.fill(color, (part.x, part.y, left - part.x, part.height))
        surface.fill(color, (right, part.y, part.right - right, part.height))


def _without(rect: pygame.Rect, hole: pygame.Rect) -> list[pygame.Rect]:
    """`rect` less `hole`: up to four rectangles (above, below, left and right of it)."""
    cut = rect.clip(hole)
    if not (cut.width and cut.height):
        return [rect] if rect.width and rect.height else []
    pieces = [
        pygame.Rect(rect.x, rect.y, rect.width, cut.y - rect.y),
        pygame.Rect(rect.x, cut.bottom, rect.width, rect.bottom - cut.bottom),
        pygame.Rect(rect.x, cut.y, cut.x - rect.x, cut.height),
        pygame.Rect(cut.right, cut.y, rect.right - cut.right, cut.height),
    ]
    return [piece for piece in pieces if piece.width > 0 and piece.height > 0]


def draw_focus(surface: pygame.Surface, rect: pygame.Rect, ctx: UIContext) -> None:
    """A visible focus ring: a thick yellow outline with a dark edge, outside `rect`."""
    w = ctx.theme.px(3)
    outer = rect.inflate(2 * w + 2, 2 * w + 2)
    pygame.draw.rect(surface, (0, 0, 0), outer.inflate(2, 2), w + 1, border_radius=ctx.theme.px(8))
    pygame.draw.rect(surface, th.FOCUS, outer, w, border_radius=ctx.theme.px(8))


def draw_delta(
    surface: pygame.Surface,
    ctx: UIContext,
    delta: int,
    pos: tuple[int, int],
    style: str = "body",
    label: str | None = None,
) -> pygame.Rect:
    """Draw a signed change with an arrow icon ("▲ +40" / "▼ −40"); returns the area used.
    ``label`` is the change as the scenario shows scores ("+0.40 ★"), ``delta_label`` if None.

    Gains and losses differ by arrow direction and sign, not only by colour.
    """
    color = th.GAIN if delta > 0 else th.LOSS if delta < 0 else th.MUTED
    label = delta_label(delta) if label is None else label
    text = ctx.text.render(label, style, color)
    size = text.get_height()
    icon = max(8, size * 2 // 3)
    x, y = pos
    kind = "up" if delta > 0 else "down" if delta < 0 else "dot"
    draw_icon(
        surface, kind, (x + icon // 2, y + size // 2), icon // (2 if kind == "dot" else 1), color
    )
    surface.blit(text, (x + icon + ctx.theme.px(4), y))
    return pygame.Rect(x, y, icon + ctx.theme.px(4) + text.get_width(), size)


def delta_label(delta: int) -> str:
    """A signed number: "+40", "\u221240" (a real minus sign) or "0"."""
    if delta > 0:
        return f"+{delta}"
    return f"\u2212{abs(delta)}" if delta < 0 else "0"


def draw_badge(
    surface: pygame.Surface,
    ctx: UIContext,
    label: str,
    pos: tuple[int, int],
    color: Color,
    style: str = "small",
    fill: float = 0.35,
    icon: str | None = None,
) -> pygame.Rect:
    """A rounded label with a coloured outline and light text, led by `icon` (in `color`) when
    given; returns its rectangle.

    `fill` is how much of `color` tints the inside (0: card colour, 1: the colour itself)."""
    text = ctx.text.render(label, style, th.TEXT)
    pad = ctx.theme.px(6)
    h = text.get_height() + ctx.theme.px(4)
    lead = h if icon else 0
    rect = pygame.Rect(pos[0], pos[1], text.get_width() + 2 * pad + lead, h)
    pygame.draw.rect(
        surface, th.lerp_color(th.CARD, color, fill), rect, border_radius=ctx.theme.px(6)
    )
    pygame.draw.rect(surface, color, rect, max(1, ctx.theme.px(2)), border_radius=ctx.theme.px(6))
    if icon:
        bright = th.lerp_color(color, th.TEXT, 0.35)
        draw_icon(surface, icon, (rect.x + pad + h // 2 - 2, rect.centery), h * 3 // 5, bright)
    surface.blit(text, (rect.x + pad + lead, rect.y + ctx.theme.px(2)))
    return rect


@dataclass(slots=True)
class Button:
    """A clickable, focusable button. `active` marks a toggled state (e.g. already liked);
    `switch` (True/False) draws it as a settings row with an on/off switch on its right."""

    id: str
    label: str
    enabled: bool = True
    active: bool = False
    icon: str | None = None
    style: str = "body"
    rect: pygame.Rect = field(default_factory=lambda: pygame.Rect(0, 0, 0, 0))
    switch: bool | None = None
    destructive: bool = False
    """True when it does something that cannot be undone (remove, report, replace, end the
    day): focus never starts on it."""

    def measure(self, ctx: UIContext) -> tuple[int, int]:
        """The size this button wants (a square for an icon without a label)."""
        w = ctx.text.width(self.label, self.style)
        h = ctx.text.line_height(self.style)
        if not self.label:
            return h + ctx.theme.px(14), h + ctx.theme.px(14)
        if self.switch is not None:
            w += 2 * h + ctx.theme.px(16)
        if self.icon:
            w += h
        return w + ctx.theme.px(28), h + ctx.theme.px(14)

    def draw(
        self, surface: pygame.Surface, ctx: UIContext, focused: bool = False, hover: bool = False
    ) -> None:
        """Draw the button (focus ring when `focused`)."""
        if self.active:
            bg, fg = th.BUTTON_ON, th.TEXT
        elif not self.enabled:
            bg, fg = th.DISABLED, th.DISABLED_TEXT
        else:
            bg, fg = (th.BUTTON_HI if hover or focused else th.BUTTON), th.TEXT
        radius = ctx.theme.px(8)
        pygame.draw.rect(surface, bg, self.rect, border_radius=radius)
        if self.active:
            pygame.draw.rect(
                surface, th.TEXT, self.rect, max(1, ctx.theme.px(2)), border_radius=radius
            )
        label = ctx.text.render(self.label, self.style, fg)
        lh = label.get_height()
        x = self.rect.centerx - label.get_width() // 2
        if self.switch is not None:
            x = self.rect.x + ctx.theme.px(14)
            _draw_switch(surface, ctx, self.rect, lh, self.switch)
        if self.icon and not self.label:
            draw_icon(surface, self.icon, self.rect.center, lh * 2 // 3, fg)
        elif self.icon:
            x += lh // 2
            draw_icon(
                surface,
                self.icon,
                (x - lh // 2 - ctx.theme.px(2), self.rect.centery),
                lh * 2 // 3,
                fg,
            )
        surface.blit(label, (x, self.rect.centery - lh // 2))
        if focused:
            draw_focus(surface, self.rect, ctx)


def _draw_switch(
    surface: pygame.Surface, ctx: UIContext, rect: pygame.Rect, lh: int, on: bool
) -> None:
    """An on/off switch at the right of `rect`: a pill with its knob right (on, blue) or left
    (off, grey)."""
    pill = pygame.Rect(0, 0, 2 * lh, lh)
    pill.midright = (rect.right - ctx.theme.px(12), rect.centery)
    pygame.draw.rect(surface, th.BUTTON_ON if on else th.DISABLED, pill, border_radius=lh // 2)
    pygame.draw.rect(surface, th.TEXT, pill, max(1, ctx.theme.px(1)), border_radius=lh // 2)
    knob = (pill.right - lh // 2 if on else pill.x + lh // 2, pill.centery)
    pygame.draw.circle(surface, th.TEXT, knob, lh // 2 - ctx.theme.px(3))


def flow(
    buttons: Sequence[Button], ctx: UIContext, x: int, y: int, width: int, gap: int | None = None
) -> int:
    """Place buttons left to right, wrapping into rows within `width`; returns the bottom y."""
    gap = ctx.theme.px(10) if gap is None else gap
    cx, cy, row_h = x, y, 0
    for button in buttons:
        w, h = button.measure(ctx)
        w = min(w, width)
        if cx > x and cx + w > x + width:
            cx, cy, row_h = x, cy + row_h + gap, 0
        button.rect = pygame.Rect(cx, cy, w, h)
        cx += w + gap
        row_h = max(row_h, h)
    return cy + row_h


def flow_height(
    labels: Sequence[tuple[str, str | None]], ctx: UIContext, width: int, style: str = "body"
) -> int:
    """The height `flow` would use for buttons with these (label, icon) pairs."""
    buttons = [
        Button(str(i), label, icon=icon, style=style) for i, (label, icon) in enumerate(labels)
    ]
    return flow(buttons, ctx, 0, 0, width) if buttons else 0
